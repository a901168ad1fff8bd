#!/usr/bin/env node
// Runs every test file with mocha and ends with the one line CI reads:
// "N passed, N failed". Exit code is non-zero on any failure or when no test ran.
// Order: bundled unit and protocol tests (test/out), then Neovim (test/nvim), then the real
// VS Code (test/e2e): cheap gates first.
const path = require('path');
const fs = require('fs');
const mochaModule = require('mocha');
const Mocha = mochaModule.Mocha ?? mochaModule.default ?? mochaModule;

const only = process.argv.slice(2);
const files = ['out', 'nvim', 'e2e'].flatMap((sub) => {
  const dir = path.join(__dirname, sub);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
    .map((f) => path.join(dir, f));
});

// The editor tests need Debian packages and code-server: test/setup.sh installs what is missing.
// A failed setup counts as a failure (and the tests that need it say why), but the unit tests
// still run and the summary line is still printed.
let setupFailed = 0;
if (files.some((f) => /[\\/](?:nvim|e2e)[\\/]/.test(f))) {
  const r = require('child_process').spawnSync('bash', [path.join(__dirname, 'setup.sh')], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`test/setup.sh failed (exit ${r.status ?? r.signal})`);
    setupFailed = 1;
  }
}

const mocha = new Mocha({ reporter: 'spec', timeout: 60000 });
files.forEach((f) => mocha.addFile(f));

let passed = 0;
let failed = setupFailed;
mocha
  .loadFilesAsync()
  .then(() => {
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed`);
      process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  })
  .catch((err) => {
    console.error(err);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exitCode = 1;
  });
