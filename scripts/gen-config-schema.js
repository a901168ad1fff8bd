#!/usr/bin/env node
'use strict';
// Writes schemas/duty-report.schema.json from the one description of the configuration's shape
// (server/src/core/config/shape.ts, written out by config/schema.ts).
//
//   node scripts/gen-config-schema.js           write the file if it changed
//   node scripts/gen-config-schema.js --check   write nothing; exit 1 if the file is stale
//
// test/unit/config.test.ts fails too when the checked-in file differs (as markdownlint does for
// its schema), so a change to the shape, a rule's description or a built-in profile shows up
// there until this is run.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const TARGET = 'schemas/duty-report.schema.json';
const CHECK = process.argv.includes('--check');

/** config/schema.ts bundled from source in memory and evaluated. */
async function loadSchemaModule() {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/core/config/schema.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    loader: { '.md': 'text' },
  });
  const m = new Module('gen-config-schema', module);
  m._compile(result.outputFiles[0].text, path.join(ROOT, 'gen-config-schema-bundle.js'));
  return m.exports;
}

async function main() {
  const { configJsonSchemaText } = await loadSchemaModule();
  const text = configJsonSchemaText();
  const file = path.join(ROOT, TARGET);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === text) {
    if (!CHECK) process.stdout.write(`${TARGET} is current\n`);
    return;
  }
  if (CHECK) {
    process.stderr.write(`${TARGET} is stale: run \`node scripts/gen-config-schema.js\`\n`);
    process.exit(1);
  }
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${TARGET}\n`);
}

main().catch((err) => {
  process.stderr.write(`gen-config-schema: ${err.message}\n`);
  process.exit(2);
});
