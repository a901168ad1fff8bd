/**
 * One source of truth for every number the scorecard shows (issue 17): every sample and every
 * fixture is rendered, and what a reader sees is checked against the analysis itself.
 *
 * - every ✗ stands for a finding that says so (a share or 字数 limit broken, a part or topic
 *   missing), and every such finding has its ✗;
 * - every share shown is the stats' share as rounded, and a broken limit's bar prints the
 *   number its finding prints;
 * - the outline's sections of a part and that part's bar give the same percentage, or the
 *   card says why they differ (a paragraph whose content is not its section's, such as the
 *   measures written under 存在的不足和今后打算).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/index';
import type { AnalysisResult, AnalyzeOptions, Role, SectionStat } from '../../server/src/core/types';
import { renderScorecardFragment, renderScorecardPage } from '../../server/src/render/html';
import { escapeHtml } from '../../shared/html';

// Bundled into test/out; the samples and fixtures stay where they are.
const ROOT = path.join(__dirname, '..', '..');

interface Case {
  name: string;
  text: string;
  options: AnalyzeOptions;
}

function cases(): Case[] {
  const out: Case[] = [];
  const samples = path.join(ROOT, 'samples');
  for (const f of fs.readdirSync(samples).filter((x) => x.endsWith('.md')).sort()) {
    out.push({ name: `samples/${f}`, text: fs.readFileSync(path.join(samples, f), 'utf8'), options: {} });
  }
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const d of fs.readdirSync(fixtures).sort()) {
    const input = path.join(fixtures, d, 'input.md');
    if (!fs.existsSync(input)) continue;
    const expected = path.join(fixtures, d, 'expected.json');
    const options = fs.existsSync(expected) ? ((JSON.parse(fs.readFileSync(expected, 'utf8')) as { options?: AnalyzeOptions }).options ?? {}) : {};
    out.push({ name: `fixtures/${d}`, text: fs.readFileSync(input, 'utf8'), options });
  }
  return out;
}

/** The bars: which roles each measures and which rule judges its limit. */
const GROUPS: Record<string, { roles: Role[]; rule?: string; labels: string[] }> = {
  achievements: { roles: ['achievements'], rule: 'achievement-too-long', labels: ['成绩', 'Achievements'] },
  problems: { roles: ['problems', 'causes'], rule: 'problems-too-short', labels: ['问题（含原因）', 'Problems (with causes)'] },
  plans: { roles: ['plans'], labels: ['措施', 'Measures'] },
  total: { roles: [], rule: 'report-too-long', labels: ['全文', 'Whole'] },
};

interface Bar {
  state: 'none' | 'held' | 'broken';
  key: string;
  label: string;
  width: number;
  value: string;
}

const BAR = /<div class="dr-bar-row( dr-bad| dr-held)?"><span class="dr-bar-label">([^<]*)<\/span><span class="dr-bar"><span class="dr-fill dr-role-(\w+) dr-w-(\d+)"><\/span>(?:<span class="dr-mark dr-l-\d+"><\/span>)?<\/span><span class="dr-bar-value">([^<]*)/g;

function bars(html: string): Bar[] {
  return [...html.matchAll(BAR)].map((m) => ({ state: m[1] === ' dr-bad' ? 'broken' : m[1] === ' dr-held' ? 'held' : 'none', label: m[2], key: m[3], width: Number(m[4]), value: m[5] }));
}

/** The text a reader sees outside what the report and the findings say in their own words. */
function chrome(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<span class="dr-(msg|sec-title)">[^<]*<\/span>/g, '')
    .replace(/<div class="dr-(title|fix)">[^<]*<\/div>/g, '')
    .replace(/<(q|title)>[^<]*<\/\1>/g, '');
}

const share = (r: AnalysisResult, units: number) => (r.stats.units > 0 ? units / r.stats.units : 0);
const whole = (x: number) => Math.round(x * 100);

