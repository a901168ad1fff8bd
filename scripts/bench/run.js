#!/usr/bin/env node
'use strict';
// `npm run bench`: how the checker compares, in one run, with what a user could run instead.
//   1. analyze() per document, in process, on seeded reports of 1k to 1M 字;
//   2. the floor, the least any correct checker must do (one markdown-it parse, one 字数 pass,
//      one Aho-Corasick pass over the lexicon), interleaved with 1 so both meet the same noise;
//   3. textlint + its Markdown plugin + textlint-rule-prh loaded with the same phrase list;
//   4. the language server over stdio, one edit in the middle of a 20k-字 report, against a
//      server that answers with no analysis (with no diagnostics, and with ours replayed);
//   5. the CLI over 1,000 reports, whole process, on all cores and on one, against textlint's CLI,
//      and over 200 reports as Word files against the same reports as Markdown;
//   6. peak memory on the 1M-字 report, each contender in a process of its own.
// Ratios, not absolute times, are what to compare: these machines are shared and noisy.
// Writes test-artifacts/bench/results.json. `--quick` runs a small version of everything (to
// check that the benchmark itself works); its figures mean little.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const MarkdownIt = require('markdown-it');
const { analyze } = require('../../server/out/core.js');
const lexicon = require('../../server/src/core/data/lexicon.json');
const { generateReport, rng } = require('./corpus');
const { AhoCorasick, countUnits } = require('./floor');
const { interleaved, median, fmt } = require('./measure');
const { createTextlint, TEXTLINT_BIN } = require('./textlint');
const { roundTrips } = require('./lsp');

const ROOT = path.resolve(__dirname, '..', '..');
const QUICK = process.argv.includes('--quick');
const OUT = path.join(ROOT, 'test-artifacts', 'bench', QUICK ? 'results-quick.json' : 'results.json');
const SCRATCH = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-bench-'));

const SIZES = QUICK ? [1000, 20000] : [1000, 5000, 20000, 100000, 1000000];
/** Seeds per size (several for short reports, so one text's quirks do not decide), and rounds. */
function plan(size) {
  if (QUICK) return { seeds: [1, 2], rounds: 3, warmup: 2, textlintRounds: 1 };
  // Short reports: 200 warm-up rounds (1,200 calls). After 40, V8 was still tiering up the
  // analysis (ours measured 2.1× the floor, falling to 1.7× by round 150 while the floor barely
  // moved); an editor session or a batch runs warm, so the steady state is what counts.
  if (size <= 5000) return { seeds: [1, 2, 3, 4, 5, 6], rounds: 40, warmup: 200, textlintRounds: 8 };
  if (size <= 20000) return { seeds: [1, 2, 3, 4], rounds: 25, warmup: 15, textlintRounds: 6 };
  if (size <= 100000) return { seeds: [1, 2], rounds: 12, warmup: 4, textlintRounds: 4 };
  return { seeds: [2], rounds: 7, warmup: 2, textlintRounds: 2 };
}
const BATCH_FILES = QUICK ? 40 : 1000;
const CLI_RUNS = QUICK ? 1 : 3;

const md = new MarkdownIt();
const matcher = new AhoCorasick(lexicon.entries.map((e) => e.phrase));
function floor(text) {
  return md.parse(text, {}).length + countUnits(text) + matcher.count(text);
}

async function inProcess(textlint) {
  const rows = [];
  for (const size of SIZES) {
    const p = plan(size);
    const texts = p.seeds.map((s) => generateReport(size, s));
    const chars = Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);
    const [ours, base] = await interleaved(
      [
        { name: 'ours', fn: (t) => analyze(t) },
        { name: 'floor', fn: floor },
      ],
      texts,
      { rounds: p.rounds, warmup: p.warmup },
    );
    // textlint is 20–100 times slower: fewer rounds, measured on its own after one warm-up.
    const [tl] = await interleaved([{ name: 'textlint', fn: (t) => textlint.lint(t) }], texts, { rounds: p.textlintRounds, warmup: 1 });
    rows.push({ size, chars, texts: texts.length, oursMs: ours.ms, floorMs: base.ms, textlintMs: tl.ms, oursPerFloor: ours.ms / base.ms, textlintPerOurs: tl.ms / ours.ms });
    process.stderr.write(`  in process ${size} 字: ours ${fmt(ours.ms)} ms, floor ${fmt(base.ms)} ms, textlint ${fmt(tl.ms)} ms\n`);
  }
  // Linear cost: time per character at the largest size against the 20k size.
  const at = (s) => rows.find((r) => r.size === s);
  const big = rows[rows.length - 1];
  const linearity = big.oursMs / big.chars / (at(20000).oursMs / at(20000).chars);
  return { rows, linearity };
}

