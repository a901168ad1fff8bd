import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { knowledgeFor } from '../../server/src/core/knowledge';
import { HitList } from '../../server/src/core/hits';
import { countInline, countUnits } from '../../server/src/core/text';
import { scanEvidence } from '../../server/src/core/evidence';
import { PhraseMatcher } from '../../server/src/core/phraseMatcher';
import type { DutyReportConfig } from '../../server/src/core/types';

// Regression tests for the speed work of issue 5: each change that made the core faster (or
// kept it linear) must give the same answers as the plain code it replaced.

// The benchmark corpus's seeded generator, so that the random cases are the same on every run.
const { rng } = require('../../scripts/bench/corpus.js') as { rng: (seed: number) => () => number };

describe('phrase matcher with a dense root table', () => {
  it('finds exactly what indexOf finds, overlaps included, on random text over a small alphabet', () => {
    // Characters that share prefixes, a surrogate pair, NUL and the top of the BMP: the table
    // is indexed by code unit, so all of them must land in it.
    const alphabet = ['进', '一', '步', '加', '强', 'a', 'b', '\u0000', '\uffff', '𠀀'];
    const r = rng(5);
    for (let round = 0; round < 40; round++) {
      const phrases = new Set<string>();
      while (phrases.size < 12) {
        let p = '';
        const n = 1 + Math.floor(r() * 4);
        for (let i = 0; i < n; i++) p += alphabet[Math.floor(r() * alphabet.length)];
        phrases.add(p);
      }
      let text = '';
      for (let i = 0; i < 400; i++) text += alphabet[Math.floor(r() * alphabet.length)];
      const m = new PhraseMatcher<string>();
      phrases.forEach((p) => m.add(p, p));
      const found: string[] = [];
      m.scan(text, 0, text.length, (s, e, v) => {
        assert.equal(text.slice(s, e), v);
        found.push(`${s}:${v}`);
      });
      const expected: string[] = [];
      for (const p of phrases) for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) expected.push(`${i}:${p}`);
      assert.deepEqual(found.sort(), expected.sort(), `round ${round}`);
    }
  });

  it('scans a slice without seeing past its ends', () => {
    const m = new PhraseMatcher<string>();
    ['加强', '强化'].forEach((p) => m.add(p, p));
    const text = '加强化加强';
    const found: string[] = [];
    m.scan(text, 1, 4, (s, e, v) => found.push(`${s}-${e}:${v}`));
    assert.deepEqual(found, ['1-3:强化']);
  });
});

describe('hit list', () => {
  it('keeps every hit in order past its first capacity', () => {
    const tag = { t: 'sig', kind: 'plan', k: 0 } as const;
    const hits = new HitList(0);
    for (let i = 0; i < 5000; i++) hits.push(i, i + 2, tag, i >> 3);
    assert.equal(hits.length, 5000);
    for (const i of [0, 15, 16, 17, 1023, 1024, 4999]) assert.deepEqual(hits.at(i), { start: i, end: i + 2, tag, block: i >> 3 });
  });
});

