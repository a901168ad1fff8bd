#!/usr/bin/env node
'use strict';
// `npm run readme-sample`: writes the README's sample output blocks from what the built CLI
// prints for the bundled draft, so the README never shows a score or a message the checker no
// longer gives. `--check` writes nothing and exits 1 when a block is stale (a unit test runs it).
// Needs the build (`npm run build`): it runs bin/duty-report.js as `npm run sample` does.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CHECK = process.argv.includes('--check');
// `--readme FILE` checks or writes another copy (the test's tampered one).
const README_ARG = process.argv.indexOf('--readme');
const SAMPLE = 'samples/村党支部书记述职报告-初稿.md';
// The first finding of each of these rules, then the summary line: a cause-less draft's story.
const RULES = ['generic-problem', 'no-subjective-cause'];

/** What `check samples` prints for the sample draft, in one locale. */
function cliLines(locale) {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'duty-report.js'), 'check', 'samples', '--locale', locale], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // 0 and 1 are results; anything else means the CLI itself failed.
  if (res.status !== 0 && res.status !== 1) throw new Error(`duty-report check samples exited ${res.status ?? res.signal}:\n${res.stderr}`);
  const lines = res.stdout.split('\n');
  const start = lines.indexOf(SAMPLE);
  if (start === -1) throw new Error(`${SAMPLE} is not in the output of check samples`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** A finding line cut after its first sentence, so the block stays readable. */
function shorten(line, locale) {
  const stop = locale === 'zh' ? line.indexOf('。') : line.search(/\. /);
  return stop === -1 || stop >= line.length - 2 ? line : `${line.slice(0, stop + 1)}${locale === 'zh' ? '……' : ' …'}`;
}

function block(locale) {
  const lines = cliLines(locale);
  const picked = RULES.map((rule) => {
    const line = lines.find((l) => l.startsWith(`${SAMPLE}:`) && l.split(/\s{2,}/)[2] === rule);
    if (!line) throw new Error(`no ${rule} finding for ${SAMPLE} (${locale}); pick other rules for the README sample`);
    return shorten(line, locale);
  });
  const summary = lines.find((l) => /^  \S/.test(l));
  if (!summary) throw new Error(`no summary line for ${SAMPLE} (${locale})`);
  return ['```', ...picked, summary, '```'].join('\n');
}

function main() {
  const file = README_ARG === -1 ? path.join(ROOT, 'README.md') : path.resolve(process.argv[README_ARG + 1]);
  const readme = fs.readFileSync(file, 'utf8');
  let out = readme;
  for (const locale of ['zh', 'en']) {
    const re = new RegExp(`(<!-- sample-${locale}:start[^\\n]*-->\\n)[\\s\\S]*?(\\n<!-- sample-${locale}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no sample-${locale} markers`);
    const body = block(locale);
    out = out.replace(re, (_, open, close) => `${open}${body}${close}`);
  }
  if (out === readme) {
    console.log('README sample output is current');
    return;
  }
  if (CHECK) {
    console.error(`${path.basename(file)}: the sample output is stale; run \`npm run build && npm run readme-sample\``);
    process.exitCode = 1;
    return;
  }
  fs.writeFileSync(file, out);
  console.log('README.md: sample output rewritten');
}

main();
