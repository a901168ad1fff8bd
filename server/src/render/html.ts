/**
 * Pure HTML rendering of the scorecard: the CLI's `--format html` and the editor's scorecard
 * preview both call these functions, so the two never disagree.
 *
 * Safety contract: every string that comes from a report or from the analysis (titles, paths,
 * messages, phrases, rule ids, profile names) passes through `escapeHtml`. Attributes only ever
 * hold fixed class names or integers. No URL is emitted as a link. The output holds no script.
 *
 * No style attributes either: bar widths are classes (`dr-w-58`) so that a nonce-based CSP in
 * a webview, which blocks inline style attributes, renders the fragment the same way.
 */
import type {
  AnalysisResult,
  Finding,
  Locale,
  OutlineRole,
  ProfileSource,
  Role,
  SectionStat,
  Severity,
  Thresholds,
  Tier,
} from '../core/types';
import { WORDS as TABLE } from '../core/words';
import { escapeHtml, SCORECARD_CSS, scorecardCsp } from '../../../shared/html';
import { SCORECARD_CSS_HASH } from '../../../shared/cssHash';

/** A number for an attribute or a class suffix: never report text. */
function int(n: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : 0;
  return Math.min(max, Math.max(min, v));
}

function pct(share: unknown): number {
  return int(typeof share === 'number' ? share * 100 : 0, 0, 100);
}

const OUTLINE: readonly OutlineRole[] = ['achievements', 'problems', 'causes', 'plans'];

/** The renderer's words: the product's table (core/words.ts) for roles, tiers and severities, then its own phrases. */
interface Words {
  /** A role in the share bars, the outline and the missing parts: the table's short word. */
  role: Readonly<Record<Role, string>>;
  tier: Readonly<Record<Tier, string>>;
  severity: Readonly<Record<Severity, string>>;
  source: Record<ProfileSource, string>;
  score: string;
  profile: string;
  units: (n: number) => string;
  shares: string;
  max: (p: number) => string;
  min: (p: number) => string;
  total: string;
  /** The 字数 of the whole against its limit. */
  ofMax: (units: number, max: number) => string;
  /** Where a share stands against its limit: short, the colour says the rest. */
  against: (p: number, limit: string, held: boolean) => string;
  missingPart: string;
  clickToInsert: string;
  deducted: (n: number) => string;
  outline: string;
  noSections: string;
  topics: string;
  noTopics: string;
  covered: string;
  missing: string;
  findings: string;
  noFindings: string;
  line: (l: number, c: number) => string;
  fix: string;
  points: (n: number) => string;
  lost: (n: number) => string;
  vague: (n: number) => string;
  noEvidence: (n: number) => string;
  counts: (e: number, w: number, o: number) => string;
  summaryTitle: string;
  summaryLead: (n: number) => string;
  rank: string;
  file: string;
  skipped: string;
  average: (n: number) => string;
  tierReasons: string;
  listSep: string;
  /** The parts read item by item: how many items, how many flagged. */
  itemsProblems: (total: number, flagged: number) => string;
  itemsPlans: (total: number, flagged: number) => string;
}