describe('bounded searches (no rescans to the end of the document)', () => {
  it('an unclosed link target, tag or comment counts only to the end of its own line', () => {
    const line = '见[通知](未闭合的链接 本人完成了任务';
    const next = '\n下一行)有十个字的正文内容>-->';
    const text = line + next;
    // The line's own text all counts: nothing closes on it.
    assert.equal(countInline(text, 0, line.length), countUnits(text, 0, line.length));
    assert.equal(countInline('<b 没有闭合 正文', 0, 10), countUnits('<b 没有闭合 正文', 0, 10));
    assert.equal(countInline('前文<!-- 未闭合的注释', 0, 12), countUnits('前文', 0, 2));
    // Closed on the line: the target, tag and comment are not report text.
    assert.equal(countInline('见[通知](a.md)正文', 0, 14), countUnits('见[通知]正文', 0, 7));
    assert.equal(countInline('正<b>文</b>', 0, 9), 2);
  });

  it('a 《 whose 》 lies past the clause does not make the clause concrete', () => {
    const t = '认真学习《条例，效果明显。后文》';
    assert.equal(scanEvidence(t, 0, 12).name, false);
    assert.equal(scanEvidence('修订了《条例》', 0, 7).name, true);
    // A title studied names what was read, not what was done.
    assert.equal(scanEvidence('认真学习《条例》', 0, 8).name, false);
  });

  it('reads inline directives in any block, after code blocks that hold comment markers', () => {
    const text = [
      '# 2024年述职报告',
      '',
      '一、主要工作',
      '',
      '```',
      '<!-- duty-report-disable vague-phrase -->',
      '```',
      '',
      ...Array.from({ length: 50 }, (_, i) => `本人第${i + 1}项工作按计划完成。\n`),
      '本人圆满完成了任务。<!-- duty-report-disable-line vague-phrase -->',
      '',
      '本人圆满完成了任务。',
    ].join('\n');
    const vague = analyze(text).findings.filter((f) => f.rule === 'vague-phrase');
    const lines = text.split('\n');
    const silenced = lines.findIndex((l) => l.includes('disable-line'));
    assert.ok(!vague.some((f) => f.range.start.line === silenced), 'the inline directive still silences its line');
    assert.ok(vague.some((f) => f.range.start.line === lines.length - 1), 'the comment inside the code block silences nothing');
  });

  it('a CR-only draft has the same outline and findings as its LF original', () => {
    const lf = [
      '# 2024年度述职报告',
      '',
      '一、主要工作',
      '本人全年办理群众诉求12件，圆满完成了任务。',
      '二、存在的问题',
      '一是理论学习不够系统。',
      '三、下步打算',
      '2025年3月底前完成专题学习。',
    ].join('\n');
    const cr = lf.replace(/\n/g, '\r');
    const a = analyze(lf);
    const b = analyze(cr);
    assert.deepEqual(
      b.stats.sections.map((s) => s.title),
      a.stats.sections.map((s) => s.title),
    );
    assert.deepEqual(
      b.findings.map((f) => [f.rule, f.range]),
      a.findings.map((f) => [f.rule, f.range]),
    );
  });
});

describe('knowledge cache', () => {
  it('builds the automaton once per configuration object, and never for one that changes nothing', () => {
    const lexicon = { add: [{ phrase: '稳步推进', kind: 'inflated-adverb', reason: 'r', suggest: 's' }] } as DutyReportConfig['lexicon'];
    const config = { lexicon, rules: { 'vague-phrase': 'warning' } } as DutyReportConfig;
    const a = knowledgeFor(config);
    assert.equal(knowledgeFor(config), a, 'the same object: built once (the server and the CLI keep theirs)');
    assert.notEqual(a, knowledgeFor(undefined), 'a lexicon of its own');
    assert.equal(knowledgeFor({ rules: { 'vague-phrase': 'off' } } as DutyReportConfig), knowledgeFor(undefined), 'rule settings alone: the built-in knowledge');
    assert.equal(knowledgeFor({} as DutyReportConfig), knowledgeFor(undefined), 'a fresh empty copy (what a worker thread receives): the built-in knowledge');
    // A caller's mistake in a part's type neither throws nor is taken for a part.
    assert.equal(knowledgeFor({ lexicon: 'oops' } as unknown as DutyReportConfig), knowledgeFor(undefined));
  });

  it('still applies a configuration lexicon entry with a fresh object each time', () => {
    const lexicon = { add: [{ phrase: '稳步推进', kind: 'inflated-adverb', reason: '不具体', suggest: '写明进度' }] } as DutyReportConfig['lexicon'];
    const text = '# 2024年述职报告\n\n一、主要工作\n\n本人稳步推进各项工作。\n';
    for (let i = 0; i < 2; i++) {
      const r = analyze(text, { config: { lexicon, rules: {} } as DutyReportConfig });
      const hit = r.findings.find((f) => f.rule === 'vague-phrase' && f.range.start.line === 4 && f.range.start.character === 2);
      assert.equal(hit?.range.end.character, 2 + '稳步推进'.length, JSON.stringify(r.findings.map((f) => [f.rule, f.range])));
    }
  });
});
