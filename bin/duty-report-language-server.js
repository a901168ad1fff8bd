#!/usr/bin/env node
// The language server for any LSP client: duty-report-language-server --stdio
require('../server/out/server.js');
