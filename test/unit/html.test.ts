import * as assert from 'node:assert/strict';
import type { AnalysisResult, Finding, SectionStat } from '../../server/src/core/types';
import { escapeHtml, rankReports, renderBatchPage, renderScorecardFragment, renderScorecardPage } from '../../server/src/render/html';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const QUOTE = '" onmouseover="alert(1)';
const LINK = 'javascript:alert(1) https://evil.example/x';
const HOSTILE = `${SCRIPT}${IMG}${QUOTE}'${LINK}\`</style></details>`;

const R = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function section(title: string, role: SectionStat['role'], line: number, children: SectionStat[] = []): SectionStat {
  return { role, title, range: R(line, 0, line + 3, 0), units: 120, share: 0.25, level: 2, children };
}

/** A result whose every string is hostile: titles, messages, phrases, rule ids, profile. */
function hostileResult(score = 42, tier: AnalysisResult['tier'] = '差'): AnalysisResult {
  const findings: Finding[] = [
    {
      rule: 'missing-section',
      severity: 'error',
      message: `缺少“存在问题”部分 ${HOSTILE}`,
      range: R(0, 0, 0, 5),
      section: 'problems',
      fix: { title: `插入 ${HOSTILE}`, range: R(9, 0, 9, 0), newText: `## 存在问题\n${HOSTILE}` },
    },
    {
      rule: 'achievement-too-long',
      severity: 'warning',
      message: `成绩部分占 80% ${HOSTILE}`,
      range: R(2, 0, 2, 6),
      data: { share: 0.8, limit: 0.5, note: HOSTILE },
    },
    {
      rule: 'vague-phrase',
      severity: 'info',
      message: `空话：${HOSTILE}`,
      range: R(3, 4, 3, 8),
      data: { phrase: HOSTILE },
    },
    { rule: `x-rule${HOSTILE}`, severity: 'hint', message: HOSTILE, range: R(4, 1, 4, 2) },
  ];
  return {
    profile: { id: `p${HOSTILE}`, name: `画像${HOSTILE}`, source: 'front-matter', reason: `front matter 写了 ${HOSTILE}` },
    stats: {
      units: 960,
      shares: { achievements: 0.8, problems: 0.05, causes: 0, plans: 0.15 },
      unitsByRole: { achievements: 768, problems: 48, causes: 0, plans: 144, other: 0 },
      sections: [
        section(`标题 ${SCRIPT}`, 'other', 0),
        section(`一、主要工作 ${IMG}`, 'achievements', 2, [section(`（一）${QUOTE}`, 'achievements', 3)]),
        section(`二、下步打算 ${LINK}`, 'plans', 8),
      ],
      topics: [
        { id: 't1', title: `履行岗位职责情况 ${HOSTILE}`, covered: true, range: R(3, 2, 3, 6), matched: `岗位职责${IMG}` },
        { id: 't2', title: `整改落实情况 ${SCRIPT}`, covered: false },
      ],
      ruleCounts: { 'missing-section': 1, 'achievement-too-long': 1, 'vague-phrase': 1 },
      vaguePhrases: [{ phrase: `进一步${SCRIPT}`, count: 3 }],
      paragraphsWithoutEvidence: 2,
    },
    score,
    tier,
    findings,
    deductions: [
      { rule: 'missing-section', points: 20, finding: 0 },
      { rule: 'achievement-too-long', points: 8, finding: 1 },
    ],
  };
}

const ALLOWED_ATTRIBUTES = new Set(['class', 'data-line', 'data-character', 'lang', 'charset', 'http-equiv', 'content', 'name']);

/** Every attribute of every tag, read the way a browser tokenises them (quoted values only). */
function attributes(html: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    const re = /\s+([^\s=>"'/]+)(?:="([^"]*)")?/y;
    let pos = (tag.match(/^<[a-zA-Z0-9]+/) as RegExpMatchArray)[0].length;
    re.lastIndex = pos;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tag))) {
      out.push({ name: m[1], value: m[2] ?? '' });
      pos = re.lastIndex;
    }
    assert.match(tag.slice(pos), /^\s*>$/, `unparsed rest of tag: ${tag}`);
  }
  return out;
}