const WORDS: Record<Locale, Words> = {
  zh: {
    role: TABLE.roleShort.zh,
    tier: TABLE.tier.zh,
    severity: TABLE.severity.zh,
    source: {
      'front-matter': 'front matter 指定',
      option: '命令行或设置指定',
      config: '配置文件指定',
      detected: '自动识别',
      default: '默认',
    },
    score: '评分',
    profile: '画像',
    units: (n) => `${n} 字`,
    shares: '篇幅比例',
    max: (p) => `上限 ${p}%`,
    min: (p) => `下限 ${p}%`,
    total: '全文',
    ofMax: (u, m) => `${u}/${m} 字`,
    against: (p, limit, held) => `${p}%（${limit}）${held ? '✓' : '✗'}`,
    missingPart: '缺少',
    clickToInsert: '点击插入',
    deducted: (n) => `满分 100，扣 ${n} 分`,
    outline: '结构',
    noSections: '未识别出章节。',
    topics: '必述内容',
    noTopics: '此画像没有必述内容清单。',
    covered: '已覆盖',
    missing: '未覆盖',
    findings: '发现的问题',
    noFindings: '没有发现问题。',
    line: (l, c) => `第 ${l} 行第 ${c} 列`,
    fix: '修改建议：',
    points: (n) => `扣 ${n} 分`,
    lost: (n) => `共扣 ${n} 分`,
    vague: (n) => `空话套话 ${n} 处`,
    noEvidence: (n) => `缺少实据的段落 ${n} 个`,
    counts: (e, w, o) => `${TABLE.severity.zh.error} ${e} · ${TABLE.severity.zh.warning} ${w} · ${TABLE.severity.zh.info} ${o}`,
    summaryTitle: '述职报告评议汇总',
    summaryLead: (n) => `共 ${n} 份报告，按“好、中、差”三个档次综合排序（seed 001），档内按评分从高到低。`,
    rank: '名次',
    file: '报告',
    skipped: '未分析的文件',
    average: (n) => `平均分 ${n}`,
    tierReasons: '定档依据：',
    listSep: '；',
    itemsProblems: (t, n) => `问题 ${t} 条中 ${n} 条大而化之`,
    itemsPlans: (t, n) => `措施 ${t} 条中 ${n} 条空泛`,
  },
  en: {
    role: TABLE.roleShort.en,
    tier: TABLE.tier.en,
    severity: TABLE.severity.en,
    source: {
      'front-matter': 'set in front matter',
      option: 'set by option or setting',
      config: 'set in the configuration file',
      detected: 'detected',
      default: 'default',
    },
    score: 'Score',
    profile: 'Profile',
    units: (n) => `${n} characters`,
    shares: 'Shares of the report',
    max: (p) => `max ${p}%`,
    min: (p) => `min ${p}%`,
    total: 'Whole',
    ofMax: (u, m) => `${u}/${m}`,
    against: (p, limit, held) => `${p}% (${limit}) ${held ? '✓' : '✗'}`,
    missingPart: 'Missing',
    clickToInsert: 'click to insert',
    deducted: (n) => `${n} of 100 points lost`,
    outline: 'Outline',
    noSections: 'No sections recognised.',
    topics: 'Required topics',
    noTopics: 'This profile has no required topics.',
    covered: 'covered',
    missing: 'missing',
    findings: 'Findings',
    noFindings: 'No findings.',
    line: (l, c) => `line ${l}, column ${c}`,
    fix: 'Suggested fix: ',
    points: (n) => `−${n} points`,
    lost: (n) => `${n} points lost`,
    vague: (n) => `${n} vague phrases`,
    noEvidence: (n) => `${n} paragraphs without evidence`,
    counts: (e, w, o) => `${e} errors · ${w} warnings · ${o} infos`,
    summaryTitle: 'Duty report review summary',
    summaryLead: (n) => `${n} reports, ranked in the three tiers good, fair, poor (seed 001), by score within a tier.`,
    rank: 'Rank',
    file: 'Report',
    skipped: 'Files not analysed',
    average: (n) => `average score ${n}`,
    tierReasons: 'Tier because: ',
    listSep: '; ',
    itemsProblems: (t, n) => `${n} of ${t} problems generic`,
    itemsPlans: (t, n) => `${n} of ${t} measures empty`,
  },
};

function words(locale: Locale | undefined): Words {
  return WORDS[locale === 'en' ? 'en' : 'zh'];
}

/**
 * Fixed class names for the closed sets; anything unexpected falls back to a safe default.
 * Class names are the stylesheet's identifiers (shared/html.ts), not words a person reads, so
 * they stay here rather than follow the word table's English.
 */