function checkCard(r: AnalysisResult, html: string, locale: 'zh' | 'en'): void {
  const shown = bars(html);
  const limited = new Set(['achievements', 'problems']);
  assert.deepEqual(
    shown.map((b) => b.key),
    ['achievements', 'problems', 'plans', ...(r.profile.thresholds.maxUnits ? ['total'] : [])],
    'the bars',
  );
  let crosses = 0;
  for (const b of shown) {
    const g = GROUPS[b.key];
    assert.ok(g.labels.includes(b.label), `label ${b.label}`);
    const finding = g.rule ? r.findings.find((f) => f.rule === g.rule) : undefined;
    // A ✗ exactly where the rule reported the limit broken.
    assert.equal(b.value.includes('✗'), !!finding, `${b.key}: ✗ ⇔ a ${g.rule} finding`);
    assert.equal(b.state === 'broken', !!finding, `${b.key}: shown broken ⇔ a finding`);
    if (b.value.includes('✗')) crosses++;
    if (b.key === 'total') {
      assert.ok(b.value.startsWith(locale === 'zh' ? `${r.stats.units}/${r.profile.thresholds.maxUnits} 字` : `${r.stats.units}/${r.profile.thresholds.maxUnits}`), b.value);
      continue;
    }
    const units = g.roles.reduce((n, role) => n + r.stats.unitsByRole[role], 0);
    const p = whole(share(r, units));
    // The stats' share as rounded: the bar, its number, and the rules' own base (units ÷ units).
    assert.equal(b.width, p, `${b.key} width`);
    const printed = /^(\d+(?:\.\d)?)%/.exec(b.value);
    assert.ok(printed, b.value);
    assert.ok(Math.abs(Number(printed[1]) - share(r, units) * 100) <= 0.5 + 1e-9, `${b.key}: ${printed[1]}% is the share as rounded`);
    if (!printed[1].includes('.')) assert.equal(Number(printed[1]), p);
    const statsShare = g.roles.reduce((n, role) => n + (r.stats.shares as Record<string, number>)[role], 0);
    assert.ok(Math.abs(p - statsShare * 100) <= 0.5 + 1e-3, `${b.key}: ${p}% against stats.shares ${statsShare}`);
    if (finding) {
      // The rule's number is the bar's number.
      const data = finding.data as { share?: number } | undefined;
      if (typeof data?.share === 'number') assert.equal(whole(data.share), whole(share(r, units)), `${b.key}: the finding's share`);
      if (locale === 'zh' && !printed[1].includes('.')) assert.ok(finding.message.includes(`${p}%`), `${b.key}: the finding says ${p}% too: ${finding.message}`);
    }
    if (!limited.has(b.key)) assert.doesNotMatch(b.value, /[✓✗]/);
  }

  // Missing parts and topics: a ✗ for each finding, and none without one.
  const parts = html.match(/<li class="dr-missing"[^>]*><span class="dr-check">✗<\/span>/g) ?? [];
  assert.equal(parts.length, r.findings.filter((f) => f.rule === 'missing-section').length, 'missing parts');
  crosses += parts.length;
  for (const t of r.stats.topics) {
    if (t.covered) continue;
    const f = r.findings.some((x) => x.rule === 'missing-topic' && x.topic === t.title);
    // An English card names the topic in English where the profile gives its English title.
    const shown = escapeHtml((locale === 'en' && t.titleEn) || t.title);
    const m = new RegExp(`<li class="dr-no"[^>]*><span class="dr-check">(.)</span> ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `).exec(html);
    assert.ok(m, `topic ${t.title}`);
    assert.equal(m[1] === '✗', f, `topic ${t.title}: ✗ ⇔ its finding`);
    if (f) crosses++;
  }
  assert.equal((chrome(html).match(/✗/g) ?? []).length, crosses, 'no ✗ anywhere else');

  // The checks switched off: one entry each, with what it hid, and a warning exactly where no reason is given.
  const waivers = r.waivers ?? [];
  const shownWaivers = [...html.matchAll(/<li class="dr-waiver( dr-unexplained)?"[^>]*>.*?<span class="dr-muted">(?:隐去 (\d+) 条问题|hid (\d+) findings?)<\/span><\/li>/g)];
  assert.deepEqual(
    shownWaivers.map((m) => [Number(m[2] ?? m[3]), !!m[1]]),
    waivers.map((w) => [w.hidden, !w.reason]),
    'the waivers',
  );
  assert.equal(html.includes(locale === 'zh' ? `已关闭的检查 ${waivers.length}` : `Checks switched off ${waivers.length}`), waivers.length > 0);

  // The outline: each section's percentage is its 字数 over the report's, as rounded.
  const sections: SectionStat[] = [];
  const walk = (list: readonly SectionStat[]) => list.forEach((s) => (sections.push(s), walk(s.children)));
  walk(r.stats.sections);
  const printed = [...html.matchAll(/<span class="dr-muted">(\d+) (?:字|characters) · (\d+)%<\/span>/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.deepEqual(
    printed,
    sections.map((s) => [s.units, whole(share(r, s.units))]),
    'the outline',
  );
  for (const s of sections) assert.ok(Math.abs(whole(share(r, s.units)) - s.share * 100) <= 0.5 + 1e-3, `${s.title}: ${s.share}`);

  // The outline's parts against the bars: the same number, or the card says why not.
  if (!r.stats.sections.length) return;
  for (const b of shown.filter((x) => x.key !== 'total')) {
    const g = GROUPS[b.key];
    const sectionUnits = r.stats.sections.filter((s) => g.roles.includes(s.role)).reduce((n, s) => n + s.units, 0);
    const sp = whole(share(r, sectionUnits));
    if (sp === b.width) continue;
    const units = g.roles.reduce((n, role) => n + r.stats.unitsByRole[role], 0);
    const zh = sectionUnits === 0 ? `按内容计 ${units} 字（${b.width}%），没有单独成节` : `按内容计 ${units} 字（${b.width}%），结构中标为`;
    const en = sectionUnits === 0 ? `${units} characters (${b.width}%) by content, with no section` : `${units} characters (${b.width}%) by content; the sections titled so hold ${sectionUnits} (${sp}%)`;
    assert.ok(html.includes(locale === 'zh' ? zh : en), `${b.key}: bar ${b.width}% against sections ${sp}% is explained`);
    if (sectionUnits && locale === 'zh') assert.ok(html.includes(`各节共 ${sectionUnits} 字（${sp}%）`));
  }
}

describe('scorecard numbers (samples and fixtures)', () => {
  const all = cases();
  it('has the samples and the fixtures', () => {
    assert.ok(all.filter((c) => c.name.startsWith('samples/')).length >= 3);
    assert.ok(all.filter((c) => c.name.startsWith('fixtures/')).length >= 20);
  });

  for (const c of all) {
    it(`${c.name}: every ✗ has its finding, every share is the stats' share`, () => {
      for (const locale of ['zh', 'en'] as const) {
        const r = analyze(c.text, { ...c.options, locale });
        checkCard(r, renderScorecardFragment(`${c.name}.md`, r, locale), locale);
        const page = renderScorecardPage(`${c.name}.md`, r, locale);
        checkCard(r, page, locale);
        assert.doesNotMatch(page.replace(/<style>[\s\S]*?<\/style>/, ''), /点击插入|click to insert|data-line|data-action/, 'the static page offers nothing to click');
      }
    });
  }

  it('the waiver fixtures: a waiver without a reason warns, one with a reason says it, each with what it hid', () => {
    for (const [name, hidden, reason] of [['positive', 3, undefined], ['negative', 1, '引用会上表态原话']] as const) {
      const c = all.find((x) => x.name === `fixtures/rule-waiver-without-reason-${name}`);
      assert.ok(c, name);
      const r = analyze(c.text, c.options);
      assert.equal(r.waivers?.length, 1);
      const html = renderScorecardPage(`${name}.md`, r, 'zh');
      assert.ok(html.includes(`隐去 ${hidden} 条问题`));
      assert.equal(html.includes('⚠ 未说明理由'), reason === undefined);
      if (reason) assert.ok(html.includes(`理由：${reason}`));
    }
  });

  it('the model report agrees with itself: 问题 40% against 下限 33%, its outline says 40%, 100 points and nothing found', () => {
    const text = fs.readFileSync(path.join(ROOT, 'samples', '2024年机关党支部书记述职报告.md'), 'utf8');
    const r = analyze(text);
    const html = renderScorecardFragment('model.md', r, 'zh');
    assert.equal(r.score, 100);
    assert.equal(r.findings.length, 0);
    assert.doesNotMatch(chrome(html), /✗/);
    assert.match(html, /<span class="dr-bar-label">问题（含原因）<\/span>.*?<span class="dr-bar-value">40%（下限 33%）✓/);
    assert.match(html, /存在问题<\/span> <span class="dr-muted">354 字 · 40%<\/span>/);
  });
});
