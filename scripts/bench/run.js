#!/usr/bin/env node
'use strict';
// `npm run bench`: our analyze() per document against the floor, the least any correct checker
// must do (parse the Markdown once with markdown-it, count 字数 in one pass, find every lexicon
// phrase in one Aho-Corasick pass), on seeded reports of 1k to 1M 字. Medians after warm-up;
// ratios are what to compare, since these machines are shared and noisy.
// Writes test-artifacts/bench/results.json.
const fs = require('fs');
const path = require('path');
const MarkdownIt = require('markdown-it');
const { analyze } = require('../../server/out/core.js');
const lexicon = require('../../server/src/core/data/lexicon.json');
const { generateReport } = require('./corpus');
const { AhoCorasick, countUnits } = require('./floor');

const ROOT = path.resolve(__dirname, '..', '..');
const SIZES = [1000, 5000, 20000, 100000, 1000000];
const OUT = path.join(ROOT, 'test-artifacts', 'bench', 'results.json');

const md = new MarkdownIt();
const matcher = new AhoCorasick(lexicon.entries.map((e) => e.phrase));

function floor(text) {
  const tokens = md.parse(text, {});
  return tokens.length + countUnits(text) + matcher.count(text);
}

/** Median milliseconds of `fn(text)` after warm-up; repeats until about `budgetMs` is spent. */
function median(fn, text, budgetMs) {
  for (let i = 0; i < 3; i++) fn(text);
  const times = [];
  const start = performance.now();
  while (times.length < 5 || (performance.now() - start < budgetMs && times.length < 200)) {
    const t0 = performance.now();
    fn(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], runs: times.length };
}

function main() {
  const rows = [];
  for (const size of SIZES) {
    const text = generateReport(size, size % 2 === 0 ? 2 : 1);
    const budget = size >= 1000000 ? 4000 : 1500;
    const ours = median((t) => analyze(t), text, budget);
    const base = median(floor, text, budget);
    rows.push({ size, chars: text.length, oursMs: ours.ms, floorMs: base.ms, ratio: ours.ms / base.ms, runs: ours.runs });
  }
  const perChar = rows.map((r) => r.oursMs / r.chars);
  const growth = perChar[perChar.length - 1] / perChar[2];
  const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  console.log('size (字)  chars      ours ms   floor ms  ours/floor  runs');
  for (const r of rows) {
    console.log(`${String(r.size).padEnd(10)} ${String(r.chars).padEnd(10)} ${fmt(r.oursMs).padStart(8)} ${fmt(r.floorMs).padStart(10)} ${r.ratio.toFixed(2).padStart(11)}  ${r.runs}`);
  }
  console.log(`cost per character, 1M 字 against 20k 字: ${growth.toFixed(2)}× (1.00 = linear)`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({ node: process.version, date: new Date().toISOString(), rows, linearity: growth }, null, 2) + '\n');
  console.log(`written: ${path.relative(ROOT, OUT)}`);
}

main();