const TIER_CLASS: Record<string, string> = { 好: 'good', 中: 'fair', 差: 'poor' };
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const ROLES: readonly Role[] = ['achievements', 'problems', 'causes', 'plans', 'other'];

/** Own-property lookup, so that "constructor" or "__proto__" in data never reaches the output. */
function lookup<V>(table: Record<string, V>, key: unknown): V | undefined {
  const k = String(key);
  return Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;
}

function tierClass(t: unknown): string {
  return lookup(TIER_CLASS, t) ?? 'fair';
}
function severityOf(s: unknown): Severity {
  return SEVERITIES.includes(s as Severity) ? (s as Severity) : 'info';
}
function roleOf(r: unknown): Role {
  return ROLES.includes(r as Role) ? (r as Role) : 'other';
}
function tierWord(w: Words, t: unknown): string {
  return escapeHtml(lookup(w.tier, t) ?? String(t));
}

/** The share limit on a role: the profile's own, else one read from the finding that enforces it. */
function shareLimit(r: AnalysisResult, role: OutlineRole): { share: number; kind: 'max' | 'min' } | undefined {
  const t: Thresholds = r.profile?.thresholds ?? {};
  const own = role === 'achievements' ? t.maxAchievementShare : role === 'problems' ? t.minProblemShare : undefined;
  const kind = role === 'achievements' ? 'max' : 'min';
  if (typeof own === 'number' && own > 0 && own <= 1) return { share: own, kind };
  // Results from older callers carry no thresholds; the finding knows the limit it broke.
  const rule = role === 'achievements' ? 'achievement-too-long' : role === 'problems' ? 'problems-too-short' : undefined;
  if (!rule) return undefined;
  const keys = ['limit', 'threshold', kind, `${kind}Share`, kind === 'max' ? 'maxAchievementShare' : 'minProblemShare'];
  for (const f of r.findings ?? []) {
    if (f.rule !== rule || !f.data) continue;
    for (const k of keys) {
      const v = f.data[k];
      if (typeof v === 'number' && v > 0 && v <= 1) return { share: v, kind };
    }
  }
  return undefined;
}

/** A row of the share bars; `state` says whether a limit applies and holds. */
function barRow(label: string, fillClass: string, p: number, value: string, state: 'none' | 'held' | 'broken', markAt?: number): string {
  const mark = markAt === undefined ? '' : `<span class="dr-mark dr-l-${int(markAt, 0, 100)}"></span>`;
  const cls = state === 'broken' ? ' dr-bad' : state === 'held' ? ' dr-held' : '';
  return (
    `<div class="dr-bar-row${cls}">` +
    `<span class="dr-bar-label">${escapeHtml(label)}</span>` +
    `<span class="dr-bar"><span class="dr-fill ${fillClass} dr-w-${int(p, 0, 100)}"></span>${mark}</span>` +
    `<span class="dr-bar-value">${escapeHtml(value)}</span></div>`
  );
}

function renderBars(r: AnalysisResult, w: Words): string {
  const rows = OUTLINE.map((role) => {
    const share = r.stats?.shares?.[role] ?? 0;
    const p = pct(share);
    const limit = shareLimit(r, role);
    if (!limit) return barRow(w.role[role], `dr-role-${role}`, p, `${p}%`, 'none');
    const lp = pct(limit.share);
    const bad = limit.kind === 'max' ? share > limit.share : share < limit.share;
    const value = w.against(p, limit.kind === 'max' ? w.max(lp) : w.min(lp), !bad);
    return barRow(w.role[role], `dr-role-${role}`, p, value, bad ? 'broken' : 'held', lp);
  });
  // The whole report against the profile's 字数 limit: the bar's end is the limit.
  const max = r.profile?.thresholds?.maxUnits;
  if (typeof max === 'number' && max > 0) {
    const units = int(r.stats?.units);
    const over = units > max;
    rows.push(barRow(w.total, 'dr-role-total', (units / max) * 100, `${w.ofMax(units, int(max))} ${over ? '✗' : '✓'}`, over ? 'broken' : 'held', 100));
  }
  return `<div class="dr-bars">${rows.join('')}</div>`;
}

