#!/usr/bin/env node
// The bundled CLI (node esbuild.js writes server/out/cli.js).
require('../server/out/cli.js');
