'use strict';
// textlint with its Markdown plugin and textlint-rule-prh, loaded with the SAME phrase list as
// our lexicon: the tool a user could pick instead, doing the same phrase job. Each lexicon
// phrase becomes one prh rule whose expected text differs from it, so every occurrence is
// reported, as ours are.
const fs = require('fs');
const path = require('path');
const lexicon = require('../../server/src/core/data/lexicon.json');

const ROOT = path.resolve(__dirname, '..', '..');

/** Writes prh.yml and .textlintrc.json into `dir`; returns the config file's path. */
function writeTextlintConfig(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const rules = lexicon.entries.map((e) => `  - expected: ${JSON.stringify(`〔${e.phrase}：请写具体〕`)}\n    pattern: ${JSON.stringify(e.phrase)}\n`);
  fs.writeFileSync(path.join(dir, 'prh.yml'), `version: 1\nrules:\n${rules.join('')}`);
  const configFile = path.join(dir, '.textlintrc.json');
  fs.writeFileSync(configFile, JSON.stringify({ rules: { prh: { rulePaths: ['./prh.yml'] } } }, null, 2) + '\n');
  return configFile;
}

/** An in-process textlint linter over that config. */
async function createTextlint(dir) {
  const configFile = writeTextlintConfig(dir);
  const { createLinter, loadTextlintrc } = require('textlint');
  const descriptor = await loadTextlintrc({ configFilePath: configFile, node_modulesDir: path.join(ROOT, 'node_modules') });
  const linter = createLinter({ descriptor, cwd: dir });
  const file = path.join(dir, 'report.md');
  return { lint: (text) => linter.lintText(text, file), configFile };
}

/** textlint's own command line. */
const TEXTLINT_BIN = path.join(ROOT, 'node_modules', 'textlint', 'bin', 'textlint.js');

module.exports = { writeTextlintConfig, createTextlint, TEXTLINT_BIN };