/** Attributes of something a click can act on: where it is, and which finding it stands for. */
function target(range: Finding['range'] | undefined, finding?: number, fix = false): string {
  const at = ` data-line="${int(range?.start?.line)}" data-character="${int(range?.start?.character)}"`;
  if (finding === undefined) return at;
  return `${at} data-finding="${int(finding)}"${fix ? ' data-action="fix"' : ''}`;
}

/** Rules whose finding a click offers to fix: a missing part or topic is inserted from its snippet. */
const FIXABLE_BY_CLICK = new Set(['missing-section', 'missing-topic']);
const offersFix = (f: Finding): boolean => FIXABLE_BY_CLICK.has(f.rule) && !!f.fix;

function renderSections(sections: readonly SectionStat[], w: Words, depth = 0): string {
  // Depth is capped so that a hostile document with absurd nesting cannot blow the stack.
  if (!sections.length || depth > 12) return '';
  const items = sections.map((s) => {
    const role = roleOf(s.role);
    return (
      `<li${target(s.range)}>` +
      `<span class="dr-role dr-role-${role}">${escapeHtml(w.role[role])}</span> ` +
      `<span class="dr-sec-title">${escapeHtml(s.title ?? '')}</span> ` +
      `<span class="dr-muted">${escapeHtml(w.units(int(s.units)))} · ${pct(s.share)}%</span>` +
      renderSections(s.children ?? [], w, depth + 1) +
      `</li>`
    );
  });
  return `<ul class="dr-tree">${items.join('')}</ul>`;
}

/** The outline parts the report lacks, each standing for its missing-section finding. */
function renderMissingParts(r: AnalysisResult, w: Words): string {
  const items: string[] = [];
  (r.findings ?? []).forEach((f, i) => {
    if (f.rule !== 'missing-section') return;
    const role = roleOf(f.section);
    items.push(
      `<li class="dr-missing"${target(f.range, i, offersFix(f))}>` +
        `<span class="dr-check">✗</span> ${escapeHtml(w.missingPart)} <span class="dr-role dr-role-${role}">${escapeHtml(w.role[role])}</span>` +
        (offersFix(f) ? ` <span class="dr-muted">${escapeHtml(w.clickToInsert)}</span>` : '') +
        `</li>`,
    );
  });
  return items.length ? `<ul class="dr-tree dr-missing-parts">${items.join('')}</ul>` : '';
}

function renderTopics(r: AnalysisResult, w: Words): string {
  const topics = r.stats?.topics ?? [];
  if (!topics.length) return `<p class="dr-muted">${escapeHtml(w.noTopics)}</p>`;
  const findings = r.findings ?? [];
  const items = topics.map((t) => {
    const ok = t.covered === true;
    if (ok) {
      const where = t.range ? ` <span class="dr-muted">${escapeHtml(w.line(int(t.range.start?.line) + 1, int(t.range.start?.character) + 1))}</span>` : '';
      const matched = t.matched ? ` <q>${escapeHtml(t.matched)}</q>` : '';
      return (
        `<li class="dr-ok"${t.range ? target(t.range) : ''}>` +
        `<span class="dr-check">✓</span> ${escapeHtml(t.title ?? '')} ` +
        `<span class="dr-muted">${escapeHtml(w.covered)}</span>${matched}${where}</li>`
      );
    }
    // A missing topic stands for its missing-topic finding, whose fix inserts it.
    const i = findings.findIndex((f) => f.rule === 'missing-topic' && f.topic === t.title);
    const f = i === -1 ? undefined : findings[i];
    return (
      `<li class="dr-no"${f ? target(f.range, i, offersFix(f)) : ''}>` +
      `<span class="dr-check">✗</span> ${escapeHtml(t.title ?? '')} ` +
      `<span class="dr-muted">${escapeHtml(w.missing)}${f && offersFix(f) ? ` · ${escapeHtml(w.clickToInsert)}` : ''}</span></li>`
    );
  });
  return `<ul class="dr-topics">${items.join('')}</ul>`;
}

