import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/index';

// The benchmark's own pieces are plain JS under scripts/bench; esbuild bundles them in here.
const { generateReport } = require('../../scripts/bench/corpus.js') as { generateReport: (size: number, seed?: number) => string };
const { AhoCorasick } = require('../../scripts/bench/floor.js') as { AhoCorasick: new (phrases: string[]) => { count(text: string): number } };

function naiveCount(text: string, phrases: string[]): number {
  let n = 0;
  for (const p of phrases) for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) n++;
  return n;
}

describe('benchmark corpus and floor', () => {
  it('generates the same report for the same seed and size, and another for another seed', () => {
    assert.equal(generateReport(5000, 1), generateReport(5000, 1));
    assert.notEqual(generateReport(5000, 1), generateReport(5000, 2));
  });

  it('writes reports of about the asked 字数, in both outline styles, that read as reports', () => {
    for (const [size, seed] of [
      [1000, 1],
      [20000, 2],
    ]) {
      const text = generateReport(size, seed);
      const r = analyze(text);
      assert.ok(r.stats.units > size * 0.8 && r.stats.units < size * 1.3, `${size}: ${r.stats.units}`);
      assert.ok(r.stats.shares.achievements > 0 && r.stats.shares.problems > 0 && r.stats.shares.plans > 0, JSON.stringify(r.stats.shares));
      assert.ok(r.stats.vaguePhrases.length > 0, 'carries vague phrases');
      assert.ok(text.includes('| --- |'), 'carries a table');
      assert.equal(text.includes('\n## '), seed % 2 === 0, 'Markdown headings for even seeds, plain markers for odd');
    }
  });

  it('Aho-Corasick counts every occurrence, overlapping ones included, as indexOf does', () => {
    const phrases = ['进一步', '进一步加强', '加强', '一步', 'abab', 'bab'];
    const text = `进一步加强作风，进一步加强进一步。ababab 加强加强 ${generateReport(1000, 3)}`;
    assert.equal(new AhoCorasick(phrases).count(text), naiveCount(text, phrases));
  });
});

describe('benchmark contenders', function () {
  this.timeout(180000);

  it('textlint with prh is loaded with our whole lexicon and reports its phrases where they stand', async () => {
    // Required at run time, not bundled: textlint stays a package of its own.
    const benchDir = path.resolve(__dirname, '..', '..', 'scripts', 'bench');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTextlint } = require(path.join(benchDir, 'textlint.js')) as { createTextlint: (dir: string) => Promise<{ lint(t: string): Promise<{ messages: { index: number; message: string }[] }> }> };
    const lexicon = analyzeLexicon();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-bench-tl-'));
    try {
      const tl = await createTextlint(dir);
      const rules = fs.readFileSync(path.join(dir, 'prh.yml'), 'utf8').match(/^ {4}pattern: /gm) ?? [];
      assert.equal(rules.length, lexicon.length, 'one prh rule per lexicon phrase');
      // Three phrases, apart from each other, in report text.
      const phrases = [lexicon[0], lexicon[Math.floor(lexicon.length / 2)], lexicon[lexicon.length - 1]];
      const text = `# 述职报告\n\n一、主要工作\n\n本人${phrases[0]}，办理群众诉求。\n\n他${phrases[1]}。\n\n最后${phrases[2]}。\n`;
      const r = await tl.lint(text);
      for (const p of phrases) {
        assert.ok(
          r.messages.some((m) => m.message.startsWith(`${p} => `) && m.index === text.indexOf(p)),
          `${p}: ${JSON.stringify(r.messages.map((m) => [m.index, m.message]))}`,
        );
      }
      // and nothing that is not one of our phrases
      for (const m of r.messages) {
        const phrase = m.message.split(' => ')[0];
        assert.ok(lexicon.includes(phrase) && text.startsWith(phrase, m.index), m.message);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm run bench -- --quick runs every part and writes every ratio', () => {
    const root = path.resolve(__dirname, '..', '..');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench', 'run.js'), '--quick'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(fs.readFileSync(path.join(root, 'test-artifacts', 'bench', 'results-quick.json'), 'utf8'));
    const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
    for (const row of out.inProcess.rows) assert.ok([row.oursMs, row.floorMs, row.textlintMs, row.oursPerFloor, row.textlintPerOurs].every(positive), JSON.stringify(row));
    assert.ok(positive(out.inProcess.linearity));
    assert.ok([out.server.oursMs, out.server.noopMs, out.server.ratio, out.server.replayMs, out.server.replayRatio].every(positive), JSON.stringify(out.server));
    assert.ok(out.server.diagnostics > 0, 'the server answered with its findings, not an empty list');
    assert.ok([out.cli.oursMs, out.cli.oneThreadMs, out.cli.allCoresMs, out.cli.textlintMs].every(positive), JSON.stringify(out.cli));
    assert.ok(['ours', 'floor', 'textlint'].every((w) => positive(out.memory[w].peakMiB)), JSON.stringify(out.memory));
    // The table the README shows is printed.
    assert.match(r.stdout, /analyze ÷ floor/);
    assert.match(r.stdout, /server ÷ no-op server/);
  });
});

function analyzeLexicon(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../server/src/core/data/lexicon.json') as { entries: { phrase: string }[] }).entries.map((e) => e.phrase);
}
