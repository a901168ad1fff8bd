import * as assert from 'node:assert/strict';
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