/** Points lost per finding index. */
function pointsByFinding(r: AnalysisResult): Map<number, number> {
  const points = new Map<number, number>();
  for (const d of r.deductions ?? []) {
    points.set(int(d.finding), (points.get(int(d.finding)) ?? 0) + (typeof d.points === 'number' ? d.points : 0));
  }
  return points;
}

function renderFindings(r: AnalysisResult, w: Words): string {
  const findings = r.findings ?? [];
  if (!findings.length) return `<p class="dr-muted">${escapeHtml(w.noFindings)}</p>`;
  const points = pointsByFinding(r);
  // Group by rule in order of first appearance; findings keep their indices for deductions.
  const groups = new Map<string, number[]>();
  findings.forEach((f, i) => {
    const list = groups.get(f.rule) ?? [];
    list.push(i);
    groups.set(f.rule, list);
  });
  const out: string[] = [];
  for (const [rule, indices] of groups) {
    const lost = indices.reduce((sum, i) => sum + (points.get(i) ?? 0), 0);
    const items = indices.map((i) => {
      const f = findings[i];
      const sev = severityOf(f.severity);
      const line = int(f.range?.start?.line);
      const col = int(f.range?.start?.character);
      const p = points.get(i);
      const fix = f.fix?.title ? `<div class="dr-fix">${escapeHtml(w.fix)}${escapeHtml(f.fix.title)}</div>` : '';
      return (
        `<li class="dr-finding dr-sev-${sev}"${target(f.range, i, offersFix(f))}>` +
        `<span class="dr-sev">${escapeHtml(w.severity[sev])}</span> ` +
        `<span class="dr-muted">${escapeHtml(w.line(line + 1, col + 1))}</span> ` +
        `<span class="dr-msg">${escapeHtml(f.message ?? '')}</span>` +
        (p ? ` <span class="dr-points">${escapeHtml(w.points(roundPoints(p)))}</span>` : '') +
        fix +
        `</li>`
      );
    });
    out.push(
      `<div class="dr-rule"><h4><code>${escapeHtml(rule)}</code> <span class="dr-count">${indices.length}</span>` +
        (lost ? ` <span class="dr-points">${escapeHtml(w.lost(roundPoints(lost)))}</span>` : '') +
        `</h4><ol class="dr-findings">${items.join('')}</ol></div>`,
    );
  }
  return out.join('');
}

function roundPoints(n: number): number {
  return Math.round(n * 10) / 10;
}

function severityCounts(findings: readonly Finding[]): { error: number; warning: number; other: number } {
  const c = { error: 0, warning: 0, other: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.error++;
    else if (f.severity === 'warning') c.warning++;
    else c.other++;
  }
  return c;
}

/**
 * The report's own title line, when the result carries one (an optional field the core may
 * add); shown as text beside the path so reviewers recognise reports by name.
 */
function reportTitle(r: AnalysisResult): string | undefined {
  const t = (r as AnalysisResult & { title?: unknown }).title;
  return typeof t === 'string' && t.trim() ? t.trim() : undefined;
}

/** The parts read item by item, as counts after the facts line (nothing for a report without items). */
function renderItemCounts(r: AnalysisResult, w: Words): string {
  const items = r.stats?.items;
  if (!items) return '';
  const parts: string[] = [];
  if (int(items.problems?.total) > 0) parts.push(w.itemsProblems(int(items.problems.total), int(items.problems.generic)));
  if (int(items.plans?.total) > 0) parts.push(w.itemsPlans(int(items.plans.total), int(items.plans.vague)));
  return parts.map((p) => ` · ${escapeHtml(p)}`).join('');
}