function assertInert(html: string): void {
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /<a[\s>]/i);
  assert.doesNotMatch(html, /<\/style>[\s\S]*<\/style>/, 'a second </style> would mean report text closed the style early');
  for (const a of attributes(html)) {
    assert.ok(ALLOWED_ATTRIBUTES.has(a.name), `unexpected attribute ${a.name}`);
    assert.doesNotMatch(a.value, /alert|evil|javascript|onerror|onmouseover|[<>]/i, `attribute carries report text: ${a.name}=${a.value}`);
  }
}

describe('render/html', () => {
  describe('escapeHtml', () => {
    it('escapes the five HTML metacharacters and the backtick', () => {
      assert.equal(escapeHtml(`<a href="x">'&'\``), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&#96;');
    });
    it('leaves Chinese text and full-width punctuation alone', () => {
      assert.equal(escapeHtml('存在问题：学习不够深入。'), '存在问题：学习不够深入。');
    });
    it('escapes an already escaped string again (no double-decoding shortcuts)', () => {
      assert.equal(escapeHtml('&lt;'), '&amp;lt;');
    });
  });

  describe('renderScorecardFragment', () => {
    const html = renderScorecardFragment(`reports/${IMG}.md`, hostileResult(), 'zh');

    it('escapes every hostile string and emits no markup, link or handler from report text', () => {
      assertInert(html);
      assert.ok(html.includes(escapeHtml(SCRIPT)));
      assert.ok(html.includes(escapeHtml(IMG)));
      assert.ok(html.includes(escapeHtml(QUOTE)));
    });

    it('shows score, tier, profile, its source and why', () => {
      assert.match(html, /<span class="dr-score-n">42<\/span>/);
      assert.match(html, /<span class="dr-tier">差<\/span>/);
      assert.ok(html.includes(`画像${escapeHtml(HOSTILE)}`));
      assert.ok(html.includes('front matter 指定'));
      assert.ok(html.includes(`front matter 写了 ${escapeHtml(HOSTILE)}`));
    });

    it('draws share bars by role, with the limit taken from the finding data', () => {
      assert.match(html, /dr-fill dr-role-achievements dr-w-80/);
      assert.match(html, /dr-mark dr-l-50/);
      assert.match(html, /80%（上限 50%）/);
      assert.match(html, /dr-fill dr-role-problems dr-w-5"/);
      assert.match(html, /dr-bar-row dr-bad/);
    });

    it('renders the section tree nested, with roles, 字数 and shares', () => {
      assert.match(html, /<ul class="dr-tree"><li data-line="0">/);
      assert.match(html, /<ul class="dr-tree"><li data-line="3">.*（一）/);
      assert.match(html, /120 字 · 25%/);
      assert.ok(html.includes('>成绩</span>'));
      assert.ok(html.includes('>措施</span>'));
    });

    it('lists the required topics with covered and missing ones', () => {
      assert.match(html, /必述内容 1\/2/);
      assert.match(html, /<li class="dr-ok" data-line="3">/);
      assert.match(html, /<li class="dr-no">/);
    });

    it('groups findings by rule with counts and shows deductions beside their findings', () => {
      assert.match(html, /<code>missing-section<\/code> <span class="dr-count">1<\/span> <span class="dr-points">共扣 20 分<\/span>/);
      assert.match(html, /扣 8 分/);
      assert.match(html, /修改建议：插入 /);
      assert.match(html, /data-line="3" data-character="4"/);
      assert.match(html, /第 4 行第 5 列/);
    });

    it('shows the report title when the result carries one, escaped', () => {
      const withTitle = { ...hostileResult(), title: `述职报告${SCRIPT}` } as AnalysisResult;
      const out = renderScorecardFragment('a.md', withTitle, 'zh');
      assert.ok(out.includes(`<div class="dr-title">述职报告${escapeHtml(SCRIPT)}</div>`));
      const page = renderBatchPage([{ path: 'a.md', result: withTitle }]);
      assert.ok(page.includes(`<span class="dr-muted">述职报告${escapeHtml(SCRIPT)}</span></span>`));
      assertInert(page);
    });

    it('speaks English when asked', () => {
      const en = renderScorecardFragment('a.md', hostileResult(), 'en');
      assert.match(en, /Required topics 1\/2/);
      assert.match(en, /<span class="dr-tier">poor<\/span>/);
      assertInert(en);
    });

    it('survives missing or odd fields without throwing or leaking', () => {
      const odd = { ...hostileResult(), tier: 'constructor', score: Number.NaN } as unknown as AnalysisResult;
      odd.stats = { ...odd.stats, sections: [], topics: [], vaguePhrases: [] };
      odd.findings = [{ ...odd.findings[0], severity: '__proto__' as never, range: R(-5, Number.NaN, 0, 0) }];
      const out = renderScorecardFragment('a.md', odd, 'zh');
      assertInert(out);
      assert.match(out, /dr-tier-fair/);
      assert.match(out, /dr-score-n">0</);
      assert.match(out, /data-line="0" data-character="0"/);
    });
  });

  describe('renderBatchPage', () => {
    const files = [
      { path: 'b/中等.md', result: hostileResult(70, '中') },
      { path: `a/${SCRIPT}.md`, result: hostileResult(30, '差') },
      { path: 'c/优秀.md', result: hostileResult(91, '好') },
      { path: 'c/也好.md', result: hostileResult(85, '好') },
      { path: 'd/中上.md', result: hostileResult(78, '中') },
    ];
    const page = renderBatchPage(files, { skipped: [{ path: `x/${IMG}.md`, reason: '文件含 NUL 字节' }] });

    it('is a standalone page: lang, CSP, inline style only, no scripts', () => {
      assert.match(page, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
      assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`));
      assert.match(page, /<style>[\s\S]*prefers-color-scheme: dark[\s\S]*<\/style>/);
      assert.doesNotMatch(page, /<link|@import|url\(/i);
      assertInert(page);
    });

    it('ranks by tier 好 → 中 → 差, then by score, with tier counts at the top', () => {
      const order = [...page.matchAll(/<span class="dr-rank-no">(\d+)<\/span><span class="dr-name"><span class="dr-path">([^<]*)<\/span>(?: <span class="dr-muted">[^<]*<\/span>)?<\/span><span class="dr-score-n-small">(\d+)</g)];
      assert.deepEqual(
        order.map((m) => [m[1], m[3]]),
        [
          ['1', '91'],
          ['2', '85'],
          ['3', '78'],
          ['4', '70'],
          ['5', '30'],
        ],
      );
      assert.equal(order[4][2], `a/${escapeHtml(SCRIPT)}.md`);
      assert.match(page, /dr-tier-good">好 2<\/span>.*dr-tier-fair">中 2<\/span>.*dr-tier-poor">差 1<\/span>/);
      assert.equal(page.match(/<details>/g)?.length, 5);
      assert.match(page, /平均分 71/);
    });

    it('opens each report fragment inside its row and lists skipped files, escaped', () => {
      assert.equal(page.match(/<section class="dr-card/g)?.length, 5);
      assert.ok(page.includes(`x/${escapeHtml(IMG)}.md`));
    });

    it('is deterministic', () => {
      assert.equal(renderBatchPage([...files].reverse(), { skipped: [{ path: `x/${IMG}.md`, reason: '文件含 NUL 字节' }] }), page);
    });

    it('rankReports breaks ties by path', () => {
      const tie = rankReports([
        { path: 'b.md', result: hostileResult(60, '中') },
        { path: 'a.md', result: hostileResult(60, '中') },
      ]);
      assert.deepEqual(
        tie.map((f) => f.path),
        ['a.md', 'b.md'],
      );
    });

    it('renders an empty batch', () => {
      const empty = renderBatchPage([], { locale: 'en' });
      assert.match(empty, /0 reports/);
      assertInert(empty);
    });
  });

  describe('renderScorecardPage', () => {
    it('wraps one fragment in the same standalone page', () => {
      const page = renderScorecardPage(`${SCRIPT}.md`, hostileResult(), 'zh');
      assert.match(page, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt;\.md<\/title>/);
      assertInert(page);
    });
  });
});
