import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, RULES } from '../../server/src/core/index';
import type { AnalysisResult, Finding, SectionStat } from '../../server/src/core/types';
import { rankReports, renderBatchPage, renderScorecardFragment, renderScorecardPage, scorecardCssHash } from '../../server/src/render/html';
import { formatHtml } from '../../server/src/format/html';
import { escapeHtml, SCORECARD_CSS, scorecardCsp } from '../../shared/html';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const QUOTE = '" onmouseover="alert(1)';
const LINK = 'javascript:alert(1) https://evil.example/x';
const HOSTILE = `${SCRIPT}${IMG}${QUOTE}'${LINK}\`</style></details>`;

const R = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function section(title: string, role: SectionStat['role'], line: number, children: SectionStat[] = []): SectionStat {
  return { role, title, range: R(line, 0, line + 3, 0), units: 120, share: 0.125, level: 2, children };
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
    profile: { id: `p${HOSTILE}`, name: `画像${HOSTILE}`, source: 'front-matter', reason: `front matter 写了 ${HOSTILE}`, thresholds: { maxAchievementShare: 0.5 } },
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

const ALLOWED_ATTRIBUTES = new Set(['class', 'data-line', 'data-character', 'data-finding', 'data-action', 'data-rule', 'title', 'open', 'lang', 'charset', 'http-equiv', 'content', 'name']);
const RULE_IDS = new Set(RULES.map((r) => r.id));
/** Attributes whose values must be integers, or one fixed word: never text from the report. */
const INTEGER_ATTRIBUTES = new Set(['data-line', 'data-character', 'data-finding']);

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
    if (INTEGER_ATTRIBUTES.has(a.name)) assert.match(a.value, /^\d+$/, `${a.name}=${a.value}`);
    if (a.name === 'data-action') assert.equal(a.value, 'fix');
    // A rule's id only for rules the core knows: our own words, never a finding's `rule` as given.
    if (a.name === 'data-rule') assert.ok(RULE_IDS.has(a.value), `data-rule=${a.value}`);
    if (a.name === 'title') assert.match(a.value, /^(规则|rule) [a-z-]+$/, `title=${a.value}`);
    if (a.name === 'title') assert.ok(RULE_IDS.has(a.value.split(' ')[1]), `title=${a.value}`);
    if (a.name === 'open') assert.equal(a.value, '');
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
      assert.ok(html.includes('述职类型：'));
      assert.match(html, /<span class="dr-tier">差<\/span>/);
      assert.ok(html.includes(`画像${escapeHtml(HOSTILE)}`));
      assert.ok(html.includes('文件开头指定'));
      assert.ok(html.includes(`front matter 写了 ${escapeHtml(HOSTILE)}`));
    });

    it('draws share bars by role against the profile limits, a ✗ where the rule found the limit broken', () => {
      assert.match(html, /dr-fill dr-role-achievements dr-w-80/);
      assert.match(html, /dr-mark dr-l-50/);
      assert.match(html, /80%（上限 50%）✗/);
      assert.match(html, /dr-fill dr-role-problems dr-w-5"/);
      assert.match(html, /dr-bar-row dr-bad/);
      // Problems and causes are one bar, as problems-too-short measures them.
      assert.match(html, /<span class="dr-bar-label">问题（含原因）<\/span>/);
      assert.doesNotMatch(html, /dr-fill dr-role-causes/);
    });

    it('draws no ✗ where no finding says the limit is broken (the rule switched off, a draft too short to judge)', () => {
      const r = hostileResult();
      r.findings = r.findings.filter((f) => f.rule !== 'achievement-too-long');
      r.deductions = [];
      const out = renderScorecardFragment('a.md', r, 'zh');
      assert.match(out, /<div class="dr-bar-row"><span class="dr-bar-label">成绩<\/span>.*?80%（上限 50%）<\/span><\/div>/);
      assert.doesNotMatch(out, /✗<\/span><\/div>/);
    });

    it('shows one decimal place where whole numbers would hide the breach a finding reports', () => {
      const r = hostileResult();
      r.profile = { ...r.profile, thresholds: { minProblemShare: 0.3333 } };
      r.stats = { ...r.stats, units: 1000, unitsByRole: { achievements: 500, problems: 300, causes: 28, plans: 100, other: 72 } };
      r.findings = [{ rule: 'problems-too-short', severity: 'warning', message: '问题部分只占全文 33%', range: R(5, 0, 5, 4) }];
      r.deductions = [];
      const out = renderScorecardFragment('a.md', r, 'zh');
      assert.match(out, /dr-fill dr-role-problems dr-w-33"/);
      assert.match(out, /32\.8%（下限 33\.3%）✗ <span class="dr-muted">其中原因分析 28 字<\/span>/);
    });

    it('guesses no limit when a result carries no thresholds', () => {
      const old = hostileResult();
      old.profile = { ...old.profile, thresholds: undefined as never };
      const out = renderScorecardFragment('a.md', old, 'zh');
      assert.match(out, /dr-fill dr-role-achievements dr-w-80/);
      assert.doesNotMatch(out, /上限 50%/);
    });

    it('shows a limit that holds in the held colour, and the whole against the 字数 limit', () => {
      const r = hostileResult();
      r.findings = r.findings.filter((f) => f.rule !== 'achievement-too-long');
      r.profile = { ...r.profile, thresholds: { maxAchievementShare: 0.9, minProblemShare: 0.01, maxUnits: 1000 } };
      const out = renderScorecardFragment('a.md', r, 'zh');
      assert.match(out, /<div class="dr-bar-row dr-held"><span class="dr-bar-label">成绩<\/span><span class="dr-bar"><span class="dr-fill dr-role-achievements dr-w-80"><\/span><span class="dr-mark dr-l-90">/);
      assert.match(out, /80%（上限 90%）✓/);
      assert.match(out, /5%（下限 1%）✓/);
      assert.match(out, /<div class="dr-bar-row dr-held"><span class="dr-bar-label">全文<\/span>.*dr-w-96.*960\/1000 字 ✓/);
      r.stats = { ...r.stats, units: 1450 };
      // Over the limit but no report-too-long finding (switched off): no mark either way.
      assert.match(renderScorecardFragment('a.md', r, 'zh'), /<div class="dr-bar-row"><span class="dr-bar-label">全文<\/span>.*dr-w-100.*1450\/1000 字<\/span>/);
      r.findings = [...r.findings, { rule: 'report-too-long', severity: 'warning', message: '全文 1450 字', range: R(0, 0, 0, 1) }];
      const over = renderScorecardFragment('a.md', r, 'zh');
      assert.match(over, /<div class="dr-bar-row dr-bad"><span class="dr-bar-label">全文<\/span>.*dr-w-100.*1450\/1000 字 ✗/);
    });

    it('lists a missing part in the outline, standing for its finding with a fix to offer', () => {
      assert.match(html, /<li class="dr-missing" data-line="0" data-character="0" data-finding="0" data-action="fix">.*缺少 <span class="dr-role dr-role-problems">问题<\/span> <span class="dr-muted">点击插入<\/span>/);
    });

    it('offers nothing to click in the static variant: no click targets, no 点击插入', () => {
      const r = hostileResult();
      r.stats.topics[1] = { ...r.stats.topics[1], title: '整改落实情况' };
      r.findings.push({ rule: 'missing-topic', severity: 'warning', message: '没有写到', topic: '整改落实情况', range: R(2, 0, 2, 4), fix: { title: '插入', range: R(9, 0, 9, 0), newText: 'x' } });
      const preview = renderScorecardFragment('a.md', r, 'zh');
      assert.match(preview, /<li class="dr-no" data-line="2" data-character="0" data-finding="4" data-action="fix"><span class="dr-check">✗<\/span> 整改落实情况 <span class="dr-muted">未覆盖 · 点击插入<\/span>/);
      for (const out of [renderScorecardFragment('a.md', r, 'zh', 'static'), renderScorecardPage('a.md', r, 'zh'), renderBatchPage([{ path: 'a.md', result: r }])]) {
        assertInert(out);
        assert.doesNotMatch(out.replace(/<style>[\s\S]*?<\/style>/, ''), /点击插入|data-line|data-finding|data-action/);
        assert.match(out, /<li class="dr-no"><span class="dr-check">✗<\/span> 整改落实情况 <span class="dr-muted">未覆盖<\/span>/);
        assert.match(out, /<li class="dr-missing"><span class="dr-check">✗<\/span> 缺少 <span class="dr-role dr-role-problems">问题<\/span><\/li>/);
      }
      const en = renderScorecardFragment('a.md', r, 'en', 'static');
      assert.doesNotMatch(en, /click to insert/);
    });

    it('marks every clickable place with the finding it stands for, at that finding\'s position', () => {
      const r = hostileResult();
      for (const m of html.matchAll(/data-line="(\d+)" data-character="(\d+)" data-finding="(\d+)"/g)) {
        const f = r.findings[Number(m[3])];
        assert.ok(f, `finding ${m[3]}`);
        assert.equal(Number(m[1]), f.range.start.line);
        assert.equal(Number(m[2]), f.range.start.character);
      }
      // Only missing parts and topics offer a fix by click; a vague phrase is only revealed.
      assert.match(html, /<li class="dr-finding dr-sev-info" data-line="3" data-character="4" data-finding="2">/);
    });

    it('totals the deductions under the score', () => {
      assert.match(html, /<span class="dr-muted dr-lost">满分 100，扣 28 分<\/span>/);
    });

    it('renders the section tree nested, with roles, 字数 and shares', () => {
      assert.match(html, /<ul class="dr-tree"><li data-line="0" data-character="0">/);
      assert.match(html, /<ul class="dr-tree"><li data-line="3" data-character="0">.*（一）/);
      assert.match(html, /120 字 · 13%/);
      assert.ok(html.includes('>成绩</span>'));
      assert.ok(html.includes('>措施</span>'));
    });

    it('lists the required topics with covered and missing ones', () => {
      assert.match(html, /必述内容 1\/2/);
      assert.match(html, /<li class="dr-ok" data-line="3" data-character="2">/);
      // No missing-topic finding for this topic in the data: nothing to click, and no ✗ either.
      assert.match(html, /<li class="dr-no"><span class="dr-check">–<\/span> 整改落实情况/);
    });

    it('groups findings under the rule\'s name, with its id only as a tooltip, counts and deductions', () => {
      assert.match(
        html,
        /<details class="dr-rule dr-sev-error" data-rule="missing-section" open><summary><h4><span class="dr-rule-name" title="规则 missing-section">缺少部分<\/span> <span class="dr-count">1<\/span> <span class="dr-points">共扣 20 分<\/span><\/h4><\/summary>/,
      );
      assert.doesNotMatch(html.replace(/ (title|data-rule)="[^"]*"/g, ''), />[^<]*\b(missing-section|achievement-too-long|vague-phrase)\b/, 'a known rule id shows nowhere as text');
      // An unknown rule (a result from another version) shows its id, escaped, and no attribute.
      assert.ok(html.includes(`<span class="dr-rule-name">x-rule${escapeHtml(HOSTILE)}</span>`));
      const en = renderScorecardFragment('a.md', hostileResult(), 'en');
      const vague = RULES.find((x) => x.id === 'vague-phrase');
      assert.ok(en.includes(`title="rule vague-phrase">${vague?.name.en}</span>`));
      assert.match(html, /扣 8 分/);
      assert.match(html, /修改建议：插入 /);
      assert.match(html, /data-line="3" data-character="4" data-finding="2"/);
      assert.match(html, /第 4 行第 5 列/);
    });

    it('orders the rules by weight: errors, warnings, then infos and hints; the heavier finding first within one severity', () => {
      const order = [...html.matchAll(/<details class="dr-rule dr-sev-(\w+)"(?: data-rule="([a-z-]+)")?/g)].map((m) => `${m[1]} ${m[2] ?? '?'}`);
      assert.deepEqual(order, ['error missing-section', 'warning achievement-too-long', 'info vague-phrase', 'hint ?']);
      const r = hostileResult();
      // Ten 1-point phrases before an info finding worth 2 each come after it, though they lose more in all.
      const phrases = Array.from({ length: 10 }, (_, i): Finding => ({ rule: 'vague-phrase', severity: 'info', message: `空话 ${i}`, range: R(10 + i, 0, 10 + i, 2) }));
      const generic: Finding = { rule: 'generic-problem', severity: 'info', message: '问题大而化之', range: R(30, 0, 30, 2) };
      r.findings = [r.findings[0], ...phrases, generic];
      r.deductions = [{ rule: 'missing-section', points: 20, finding: 0 }, ...phrases.map((_, i) => ({ rule: 'vague-phrase', points: 1, finding: i + 1 })), { rule: 'generic-problem', points: 2, finding: 11 }];
      const out = renderScorecardFragment('a.md', r, 'zh');
      const rules = [...out.matchAll(/data-rule="([a-z-]+)"/g)].map((m) => m[1]);
      assert.deepEqual(rules, ['missing-section', 'generic-problem', 'vague-phrase']);
    });

    it('folds a rule with many findings, showing its count; a rule with few stays open', () => {
      const r = hostileResult();
      r.findings = [r.findings[0], ...Array.from({ length: 15 }, (_, i): Finding => ({ rule: 'vague-phrase', severity: 'info', message: `空话 ${i}`, range: R(10 + i, 0, 10 + i, 2) }))];
      r.deductions = [];
      const out = renderScorecardFragment('a.md', r, 'zh');
      assert.match(out, /<details class="dr-rule dr-sev-error" data-rule="missing-section" open>/);
      assert.match(out, /<details class="dr-rule dr-sev-info" data-rule="vague-phrase"><summary><h4><span class="dr-rule-name"[^>]*>空话套话<\/span> <span class="dr-count">15<\/span>/);
      assert.equal(out.match(/<li class="dr-finding/g)?.length, 16, 'folded, not dropped');
    });

    it('begins with why: the tier\'s reasons under the title, before the profile and every finding', () => {
      const r = { ...hostileResult(), tierReasons: ['只讲成绩、不讲问题', `原因只讲客观${SCRIPT}`] };
      const out = renderScorecardFragment('a.md', r, 'zh');
      assert.match(out, /<div class="dr-path">a\.md<\/div><div class="dr-reasons"><strong>定档依据<\/strong><ul><li>只讲成绩、不讲问题<\/li><li>原因只讲客观&lt;script&gt;/);
      assert.ok(out.indexOf('dr-reasons') < out.indexOf('述职类型') && out.indexOf('述职类型') < out.indexOf('dr-rule'));
      assert.ok(out.indexOf('发现的问题') < out.indexOf('篇幅比例'), 'the findings come before the measurements');
    });

    it('names severities with the word table: a hint is 建议 (it was 信息 here alone), hint in English', () => {
      assert.match(html, /<li class="dr-finding dr-sev-hint"[^>]*><span class="dr-sev">建议<\/span>/);
      assert.ok(!html.includes('>信息<'));
      const en = renderScorecardFragment('a.md', hostileResult(), 'en');
      assert.match(en, /<li class="dr-finding dr-sev-hint"[^>]*><span class="dr-sev">hint<\/span>/);
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
      assert.match(out, /data-line="0" data-character="0" data-finding="0"/);
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

    it('is a standalone page: lang, CSP, our own style by hash, no scripts', () => {
      assert.match(page, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
      assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${scorecardCsp({ styleHash: scorecardCssHash() })}">`));
      assertStyleMatchesCsp(page);
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

    it('lists the files not recognised as reports after the ranking, never in it, escaped', () => {
      const out = renderBatchPage([files[0]], { unrecognised: ['docs/README.md', `x/${SCRIPT}\u202e.md`] });
      assertInert(out);
      assert.ok(out.includes(`<h2>未识别为述职报告，未评分</h2><ul class="dr-unrecognised"><li><span class="dr-path">docs/README.md</span></li><li><span class="dr-path">x/${escapeHtml(SCRIPT)}&lt;U+202E&gt;.md</span></li></ul>`));
      assert.equal(out.match(/<section class="dr-card/g)?.length, 1, 'not ranked');
      assert.ok(out.indexOf('dr-rank') < out.indexOf('dr-unrecognised'));
      assert.match(renderBatchPage([], { locale: 'en', unrecognised: ['a.md'] }), /<h2>Not recognised as a duty report, not scored<\/h2>/);
      assert.doesNotMatch(page, /dr-unrecognised/);
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
      assertStyleMatchesCsp(page);
      assert.ok(page.includes(renderScorecardFragment(`${SCRIPT}.md`, hostileResult(), 'zh', 'static')), 'the page holds exactly the static fragment');
    });
  });

  describe('waivers (checks switched off with comments)', () => {
    const root = path.join(__dirname, '..', 'fixtures');
    const fixture = (name: string): AnalysisResult => {
      const dir = path.join(root, `rule-waiver-without-reason-${name}`);
      const options = (JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { options?: object }).options ?? {};
      return analyze(fs.readFileSync(path.join(dir, 'input.md'), 'utf8'), options);
    };
    const positive = fixture('positive');
    const negative = fixture('negative');

    it('the fixtures carry the waivers the card shows', () => {
      assert.deepEqual(positive.waivers, [{ kind: 'disable', rules: [], line: 0, hidden: 3 }]);
      assert.deepEqual(negative.waivers, [{ kind: 'disable-line', rules: ['vague-phrase'], line: 10, reason: '引用会上表态原话', hidden: 1 }]);
    });

    it('shows a waiver without a reason near the top: all checks, where, a visible 未说明理由, what it hid', () => {
      const out = renderScorecardFragment('pos.md', positive, 'zh');
      assertInert(out);
      assert.match(
        out,
        /<div class="dr-waivers"><strong>已关闭的检查 1<\/strong><ul><li class="dr-waiver dr-unexplained" data-line="0" data-character="0"><strong>全部检查<\/strong> <span class="dr-muted">第 1 行起<\/span> <span class="dr-no-reason">⚠ 未说明理由<\/span> <span class="dr-muted">隐去 3 条问题<\/span><\/li><\/ul><\/div>/,
      );
      // After why the tier is what it is, before the profile and every finding.
      assert.ok(out.indexOf('dr-reasons') < out.indexOf('dr-waivers') && out.indexOf('dr-waivers') < out.indexOf('述职类型') && out.indexOf('dr-waivers') < out.indexOf('发现的问题'));
      const page = renderScorecardPage('pos.md', positive, 'zh');
      assertInert(page);
      assert.match(page, /<li class="dr-waiver dr-unexplained"><strong>全部检查<\/strong> <span class="dr-muted">第 1 行起<\/span> <span class="dr-no-reason">⚠ 未说明理由<\/span>/);
    });

    it('names the rules a waiver switched off in words, with where, its reason and what it hid', () => {
      const out = renderScorecardFragment('neg.md', negative, 'zh', 'static');
      assertInert(out);
      assert.match(out, /<li class="dr-waiver"><strong>空话套话<\/strong> <span class="dr-muted">第 11 行<\/span> <span class="dr-waiver-reason">理由：引用会上表态原话<\/span> <span class="dr-muted">隐去 1 条问题<\/span><\/li>/);
      assert.doesNotMatch(out, /未说明理由/);
      const en = renderScorecardFragment('neg.md', negative, 'en', 'static');
      assert.match(en, /<strong>Checks switched off 1<\/strong><ul><li class="dr-waiver"><strong>Vague or formulaic phrase<\/strong> <span class="dr-muted">line 11<\/span> <span class="dr-waiver-reason">reason: 引用会上表态原话<\/span> <span class="dr-muted">hid 1 finding<\/span>/);
    });

    it('says nothing of waivers when there are none', () => {
      const out = renderScorecardFragment('a.md', hostileResult(), 'zh');
      assert.doesNotMatch(out, /dr-waiver|已关闭的检查/);
    });

    it('shows a hostile reason and an unknown rule id as text, and several rules in one list', () => {
      const r: AnalysisResult = {
        ...hostileResult(),
        waivers: [
          { kind: 'disable-next-line', rules: ['vague-phrase', `x${HOSTILE}`], line: 4, reason: HOSTILE, hidden: 2 },
          { kind: 'disable', rules: ['no-evidence'], line: Number.NaN, reason: '   ', hidden: -3 },
          null as never,
        ],
      };
      for (const variant of ['preview', 'static'] as const) {
        const out = renderScorecardFragment('a.md', r, 'zh', variant);
        assertInert(out);
        assert.ok(out.includes(`<strong>空话套话；x${escapeHtml(HOSTILE)}</strong> <span class="dr-muted">第 6 行（注释在第 5 行）</span> <span class="dr-waiver-reason">理由：${escapeHtml(HOSTILE)}</span> <span class="dr-muted">隐去 2 条问题</span>`));
        // A blank reason is no reason; odd numbers are clamped.
        assert.match(out, /<li class="dr-waiver dr-unexplained"[^>]*><strong>成绩缺实例数据<\/strong> <span class="dr-muted">第 1 行起<\/span> <span class="dr-no-reason">⚠ 未说明理由<\/span> <span class="dr-muted">隐去 0 条问题<\/span>/);
        assert.match(out, /已关闭的检查 2/);
      }
    });

    it('marks reports with waivers in the ranking: a badge with the count, and 未说明理由 when any has none', () => {
      const page = renderBatchPage([
        { path: 'pos.md', result: positive },
        { path: 'neg.md', result: negative },
        { path: 'plain.md', result: hostileResult(80, '好') },
      ]);
      assertInert(page);
      assert.match(page, /<p class="dr-waived-lead dr-unexplained">2 份报告用注释关闭了检查，其中 1 份未说明理由。<\/p>/);
      assert.match(page, /<span class="dr-path">pos\.md<\/span> <span class="dr-muted">[^<]*<\/span> <span class="dr-waived dr-unexplained">关闭检查 1 处 · ⚠ 未说明理由<\/span><\/span>/);
      assert.match(page, /<span class="dr-path">neg\.md<\/span> <span class="dr-muted">[^<]*<\/span> <span class="dr-waived">关闭检查 1 处<\/span><\/span>/);
      assert.match(page, /<span class="dr-path">plain\.md<\/span><\/span>/);
      assert.equal(page.match(/<div class="dr-waivers">/g)?.length, 2, 'each waived report\'s card lists its waivers');
      const en = renderBatchPage([{ path: 'neg.md', result: negative }], { locale: 'en' });
      assert.match(en, /<p class="dr-waived-lead">1 report switched checks off with comments\.<\/p>/);
      assert.match(en, /<span class="dr-waived">1 check switched off<\/span>/);
    });
  });

  describe('bidirectional controls in report text and file names', () => {
    const RLO = '\u202e';
    const CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
    const ANY_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

    function bidiResult(): AnalysisResult {
      const r = hostileResult();
      r.title = `述职报告${RLO}篇一`;
      r.stats.sections = [{ ...section(`一、主要工作${RLO}`, 'achievements', 2), units: 26, share: 0.34 }];
      r.stats.units = 76;
      r.findings[2] = { ...r.findings[2], message: `空话：${RLO}进一步` };
      r.profile = { ...r.profile, name: `党员${CONTROLS.join('')}` };
      r.tierReasons = [`只讲成绩${RLO}`];
      r.waivers = [{ kind: 'disable', rules: [`x${RLO}`], line: 0, reason: `理由${RLO}`, hidden: 0 }];
      return r;
    }

    it('escapeHtml shows each control as its code point, and leaves other text alone', () => {
      assert.equal(escapeHtml(CONTROLS.join('')), '&lt;U+202A&gt;&lt;U+202B&gt;&lt;U+202C&gt;&lt;U+202D&gt;&lt;U+202E&gt;&lt;U+2066&gt;&lt;U+2067&gt;&lt;U+2068&gt;&lt;U+2069&gt;&lt;U+200E&gt;&lt;U+200F&gt;&lt;U+061C&gt;');
      assert.equal(escapeHtml('述职\u200b报告\u00a0'), '述职\u200b报告\u00a0');
    });

    it('no control from a title, section, message or file name reaches the card, the page or its <title>', () => {
      const file = `reports/张三${RLO}xcod.exe.md`;
      const outputs = [
        renderScorecardFragment(file, bidiResult(), 'zh'),
        renderScorecardFragment(file, bidiResult(), 'en', 'static'),
        renderScorecardPage(file, bidiResult(), 'zh'),
        renderBatchPage([{ path: file, result: bidiResult() }], { skipped: [{ path: `x${RLO}.md`, reason: `原因${RLO}` }] }),
      ];
      for (const out of outputs) {
        assertInert(out);
        assert.doesNotMatch(out, ANY_CONTROL);
        assert.ok(out.includes(`张三&lt;U+202E&gt;xcod.exe.md`), 'the file name shows the control, so it cannot pass for another');
      }
      const [card, , page] = outputs;
      assert.ok(page.includes(`<title>reports/张三&lt;U+202E&gt;xcod.exe.md</title>`));
      assert.ok(card.includes('<div class="dr-title">述职报告&lt;U+202E&gt;篇一</div>'));
      // The section's numbers follow its title in reading order, with nothing to turn them round.
      assert.ok(card.includes('<span class="dr-sec-title">一、主要工作&lt;U+202E&gt;</span> <span class="dr-muted">26 字 · 34%</span>'));
      assert.ok(card.includes('空话：&lt;U+202E&gt;进一步'));
      assert.ok(card.includes('理由：理由&lt;U+202E&gt;'));
    });

    it('does so for the real analysis of a draft whose title and heading hold U+202E', () => {
      const text = [`# 2024年度${RLO}述职报告`, '', `## 一、主要工作${RLO}`, '', '全年组织集中学习12次，撰写心得4篇。', '', '## 二、存在的问题', '', '一是理论学习不够深入。', '', '## 三、下步打算', '', '一是每月开展一次专题学习。'].join('\n');
      const r = analyze(text);
      const out = renderBatchPage([{ path: `${RLO}a.md`, result: r }]);
      assertInert(out);
      assert.doesNotMatch(out, ANY_CONTROL);
      assert.ok(out.includes('主要工作&lt;U+202E&gt;</span> <span class="dr-muted">'));
    });
  });

  describe('Word files', () => {
    const places = (r: AnalysisResult) => r.findings.map((_, i) => ({ start: { paragraph: i === 0 ? 5 : 26 + i, offset: i === 0 ? 2 : 0 }, end: { paragraph: 30, offset: 0 } }));

    it('places a finding by its 段 (and 字 when not at the start), not by the lines of the Markdown read', () => {
      const r = hostileResult();
      const docx = places(r);
      for (const out of [renderScorecardPage('a.docx', r, 'zh', { docx }), renderScorecardFragment('a.docx', r, 'zh', 'static', { docx }), renderBatchPage([{ path: 'a.docx', result: r, docx }, { path: 'b.md', result: hostileResult() }])]) {
        assertInert(out);
        assert.match(out, /<span class="dr-sev">错误<\/span> <span class="dr-muted">第 5 段第 3 字<\/span>/);
        assert.match(out, /<span class="dr-sev">提示<\/span> <span class="dr-muted">第 28 段<\/span>/);
        // A covered topic's place is a line of the Markdown: not shown for a Word file.
        assert.doesNotMatch(out.split('b.md')[0], /第 \d+ 行/);
      }
      assert.match(renderScorecardFragment('a.docx', r, 'en', 'static', { docx }), /<span class="dr-muted">paragraph 5, character 3<\/span>/);
      // The Markdown file beside it keeps its lines.
      assert.match(renderBatchPage([{ path: 'b.md', result: hostileResult() }]), /第 4 行第 5 列/);
    });

    it('--format html passes the CLI\'s places along, for one file and for many', () => {
      const r = hostileResult();
      const file = { path: 'a.docx', format: 'docx' as const, result: r, docx: places(r) };
      const one = formatHtml({ files: [file], skipped: [], locale: 'zh', color: false });
      assert.match(one, /第 5 段第 3 字/);
      assert.doesNotMatch(one, /第 \d+ 行第 \d+ 列/);
      const many = formatHtml({ files: [file, { path: 'b.md', result: hostileResult() }], skipped: [], locale: 'zh', color: false });
      assert.match(many, /第 5 段第 3 字/);
      assert.match(many, /第 4 行第 5 列/);
    });

    it('--format html lists the files not recognised as reports, on the summary page even beside one report', () => {
      const out = formatHtml({ files: [{ path: 'a.md', result: hostileResult() }], skipped: [], unrecognised: ['docs/README.md'], locale: 'zh', color: false });
      assert.match(out, /<ol class="dr-rank">/);
      assert.match(out, /<h2>未识别为述职报告，未评分<\/h2><ul class="dr-unrecognised"><li><span class="dr-path">docs\/README\.md<\/span><\/li><\/ul>/);
      assert.doesNotMatch(formatHtml({ files: [{ path: 'a.md', result: hostileResult() }], skipped: [], unrecognised: [], locale: 'zh', color: false }), /<ol class="dr-rank">|<ul class="dr-unrecognised">/);
    });

    it('places a waiver in a Word file by its 段 too, when the CLI gives it', () => {
      const r: AnalysisResult = { ...hostileResult(), waivers: [{ kind: 'disable-line', rules: ['vague-phrase'], line: 7, reason: '引用原话', hidden: 1 }, { kind: 'disable', rules: [], line: 0, hidden: 0 }] };
      const out = renderScorecardPage('a.docx', r, 'zh', { docx: places(r), docxWaivers: [{ paragraph: 12, offset: 0 }] });
      assert.match(out, /<li class="dr-waiver"><strong>空话套话<\/strong> <span class="dr-muted">第 12 段<\/span> <span class="dr-waiver-reason">理由：引用原话<\/span>/);
      // No place given for the second: none shown, rather than a line of the Markdown.
      assert.match(out, /<li class="dr-waiver dr-unexplained"><strong>全部检查<\/strong> <span class="dr-no-reason">/);
      assert.match(formatHtml({ files: [{ path: 'a.docx', format: 'docx', result: r, docx: places(r), docxWaivers: [{ paragraph: 12, offset: 0 }] }], skipped: [], locale: 'zh', color: false }), /<strong>空话套话<\/strong> <span class="dr-muted">第 12 段<\/span>/);
    });

    it('says 文首 for a place in a document with no text', () => {
      const r = hostileResult();
      const docx = r.findings.map(() => ({ start: { paragraph: 0, offset: 0 }, end: { paragraph: 0, offset: 0 } }));
      assert.match(renderScorecardPage('a.docx', r, 'zh', { docx }), /<span class="dr-sev">错误<\/span> <span class="dr-muted">文首<\/span>/);
    });
  });

  describe('scorecardCsp', () => {
    it('allows nothing remote, no inline handler, and scripts only with the nonce', () => {
      const csp = scorecardCsp({ nonce: 'abc123' });
      assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'; img-src data:; base-uri 'none'; form-action 'none'");
      assert.doesNotMatch(csp, /unsafe|\*/);
    });
    it('gives a standalone page no script at all', () => {
      const csp = scorecardCsp({ styleHash: scorecardCssHash() });
      assert.match(csp, /script-src 'none'/);
      assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/);
    });
  });

  describe('on the fixture reports', () => {
    // Bundled into test/out; the fixtures stay in test/fixtures.
    const root = path.join(__dirname, '..', 'fixtures');
    const names = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'input.md'))).sort();
    it('has fixtures', () => assert.ok(names.length >= 20));
    for (const name of names) {
      it(`${name}: shows the engine's own numbers`, () => {
        const text = fs.readFileSync(path.join(root, name, 'input.md'), 'utf8');
        const r = analyze(text);
        const out = renderScorecardFragment(`${name}.md`, r, 'zh');
        assertInert(out);
        assert.ok(out.includes(`<span class="dr-score-n">${r.score}</span>`));
        assert.ok(out.includes(`<span class="dr-tier">${r.tier}</span>`));
        // Bars by what the rules measure: problems with their causes (scorecard.test.ts checks every number).
        const u = r.stats.unitsByRole;
        for (const [key, units] of [['achievements', u.achievements], ['problems', u.problems + u.causes], ['plans', u.plans]] as const) {
          const p = Math.round((units / r.stats.units) * 100);
          assert.match(out, new RegExp(`dr-fill dr-role-${key} dr-w-${p}"></span>(<span class="dr-mark dr-l-\\d+"></span>)?</span><span class="dr-bar-value">${p}%`), key);
        }
        const covered = r.stats.topics.filter((t) => t.covered).length;
        if (r.stats.topics.length) assert.ok(out.includes(`必述内容 ${covered}/${r.stats.topics.length}`));
        assert.equal((out.match(/<span class="dr-check">✓<\/span>/g) ?? []).length, covered);
        for (const [rule, n] of Object.entries(r.stats.ruleCounts)) {
          const name = RULES.find((x) => x.id === rule)?.name.zh;
          if (n) assert.ok(out.includes(`title="规则 ${rule}">${name}</span> <span class="dr-count">${n}</span>`), `${rule} × ${n}`);
        }
        // Each missing part or topic can be clicked to offer its fix.
        const offered = r.findings.filter((f) => (f.rule === 'missing-section' || f.rule === 'missing-topic') && f.fix).length;
        const clickable = new Set([...out.matchAll(/data-finding="(\d+)" data-action="fix"/g)].map((m) => Number(m[1])));
        assert.equal(clickable.size, offered);
        const lost = r.deductions.reduce((a, d) => a + d.points, 0);
        assert.ok(out.includes(`满分 100，扣 ${Math.round(lost * 10) / 10} 分`));
      });
    }

    it('shows a report whose own text is hostile as text, and runs nothing', () => {
      const text = [
        `# ${SCRIPT}2024年度述职报告`,
        '',
        `## 一、主要工作 ${IMG}`,
        '',
        `（一）${QUOTE} 抓好学习。全年组织集中学习12次，撰写心得4篇<style>body{display:none}</style>。`,
        '',
        `（二）[链接](javascript:alert(1)) 进一步加强作风建设，${LINK}。`,
        '',
        '## 二、存在的问题',
        '',
        '一是理论学习不够深入，<iframe src=x></iframe>学用结合不紧。',
        '',
        '## 三、下步打算',
        '',
        '一是每月开展一次专题学习。',
      ].join('\n');
      const r = analyze(text);
      const out = renderScorecardFragment(`${IMG}.md`, r, 'zh');
      assertInert(out);
      assert.doesNotMatch(out, /<style|<iframe|<a /i);
      assert.ok(out.includes(escapeHtml(SCRIPT)), 'the script tag shows as text');
      assert.ok(out.includes(escapeHtml(`主要工作 ${IMG}`)), 'the img tag shows as text');
      const page = renderScorecardPage(`${IMG}.md`, r, 'zh');
      assertInert(page);
      assertStyleMatchesCsp(page);
    });
  });
});

/** The page's one style element is exactly the stylesheet whose hash its CSP allows. */
function assertStyleMatchesCsp(page: string): void {
  const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  assert.equal(styles.length, 1);
  assert.equal(styles[0][1], SCORECARD_CSS);
  const hash = `sha256-${createHash('sha256').update(styles[0][1], 'utf8').digest('base64')}`;
  assert.ok(page.includes(`style-src '${hash}'`));
}