/** What a reviewer would send the draft back for: why the tier is lower than the score. */
function renderTierReasons(r: AnalysisResult, w: Words): string {
  const reasons = Array.isArray(r.tierReasons) ? r.tierReasons.filter((x): x is string => typeof x === 'string') : [];
  if (!reasons.length) return '';
  return `<div class="dr-reasons">${escapeHtml(w.tierReasons)}${reasons.map((x) => escapeHtml(x)).join(w.listSep)}</div>`;
}

/** One report's scorecard as an HTML fragment (no document wrapper, no styles). */
export function renderScorecardFragment(path: string, r: AnalysisResult, locale?: Locale): string {
  const w = words(locale);
  const tc = tierClass(r.tier);
  const stats = r.stats;
  const c = severityCounts(r.findings ?? []);
  const vague = (stats?.vaguePhrases ?? []).reduce((n, v) => n + int(v.count), 0);
  const topics = stats?.topics ?? [];
  const covered = topics.filter((t) => t.covered).length;
  const source = lookup(w.source, r.profile?.source) ?? String(r.profile?.source ?? '');
  const lost = roundPoints([...pointsByFinding(r).values()].reduce((a, b) => a + b, 0));
  const vagueList = (stats?.vaguePhrases ?? [])
    .slice(0, 12)
    .map((v) => `<li><q>${escapeHtml(v.phrase)}</q> × ${int(v.count)}</li>`)
    .join('');
  return (
    `<section class="dr-card dr-tier-${tc}">` +
    `<header class="dr-head">` +
    `<div class="dr-score"><span class="dr-score-n">${int(r.score, 0, 100)}</span><span class="dr-muted">/100</span>` +
    `<span class="dr-tier">${tierWord(w, r.tier)}</span>` +
    `<span class="dr-muted dr-lost">${escapeHtml(w.deducted(lost))}</span></div>` +
    `<div class="dr-head-text">` +
    (reportTitle(r) ? `<div class="dr-title">${escapeHtml(reportTitle(r) as string)}</div>` : '') +
    `<div class="dr-path">${escapeHtml(path)}</div>` +
    `<div>${escapeHtml(w.profile)}：<strong>${escapeHtml(r.profile?.name ?? '')}</strong> <span class="dr-muted">（${escapeHtml(source)}）</span></div>` +
    (r.profile?.reason ? `<div class="dr-muted">${escapeHtml(r.profile.reason)}</div>` : '') +
    `<div class="dr-facts">${escapeHtml(w.units(int(stats?.units)))} · ${escapeHtml(w.counts(c.error, c.warning, c.other))} · ` +
    `${escapeHtml(w.vague(vague))} · ${escapeHtml(w.noEvidence(int(stats?.paragraphsWithoutEvidence)))}${renderItemCounts(r, w)}</div>` +
    renderTierReasons(r, w) +
    `</div></header>` +
    `<h3>${escapeHtml(w.shares)}</h3>${renderBars(r, w)}` +
    `<h3>${escapeHtml(w.outline)}</h3>` +
    (stats?.sections?.length ? renderSections(stats.sections, w) : `<p class="dr-muted">${escapeHtml(w.noSections)}</p>`) +
    renderMissingParts(r, w) +
    `<h3>${escapeHtml(w.topics)}${topics.length ? ` ${covered}/${topics.length}` : ''}</h3>${renderTopics(r, w)}` +
    (vagueList ? `<h3>${escapeHtml(w.vague(vague))}</h3><ul class="dr-vague">${vagueList}</ul>` : '') +
    `<h3>${escapeHtml(w.findings)}</h3>${renderFindings(r, w)}` +
    `</section>`
  );
}

export interface BatchFile {
  path: string;
  result: AnalysisResult;
}

