#!/usr/bin/env node
'use strict';
// Peak memory of one contender on the 1M-字 report, in a process of its own so that nothing
// else's garbage counts: node scripts/bench/memory.js ours|floor|textlint [size]
// Prints JSON: peak resident set (maxRSS) before and after the work, in MiB.
const path = require('path');
const { generateReport } = require('./corpus');

async function main() {
  const which = process.argv[2];
  const size = Number(process.argv[3] ?? 1000000);
  let work;
  if (which === 'ours') {
    const { analyze } = require('../../server/out/core.js');
    work = (t) => analyze(t).findings.length;
  } else if (which === 'floor') {
    const MarkdownIt = require('markdown-it');
    const lexicon = require('../../server/src/core/data/lexicon.json');
    const { AhoCorasick, countUnits } = require('./floor');
    const md = new MarkdownIt();
    const matcher = new AhoCorasick(lexicon.entries.map((e) => e.phrase));
    work = (t) => md.parse(t, {}).length + countUnits(t) + matcher.count(t);
  } else if (which === 'textlint') {
    const { createTextlint } = require('./textlint');
    const os = require('os');
    const dir = path.join(os.tmpdir(), `duty-report-bench-mem-${process.pid}`);
    const tl = await createTextlint(dir);
    process.on('exit', () => require('fs').rmSync(dir, { recursive: true, force: true }));
    work = async (t) => (await tl.lint(t)).messages.length;
  } else {
    throw new Error(`usage: memory.js ours|floor|textlint [size]`);
  }
  const text = generateReport(size, 2);
  // Baseline: modules loaded and the text in memory, the same for every contender.
  await work(generateReport(1000, 1));
  global.gc?.();
  const before = process.resourceUsage().maxRSS;
  const out = await work(text);
  const after = process.resourceUsage().maxRSS;
  const mib = (kb) => Math.round((kb / 1024) * 10) / 10;
  process.stdout.write(JSON.stringify({ which, chars: text.length, baselineMiB: mib(before), peakMiB: mib(after), addedMiB: mib(after - before), out }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