async function server() {
  const text = generateReport(20000, 2);
  const edits = QUICK ? 10 : 120;
  const warmup = QUICK ? 3 : 30;
  // debounceMs 0: the debounce is a chosen wait, not work; the work after it is what is timed.
  const noop = await roundTrips([path.join(__dirname, 'noop-server.js')], text, { edits, warmup });
  const ours = await roundTrips([path.join(ROOT, 'server', 'out', 'server.js')], text, { edits, warmup, settings: { debounceMs: 0 } });
  // The no-op again, now sending our diagnostics unchanged: splits the gap into what the
  // analysis costs and what carrying a report's worth of diagnostics costs.
  const replayFile = path.join(SCRATCH, 'replay.json');
  fs.writeFileSync(replayFile, JSON.stringify(ours.lastDiagnostics));
  const replay = await roundTrips([path.join(__dirname, 'noop-server.js'), '--replay', replayFile], text, { edits, warmup });
  const withDebounce = await roundTrips([path.join(ROOT, 'server', 'out', 'server.js')], text, { edits: QUICK ? 2 : 8, warmup: 2, settings: {} });
  process.stderr.write(
    `  server: ours ${fmt(ours.ms)} ms (${ours.diagnostics} diagnostics), no-op ${fmt(noop.ms)} ms, no-op sending the same diagnostics ${fmt(replay.ms)} ms, ours with the default debounce ${fmt(withDebounce.ms)} ms\n`,
  );
  return {
    chars: text.length,
    oursMs: ours.ms,
    noopMs: noop.ms,
    ratio: ours.ms / noop.ms,
    replayMs: replay.ms,
    replayRatio: ours.ms / replay.ms,
    defaultDebounceMs: withDebounce.ms,
    diagnostics: ours.diagnostics,
    edits: ours.runs,
  };
}

function writeBatch(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const r = rng(20241220);
  let units = 0;
  for (let i = 0; i < BATCH_FILES; i++) {
    // Real reports run from about 1,500 to 6,000 字.
    const size = 1500 + Math.floor(r() * 4500);
    units += size;
    fs.writeFileSync(path.join(dir, `report-${String(i).padStart(4, '0')}.md`), generateReport(size, i + 1));
  }
  return Math.round(units / BATCH_FILES);
}

/** Wall time of a whole command, in ms; exit codes 0 and 1 (findings) are both success. */
function wall(argv) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: SCRATCH, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
}

function cli(textlintConfig) {
  const dir = path.join(SCRATCH, 'batch');
  const meanUnits = writeBatch(dir);
  const cliBin = path.join(ROOT, 'bin', 'duty-report.js');
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const runs = { ours: [], oneThread: [], allCores: [], textlint: [] };
  for (let i = 0; i < CLI_RUNS; i++) {
    // ours as shipped (threads only from four cores), one thread, and a thread per core
    runs.ours.push(wall([cliBin, 'check', dir, '--format', 'json']));
    runs.oneThread.push(wall([cliBin, 'check', dir, '--format', 'json', '--jobs', '1']));
    runs.allCores.push(wall([cliBin, 'check', dir, '--format', 'json', '--jobs', String(cores)]));
    runs.textlint.push(wall([TEXTLINT_BIN, '--config', textlintConfig, '--format', 'json', dir]));
  }
  const ours = median(runs.ours);
  const one = median(runs.oneThread);
  const all = median(runs.allCores);
  const tl = median(runs.textlint);
  process.stderr.write(`  CLI over ${BATCH_FILES} reports: ours ${fmt(ours)} ms (one thread ${fmt(one)} ms, ${cores} threads ${fmt(all)} ms), textlint ${fmt(tl)} ms\n`);
  return { files: BATCH_FILES, meanUnits, cores, oursMs: ours, oneThreadMs: one, allCoresMs: all, textlintMs: tl, textlintPerOurs: tl / ours, threadSpeedup: one / all };
}

/**
 * The same reports as Word files and as Markdown, each batch checked by the CLI as a whole
 * process: what reading .docx costs a reviewer over a folder of drafts.
 */