export interface BatchOptions {
  locale?: Locale;
  /** Page title; defaults to 述职报告评议汇总. */
  title?: string;
  /** Files named on the command line but not analysed, with the reason. */
  skipped?: { path: string; reason: string }[];
}

const TIER_ORDER: Record<string, number> = { 好: 0, 中: 1, 差: 2 };
const tierRank = (t: unknown): number => lookup(TIER_ORDER, t) ?? 1;

/** Orders reports as seed 001 asks: by tier 好 → 中 → 差, then by score, then by path. */
export function rankReports<T extends BatchFile>(files: readonly T[]): T[] {
  return [...files].sort(
    (a, b) =>
      tierRank(a.result.tier) - tierRank(b.result.tier) ||
      (Number(b.result.score) || 0) - (Number(a.result.score) || 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** The CSP source expression for SCORECARD_CSS as a `<style>` element's exact content (computed by scripts/generate.js). */
export function scorecardCssHash(): string {
  return SCORECARD_CSS_HASH;
}

function pageHead(title: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${scorecardCsp({ styleHash: scorecardCssHash() })}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<title>${escapeHtml(title)}</title><style>${SCORECARD_CSS}</style></head>`
  );
}

/** A standalone page for one report (the scorecard's "export as HTML"). */
export function renderScorecardPage(path: string, r: AnalysisResult, locale?: Locale): string {
  return `${pageHead(path)}<body>${renderScorecardFragment(path, r, locale)}</body></html>\n`;
}

/** One standalone page ranking many reports; each row opens that report's scorecard. */
export function renderBatchPage(files: readonly BatchFile[], opts: BatchOptions = {}): string {
  const w = words(opts.locale);
  const ranked = rankReports(files);
  const title = opts.title ?? w.summaryTitle;
  const tiers: Tier[] = ['好', '中', '差'];
  const counts = tiers.map((t) => `<li><span class="dr-badge dr-tier-${tierClass(t)}">${tierWord(w, t)} ${ranked.filter((f) => f.result.tier === t).length}</span></li>`);
  const avg = ranked.length ? Math.round(ranked.reduce((s, f) => s + (Number(f.result.score) || 0), 0) / ranked.length) : 0;
  const rows = ranked.map((f, i) => {
    const c = severityCounts(f.result.findings ?? []);
    return (
      `<li class="dr-tier-${tierClass(f.result.tier)}"><details><summary>` +
      `<span class="dr-rank-no">${i + 1}</span>` +
      `<span class="dr-name"><span class="dr-path">${escapeHtml(f.path)}</span>` +
      (reportTitle(f.result) ? ` <span class="dr-muted">${escapeHtml(reportTitle(f.result) as string)}</span>` : '') +
      `</span><span class="dr-score-n-small">${int(f.result.score, 0, 100)}</span>` +
      `<span class="dr-tier">${tierWord(w, f.result.tier)}</span>` +
      `<span class="dr-muted">${escapeHtml(f.result.profile?.name ?? '')}</span>` +
      `<span class="dr-muted">${escapeHtml(w.counts(c.error, c.warning, c.other))}</span>` +
      `</summary>${renderScorecardFragment(f.path, f.result, opts.locale)}</details></li>`
    );
  });
  const skipped = opts.skipped?.length
    ? `<h2>${escapeHtml(w.skipped)}</h2><ul>${opts.skipped
        .map((s) => `<li><span class="dr-path">${escapeHtml(s.path)}</span> <span class="dr-muted">${escapeHtml(s.reason)}</span></li>`)
        .join('')}</ul>`
    : '';
  return (
    `${pageHead(title)}<body>` +
    `<h1>${escapeHtml(title)}</h1>` +
    `<p class="dr-muted">${escapeHtml(w.summaryLead(ranked.length))} ${escapeHtml(w.average(avg))}</p>` +
    `<ul class="dr-tiers">${counts.join('')}</ul>` +
    `<ol class="dr-rank">${rows.join('')}</ol>${skipped}</body></html>\n`
  );
}
