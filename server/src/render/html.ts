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
import { createHash } from 'node:crypto';
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

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/** A number for an attribute or a class suffix: never report text. */
function int(n: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : 0;
  return Math.min(max, Math.max(min, v));
}

function pct(share: unknown): number {
  return int(typeof share === 'number' ? share * 100 : 0, 0, 100);
}

const OUTLINE: readonly OutlineRole[] = ['achievements', 'problems', 'causes', 'plans'];

interface Words {
  role: Record<Role, string>;
  tier: Record<Tier, string>;
  severity: Record<Severity, string>;
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
    role: { achievements: '成绩', problems: '问题', causes: '原因', plans: '措施', other: '其他' },
    tier: { 好: '好', 中: '中', 差: '差' },
    severity: { error: '错误', warning: '警告', info: '提示', hint: '信息' },
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
    counts: (e, w, o) => `错误 ${e} · 警告 ${w} · 提示 ${o}`,
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
    role: { achievements: 'Achievements', problems: 'Problems', causes: 'Causes', plans: 'Measures', other: 'Other' },
    tier: { 好: 'good', 中: 'fair', 差: 'poor' },
    severity: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
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

/** Fixed class names for the closed sets; anything unexpected falls back to a safe default. */
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

function widthClasses(): string {
  const out: string[] = [];
  for (let i = 0; i <= 100; i++) out.push(`.dr-w-${i}{width:${i}%}.dr-l-${i}{left:${i}%}`);
  return out.join('');
}

/**
 * The stylesheet of the fragment. In a webview the colours come from VS Code's theme (its body
 * classes and --vscode-* variables, light, dark and high contrast alike); in a standalone page
 * they follow the system's light or dark scheme.
 */
export const SCORECARD_CSS = `
:root{color-scheme:light dark;--dr-fg:#1f2328;--dr-bg:#ffffff;--dr-muted:#59636e;--dr-border:#d1d9e0;--dr-card:#f6f8fa;
--dr-track:#e3e8ee;--dr-fill:#0969da;--dr-bad:#cf222e;--dr-good:#1a7f37;--dr-fair:#9a6700;--dr-poor:#cf222e;--dr-warn:#9a6700;--dr-info:#0969da;--dr-focus:#0969da}
@media (prefers-color-scheme: dark){:root{--dr-fg:#e6edf3;--dr-bg:#0d1117;--dr-muted:#9198a1;--dr-border:#3d444d;--dr-card:#151b23;
--dr-track:#2a313c;--dr-fill:#4493f8;--dr-bad:#f85149;--dr-good:#3fb950;--dr-fair:#d29922;--dr-poor:#f85149;--dr-warn:#d29922;--dr-info:#4493f8;--dr-focus:#4493f8}}
body.vscode-light,body.vscode-dark,body.vscode-high-contrast,body.vscode-high-contrast-light{--dr-fg:var(--vscode-foreground);--dr-bg:var(--vscode-editor-background);
--dr-muted:var(--vscode-descriptionForeground);--dr-border:var(--vscode-widget-border,var(--vscode-panel-border));--dr-card:var(--vscode-sideBar-background,var(--vscode-editor-background));
--dr-track:color-mix(in srgb,var(--vscode-foreground) 16%,transparent);--dr-fill:var(--vscode-charts-blue);--dr-bad:var(--vscode-charts-red);
--dr-good:var(--vscode-charts-green);--dr-fair:var(--vscode-charts-yellow);--dr-poor:var(--vscode-charts-red);--dr-warn:var(--vscode-charts-orange);
--dr-info:var(--vscode-charts-blue);--dr-focus:var(--vscode-focusBorder)}
body.vscode-high-contrast,body.vscode-high-contrast-light{--dr-border:var(--vscode-contrastBorder)}
body.vscode-high-contrast .dr-bar,body.vscode-high-contrast-light .dr-bar{outline:1px solid var(--vscode-contrastBorder)}
body.vscode-high-contrast .dr-card,body.vscode-high-contrast-light .dr-card{border-color:var(--vscode-contrastBorder)}
body.vscode-high-contrast .dr-tier,body.vscode-high-contrast-light .dr-tier,body.vscode-high-contrast .dr-badge{outline:1px solid var(--vscode-contrastBorder)}
body{margin:0;padding:16px 24px;font:14px/1.6 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--dr-fg);background:var(--dr-bg)}
body[class*=vscode]{font-family:var(--vscode-font-family),"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:var(--vscode-font-size,13px)}
.dr-muted{color:var(--dr-muted)}
.dr-card{border:1px solid var(--dr-border);border-radius:8px;padding:12px 16px;margin:8px 0;background:var(--dr-card)}
.dr-card h3{font-size:1em;margin:14px 0 6px}.dr-card h4{font-size:.95em;margin:10px 0 4px;font-weight:600}
.dr-head{display:flex;gap:16px;align-items:flex-start}.dr-head-text{min-width:0}
.dr-score{min-width:88px;text-align:center}.dr-score-n{font-size:2.2em;font-weight:700;line-height:1.1}.dr-lost{display:block;font-size:.8em}
.dr-tier{display:block;font-weight:700;border-radius:4px;margin-top:4px;padding:0 6px;color:#fff}
.dr-tier-good .dr-tier,.dr-badge.dr-tier-good{background:var(--dr-good)}.dr-tier-fair .dr-tier,.dr-badge.dr-tier-fair{background:var(--dr-fair)}
.dr-tier-poor .dr-tier,.dr-badge.dr-tier-poor{background:var(--dr-poor)}
.dr-tier-fair .dr-tier,.dr-badge.dr-tier-fair{color:#1f2328}
.dr-title{font-weight:700;font-size:1.1em}.dr-path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all;font-weight:600}
/* One grid for all rows, so every bar starts and ends at the same place whatever its label. */
.dr-bars{display:grid;grid-template-columns:max-content minmax(60px,1fr) auto;gap:4px 8px;align-items:center}.dr-bar-row{display:contents}.dr-bar-value{white-space:nowrap}
.dr-bar{position:relative;height:10px;border-radius:5px;background:var(--dr-track);overflow:visible}
.dr-fill{position:absolute;left:0;top:0;bottom:0;border-radius:5px;background:var(--dr-fill)}
.dr-held .dr-fill{background:var(--dr-good)}
.dr-bad .dr-fill{background:var(--dr-bad)}.dr-bad .dr-bar-value{color:var(--dr-bad);font-weight:600}
.dr-mark{position:absolute;top:-3px;bottom:-3px;width:2px;margin-left:-1px;background:var(--dr-fg)}
.dr-tree,.dr-topics,.dr-vague{margin:0;padding-left:1.2em}.dr-tree .dr-tree{padding-left:1.4em}
.dr-role{display:inline-block;font-size:.8em;padding:0 5px;border-radius:3px;border:1px solid var(--dr-border)}
.dr-role-achievements{color:var(--dr-info)}.dr-role-problems{color:var(--dr-bad)}.dr-role-causes{color:var(--dr-warn)}.dr-role-plans{color:var(--dr-good)}
.dr-ok .dr-check{color:var(--dr-good)}.dr-no .dr-check,.dr-missing .dr-check{color:var(--dr-bad);font-weight:700}
.dr-missing-parts{list-style:none}
.dr-findings{margin:0;padding-left:1.6em}.dr-finding{margin:2px 0}
.dr-sev{font-weight:600}.dr-sev-error .dr-sev{color:var(--dr-bad)}.dr-sev-warning .dr-sev{color:var(--dr-warn)}
.dr-sev-info .dr-sev,.dr-sev-hint .dr-sev{color:var(--dr-info)}
.dr-points{font-size:.85em;color:var(--dr-bad)}.dr-count{font-size:.85em;border-radius:8px;padding:0 6px;background:var(--dr-track)}
.dr-fix{padding-left:1em;color:var(--dr-muted)}
.dr-interactive [data-line]{cursor:pointer;border-radius:3px}
.dr-interactive [data-line]:hover{background:var(--vscode-list-hoverBackground,var(--dr-track))}
.dr-interactive [data-line]:focus-visible{outline:1px solid var(--dr-focus);outline-offset:1px}
.dr-interactive [data-action=fix] .dr-muted{text-decoration:underline dotted}
.dr-reasons{margin-top:4px;color:var(--dr-poor)}.dr-tiers{display:flex;gap:12px;list-style:none;padding:0}.dr-badge{color:#fff;border-radius:4px;padding:2px 10px;font-weight:700}
.dr-rank{list-style:none;padding:0}.dr-rank>li{margin:4px 0}
.dr-rank summary{cursor:pointer;display:grid;grid-template-columns:3.5em minmax(0,1fr) 2.5em 2.5em 10em 13em;gap:8px;align-items:center;
padding:6px 8px;border:1px solid var(--dr-border);border-radius:6px}
.dr-rank summary::-webkit-details-marker{display:none}.dr-rank summary .dr-rank-no::before{content:"▸ "}
.dr-rank details[open]>summary .dr-rank-no::before{content:"▾ "}.dr-rank summary .dr-tier{margin:0;text-align:center}.dr-rank summary>span{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.dr-rank summary>.dr-name{white-space:normal;word-break:break-all}.dr-score-n-small{font-weight:700;text-align:right}
@media (max-width:480px){body{padding:8px 10px}.dr-card{padding:8px 10px}.dr-head{flex-direction:column;gap:6px}.dr-score{text-align:left;min-width:0}
.dr-bars{grid-template-columns:max-content minmax(40px,1fr)}.dr-bar-value{grid-column:1/-1;white-space:normal;margin-bottom:4px}
.dr-rank summary{grid-template-columns:2.5em minmax(0,1fr) 2.5em 2.5em}.dr-rank summary>span:nth-child(n+5){display:none}}
${widthClasses()}
`;

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

/**
 * The Content-Security-Policy of every scorecard page: nothing loads unless named here, no
 * remote source is ever named, and styles and scripts run only when they carry the page's nonce
 * (the preview) or match the hash of our own stylesheet (a standalone export, which has no
 * script at all). A nonce also admits the preview's script file, so no origin is named.
 */
export function scorecardCsp(opts: { nonce: string } | { styleHash: string }): string {
  const style = 'nonce' in opts ? `'nonce-${opts.nonce}'` : `'${opts.styleHash}'`;
  const script = 'nonce' in opts ? `'nonce-${opts.nonce}'` : "'none'";
  return `default-src 'none'; style-src ${style}; script-src ${script}; img-src data:; base-uri 'none'; form-action 'none'`;
}

let cssHash: string | undefined;
/** The CSP source expression for SCORECARD_CSS as a `<style>` element's exact content. */
export function scorecardCssHash(): string {
  cssHash ??= `sha256-${createHash('sha256').update(SCORECARD_CSS, 'utf8').digest('base64')}`;
  return cssHash;
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