async function wordBatch() {
  const files = QUICK ? 20 : 200;
  // The exporter, bundled from source for this run (the CLI bundle has no library entry).
  const bundle = path.join(SCRATCH, 'export.js');
  require('esbuild').buildSync({ entryPoints: [path.join(ROOT, 'server/src/node/export/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, loader: { '.md': 'text' }, logLevel: 'warning' });
  const { exportDocx } = require(bundle);
  const mdDir = path.join(SCRATCH, 'word-md');
  const docxDir = path.join(SCRATCH, 'word-docx');
  fs.mkdirSync(mdDir, { recursive: true });
  fs.mkdirSync(docxDir, { recursive: true });
  const r = rng(20261204);
  let units = 0;
  for (let i = 0; i < files; i++) {
    const size = 1500 + Math.floor(r() * 4500);
    units += size;
    const text = generateReport(size, 5000 + i);
    const name = `report-${String(i).padStart(4, '0')}`;
    fs.writeFileSync(path.join(mdDir, `${name}.md`), text);
    fs.writeFileSync(path.join(docxDir, `${name}.docx`), await exportDocx(text));
  }
  const cliBin = path.join(ROOT, 'bin', 'duty-report.js');
  const md = [];
  const docx = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    md.push(wall([cliBin, 'check', mdDir, '--format', 'json']));
    docx.push(wall([cliBin, 'check', docxDir, '--format', 'json']));
  }
  const out = { files, meanUnits: Math.round(units / files), mdMs: median(md), docxMs: median(docx) };
  out.docxPerMd = out.docxMs / out.mdMs;
  process.stderr.write(`  CLI over ${files} reports: as .docx ${fmt(out.docxMs)} ms, as .md ${fmt(out.mdMs)} ms\n`);
  return out;
}

function memory() {
  const size = QUICK ? 100000 : 1000000;
  const out = {};
  for (const which of ['ours', 'floor', 'textlint']) {
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'memory.js'), which, String(size)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory.js ${which} failed: ${r.stderr}`);
    out[which] = JSON.parse(r.stdout);
  }
  process.stderr.write(`  memory on ${size} 字: ours +${out.ours.addedMiB} MiB, floor +${out.floor.addedMiB} MiB, textlint +${out.textlint.addedMiB} MiB\n`);
  return { size, ...out, oursPerFloor: out.ours.addedMiB / out.floor.addedMiB, textlintPerOurs: out.textlint.addedMiB / out.ours.addedMiB };
}

function table(result) {
  const lines = [];
  const { inProcess: ip, server: sv, cli: c, memory: m } = result;
  lines.push('| 对比 / comparison | 本工具 / ours | 对照 / other | 比值 / ratio |');
  lines.push('|---|---:|---:|---:|');
  for (const r of ip.rows) {
    const label = r.size >= 1000000 ? `${r.size / 1000000}M` : `${r.size / 1000}k`;
    lines.push(`| ${label} 字：analyze ÷ floor | ${fmt(r.oursMs)} ms | ${fmt(r.floorMs)} ms | ${r.oursPerFloor.toFixed(2)}× |`);
  }
  for (const r of ip.rows) {
    const label = r.size >= 1000000 ? `${r.size / 1000000}M` : `${r.size / 1000}k`;
    lines.push(`| ${label} 字：textlint ÷ analyze | ${fmt(r.oursMs)} ms | ${fmt(r.textlintMs)} ms | ${r.textlintPerOurs.toFixed(1)}× |`);
  }
  lines.push(`| 每字符耗时 ${SIZES[SIZES.length - 1] >= 1000000 ? '1M' : 'max'} ÷ 20k / cost per char (1.00 = linear) | | | ${ip.linearity.toFixed(2)}× |`);
  lines.push(`| 20k 字一次编辑到诊断：server ÷ no-op server | ${fmt(sv.oursMs)} ms | ${fmt(sv.noopMs)} ms | ${sv.ratio.toFixed(1)}× |`);
  lines.push(`| 同上，no-op 发送同样 ${sv.diagnostics} 条诊断 / same, no-op sending the same diagnostics | ${fmt(sv.oursMs)} ms | ${fmt(sv.replayMs)} ms | ${sv.replayRatio.toFixed(1)}× |`);
  lines.push(`| CLI ${c.files} 篇：textlint ÷ ours | ${fmt(c.oursMs)} ms | ${fmt(c.textlintMs)} ms | ${c.textlintPerOurs.toFixed(1)}× |`);
  lines.push(`| CLI ${c.files} 篇：一个线程 ÷ ${c.cores} 个线程 / one thread ÷ a thread per core | ${fmt(c.allCoresMs)} ms | ${fmt(c.oneThreadMs)} ms | ${c.threadSpeedup.toFixed(2)}× |`);
  const w = result.word;
  lines.push(`| CLI ${w.files} 篇 Word 文件：.docx ÷ 同样的 .md / the same reports as .docx ÷ as .md | ${fmt(w.docxMs)} ms | ${fmt(w.mdMs)} ms | ${w.docxPerMd.toFixed(2)}× |`);
  lines.push(`| ${m.size >= 1000000 ? '1M' : `${m.size / 1000}k`} 字峰值内存增量：ours ÷ floor / peak memory added | ${m.ours.addedMiB} MiB | ${m.floor.addedMiB} MiB | ${m.oursPerFloor.toFixed(2)}× |`);
  lines.push(`| 同上：textlint ÷ ours / same, textlint ÷ ours | ${m.ours.addedMiB} MiB | ${m.textlint.addedMiB} MiB | ${m.textlintPerOurs.toFixed(1)}× |`);
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  process.stderr.write(`bench${QUICK ? ' --quick' : ''}: node ${process.version}, ${os.availableParallelism?.() ?? os.cpus().length} cores\n`);
  try {
    const textlint = await createTextlint(path.join(SCRATCH, 'textlint'));
    const result = { node: process.version, cores: os.availableParallelism?.() ?? os.cpus().length, quick: QUICK, date: new Date().toISOString() };
    result.inProcess = await inProcess(textlint);
    result.server = await server();
    result.cli = cli(textlint.configFile);
    result.word = await wordBatch();
    result.memory = memory();
    result.seconds = Math.round((performance.now() - started) / 1000);
    console.log(table(result));
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwritten: ${path.relative(ROOT, OUT)} (${result.seconds} s)`);
  } finally {
    fs.rmSync(SCRATCH, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
