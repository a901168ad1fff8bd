/**
 * One report's scorecard as an HTML fragment: the head with the tier's reasons, the findings by
 * weight, then share bars, outline and topics.
 */
import { RULES } from '../core';
import type { AnalysisResult, Finding, Locale, SectionStat, Severity } from '../core/types';
import { escapeHtml } from '../../../shared/html';
import { holdsAsShown, percentText, shareBars, shareOf, totalBar, wholePercent, type LimitState, type ShareBar } from './shares';
import { int, lookup, pct, reportTitle, roleOf, roundPoints, severityCounts, severityOf, tierClass, tierWordHtml, waiversOf, type ParagraphPosition, type WordPlaces } from './values';
import { words, type Words } from './words';

/** A row of the share bars; `state` says whether a limit applies and holds. */
function barRow(label: string, fillClass: string, p: number, value: string, state: LimitState, markAt?: number, note = ''): string {
  const mark = markAt === undefined ? '' : `<span class="dr-mark dr-l-${int(markAt, 0, 100)}"></span>`;
  const cls = state === 'broken' ? ' dr-bad' : state === 'held' ? ' dr-held' : '';
  return (
    `<div class="dr-bar-row${cls}">` +
    `<span class="dr-bar-label">${escapeHtml(label)}</span>` +
    `<span class="dr-bar"><span class="dr-fill ${fillClass} dr-w-${int(p, 0, 100)}"></span>${mark}</span>` +
    `<span class="dr-bar-value">${escapeHtml(value)}${note ? ` <span class="dr-muted">${escapeHtml(note)}</span>` : ''}</span></div>`
  );
}

const MARK: Record<LimitState, string> = { none: '', held: '✓', broken: '✗' };

function renderBars(r: AnalysisResult, w: Words): string {
  const bars = shareBars(r);
  const label = (b: ShareBar) => (b.key === 'problems' ? w.problemsWithCauses : w.role[b.key]);
  const rows = bars.map((b) => {
    const p = wholePercent(b.share);
    const note = b.partUnits > 0 ? w.ofWhichCauses(int(b.partUnits)) : '';
    if (!b.limit) return barRow(label(b), `dr-role-${b.key}`, p, `${p}%`, 'none', undefined, note);
    // A finding whose breach whole numbers would hide (32.8% under 33.3%) shows one place more.
    const places = b.state === 'broken' && holdsAsShown(b.limit.kind, b.share, b.limit.share) ? 1 : 0;
    const lp = percentText(b.limit.share, places);
    const value = w.against(percentText(b.share, places), b.limit.kind === 'max' ? w.max(lp) : w.min(lp), MARK[b.state]);
    return barRow(label(b), `dr-role-${b.key}`, p, value, b.state, wholePercent(b.limit.share), note);
  });
  // The whole report against the profile's 字数 limit: the bar's end is the limit.
  const total = totalBar(r);
  if (total) {
    const mark = MARK[total.state];
    rows.push(barRow(w.total, 'dr-role-total', (total.units / total.max) * 100, `${w.ofMax(total.units, total.max)}${mark ? ` ${mark}` : ''}`, total.state, 100));
  }
  // Where a part's sections and its content differ (a closing summary inside the last
  // achievements section, measures written under 存在的不足和今后打算), say why the numbers do.
  const notes = (r.stats?.sections?.length ? bars : [])
    .filter((b) => wholePercent(shareOf(r, b.sectionUnits)) !== wholePercent(b.share))
    .map((b) => `<p class="dr-muted dr-shares-note">${escapeHtml(w.sharesNote(b.key === 'problems' ? w.problemsAndCauses : w.role[b.key], int(b.units), wholePercent(b.share), int(b.sectionUnits), wholePercent(shareOf(r, b.sectionUnits))))}</p>`);
  return `<div class="dr-bars">${rows.join('')}</div>${notes.join('')}`;
}

/**
 * What differs between the two places a fragment is shown. The editor's preview has a script
 * that turns a click on a place into a jump there, or on a missing part or topic into its
 * quick fix; a standalone page (CLI `--format html`, an export) has none, so it carries no
 * click targets and offers nothing to click.
 */
export type Variant = 'preview' | 'static';

interface Ctx {
  r: AnalysisResult;
  w: Words;
  locale: Locale;
  interactive: boolean;
  /**
   * A Word file's places, when the file is one: there a finding or a waiver is found by its 段,
   * and the lines of the Markdown the checker read (a covered topic's place) mean nothing.
   */
  word?: WordPlaces;
}

/** A place in a Word file in words: 第 N 段, and the character when it does not start the paragraph. */
function paragraphText(w: Words, at: ParagraphPosition | undefined): string {
  if (!at) return '';
  if (int(at.paragraph) === 0) return w.docStart;
  return w.paragraph(int(at.paragraph), int(at.offset) + 1);
}

/** Where finding `i` stands, as its reader finds it: 第 N 行第 M 列, or in a Word file 第 N 段 (nothing when its place is not given). */
function findingPlace(c: Ctx, f: Finding, i: number): string {
  if (!c.word) return c.w.line(int(f.range?.start?.line) + 1, int(f.range?.start?.character) + 1);
  return paragraphText(c.w, c.word.docx?.[i]?.start);
}

/** Attributes of something a click can act on (preview only): where it is, and which finding it stands for. */
function target(c: Ctx, range: Finding['range'] | undefined, finding?: number, fix = false): string {
  if (!c.interactive) return '';
  const at = ` data-line="${int(range?.start?.line)}" data-character="${int(range?.start?.character)}"`;
  if (finding === undefined) return at;
  return `${at} data-finding="${int(finding)}"${fix ? ' data-action="fix"' : ''}`;
}

/** Rules whose finding a click offers to fix: a missing part or topic is inserted from its snippet. */
const FIXABLE_BY_CLICK = new Set(['missing-section', 'missing-topic']);
const offersFix = (c: Ctx, f: Finding): boolean => c.interactive && FIXABLE_BY_CLICK.has(f.rule) && !!f.fix;

function renderSections(c: Ctx, sections: readonly SectionStat[], depth = 0): string {
  // Depth is capped so that a hostile document with absurd nesting cannot blow the stack.
  if (!sections.length || depth > 12) return '';
  const items = sections.map((s) => {
    const role = roleOf(s.role);
    // Measured as the bars are, from 字数, so a part and its bar print the same number.
    const p = typeof s.units === 'number' && int(c.r.stats?.units) > 0 ? wholePercent(shareOf(c.r, int(s.units))) : pct(s.share);
    return (
      `<li${target(c, s.range)}>` +
      `<span class="dr-role dr-role-${role}">${escapeHtml(c.w.role[role])}</span> ` +
      `<span class="dr-sec-title">${escapeHtml(s.title ?? '')}</span> ` +
      `<span class="dr-muted">${escapeHtml(c.w.units(int(s.units)))} · ${p}%</span>` +
      renderSections(c, s.children ?? [], depth + 1) +
      `</li>`
    );
  });
  return `<ul class="dr-tree">${items.join('')}</ul>`;
}

/** The outline parts the report lacks, each standing for its missing-section finding. */
function renderMissingParts(c: Ctx): string {
  const items: string[] = [];
  (c.r.findings ?? []).forEach((f, i) => {
    if (f.rule !== 'missing-section') return;
    const role = roleOf(f.section);
    const fix = offersFix(c, f);
    items.push(
      `<li class="dr-missing"${target(c, f.range, i, fix)}>` +
        `<span class="dr-check">✗</span> ${escapeHtml(c.w.missingPart)} <span class="dr-role dr-role-${role}">${escapeHtml(c.w.role[role])}</span>` +
        (fix ? ` <span class="dr-muted">${escapeHtml(c.w.clickToInsert)}</span>` : '') +
        `</li>`,
    );
  });
  return items.length ? `<ul class="dr-tree dr-missing-parts">${items.join('')}</ul>` : '';
}

function renderTopics(c: Ctx): string {
  const { r, w } = c;
  const topics = r.stats?.topics ?? [];
  if (!topics.length) return `<p class="dr-muted">${escapeHtml(w.noTopics)}</p>`;
  const findings = r.findings ?? [];
  const items = topics.map((t) => {
    const ok = t.covered === true;
    // In English the topic's English title, then the Chinese one the report would use.
    const title = c.locale === 'en' && t.titleEn ? `${escapeHtml(t.titleEn)} <q>${escapeHtml(t.title ?? '')}</q>` : escapeHtml(t.title ?? '');
    if (ok) {
      const where = t.range && !c.word ? ` <span class="dr-muted">${escapeHtml(w.line(int(t.range.start?.line) + 1, int(t.range.start?.character) + 1))}</span>` : '';
      const matched = t.matched ? ` <q>${escapeHtml(t.matched)}</q>` : '';
      return (
        `<li class="dr-ok"${t.range ? target(c, t.range) : ''}>` +
        `<span class="dr-check">✓</span> ${title} ` +
        `<span class="dr-muted">${escapeHtml(w.covered)}</span>${matched}${where}</li>`
      );
    }
    // A missing topic stands for its missing-topic finding, whose fix inserts it; without one
    // (the rule switched off) it is still not covered, but nothing was found against it.
    const i = findings.findIndex((f) => f.rule === 'missing-topic' && f.topic === t.title);
    const f = i === -1 ? undefined : findings[i];
    const fix = !!f && offersFix(c, f);
    return (
      `<li class="dr-no"${f ? target(c, f.range, i, fix) : ''}>` +
      `<span class="dr-check">${f ? '✗' : '–'}</span> ${title} ` +
      `<span class="dr-muted">${escapeHtml(w.missing)}${fix ? ` · ${escapeHtml(w.clickToInsert)}` : ''}</span></li>`
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

/** Errors first, then warnings, then infos and hints. */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const RULE_BY_ID = new Map(RULES.map((x) => [x.id, x]));
/** A group with more findings than this starts folded, showing its count. */
const OPEN_UP_TO = 3;

interface RuleGroup {
  rule: string;
  /** Indices into the findings, gravest first, then in the order of the text. */
  indices: number[];
  /** The gravest severity among its findings. */
  severity: Severity;
  lost: number;
  /** The most one of its findings costs: a rule's own weight (a 20-point missing part, a 1-point phrase). */
  heaviest: number;
}

/**
 * Findings grouped by rule, the groups by weight: severity, then what one finding costs (so ten
 * 1-point phrases come after three 2-point generic problems), then points lost, then the rules'
 * own order.
 */
export function findingGroups(r: AnalysisResult): RuleGroup[] {
  const findings = r.findings ?? [];
  const points = pointsByFinding(r);
  const groups = new Map<string, RuleGroup>();
  findings.forEach((f, i) => {
    const rule = String(f.rule);
    const g = groups.get(rule) ?? { rule, indices: [], severity: severityOf(f.severity), lost: 0, heaviest: 0 };
    g.indices.push(i);
    if (SEVERITY_RANK[severityOf(f.severity)] < SEVERITY_RANK[g.severity]) g.severity = severityOf(f.severity);
    g.lost += points.get(i) ?? 0;
    g.heaviest = Math.max(g.heaviest, points.get(i) ?? 0);
    groups.set(rule, g);
  });
  const order = (id: string) => RULE_BY_ID.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  const rank = (i: number) => SEVERITY_RANK[severityOf(findings[i].severity)];
  for (const g of groups.values()) g.indices.sort((a, b) => rank(a) - rank(b) || a - b);
  return [...groups.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.heaviest - a.heaviest || b.lost - a.lost || order(a.rule) - order(b.rule) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}


function renderFindings(c: Ctx): string {
  const { r, w } = c;
  const findings = r.findings ?? [];
  if (!findings.length) return `<p class="dr-muted">${escapeHtml(w.noFindings)}</p>`;
  const points = pointsByFinding(r);
  return findingGroups(r)
    .map((g) => {
      const items = g.indices.map((i) => {
        const f = findings[i];
        const sev = severityOf(f.severity);
        const p = points.get(i);
        const place = findingPlace(c, f, i);
        const fix = f.fix?.title ? `<div class="dr-fix">${escapeHtml(w.fix)}${escapeHtml(f.fix.title)}</div>` : '';
        return (
          `<li class="dr-finding dr-sev-${sev}"${target(c, f.range, i, offersFix(c, f))}>` +
          `<span class="dr-sev">${escapeHtml(w.severity[sev])}</span> ` +
          (place ? `<span class="dr-muted">${escapeHtml(place)}</span> ` : '') +
          `<span class="dr-msg">${escapeHtml(f.message ?? '')}</span>` +
          (p ? ` <span class="dr-points">${escapeHtml(w.points(roundPoints(p)))}</span>` : '') +
          fix +
          `</li>`
        );
      });
      // The rule by its name in the page's language; its id only as a tooltip and a data
      // attribute, and only a known rule's: our own kebab-case word, never report text. An
      // unknown id (a result from another version) shows as itself, escaped.
      const known = RULE_BY_ID.get(g.rule);
      const idAttrs = known ? ` data-rule="${escapeHtml(known.id)}"` : '';
      const title = known ? ` title="${escapeHtml(w.ruleId(known.id))}"` : '';
      return (
        `<details class="dr-rule dr-sev-${g.severity}"${idAttrs}${g.indices.length <= OPEN_UP_TO ? ' open' : ''}>` +
        `<summary><h4><span class="dr-rule-name"${title}>${escapeHtml(known?.name?.[c.locale] ?? g.rule)}</span> <span class="dr-count">${g.indices.length}</span>` +
        (g.lost ? ` <span class="dr-points">${escapeHtml(w.lost(roundPoints(g.lost)))}</span>` : '') +
        `</h4></summary><ol class="dr-findings">${items.join('')}</ol></details>`
      );
    })
    .join('');
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

/** What a reviewer would send the draft back for: why the tier is lower than the score. First, under the title. */
function renderTierReasons(r: AnalysisResult, w: Words): string {
  const reasons = Array.isArray(r.tierReasons) ? r.tierReasons.filter((x): x is string => typeof x === 'string') : [];
  if (!reasons.length) return '';
  return `<div class="dr-reasons"><strong>${escapeHtml(w.tierReasons)}</strong><ul>${reasons.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul></div>`;
}

/**
 * The checks the draft switched off with comments, for a reviewer: what (the rules by name, or
 * all checks), where, why (or a warning that it does not say), and how many findings each hid.
 */
function renderWaivers(c: Ctx): string {
  const waivers = waiversOf(c.r);
  if (!waivers.length) return '';
  const items = waivers.map((x, k) => {
    // Rule names in the page's language; an id the core does not know as written, escaped.
    const what = x.rules.length ? x.rules.map((id) => RULE_BY_ID.get(id)?.name?.[c.locale] ?? id).join(c.w.listSep) : c.w.allChecks;
    const at = c.word ? paragraphText(c.w, c.word.docxWaivers?.[k]) : c.w.waiverScope(x.kind, x.line + 1);
    const where = at ? ` <span class="dr-muted">${escapeHtml(at)}</span>` : '';
    const why = x.reason
      ? ` <span class="dr-waiver-reason">${escapeHtml(c.w.reason(x.reason))}</span>`
      : ` <span class="dr-no-reason">⚠ ${escapeHtml(c.w.noReason)}</span>`;
    return (
      `<li class="dr-waiver${x.reason ? '' : ' dr-unexplained'}"${c.word ? '' : target(c, { start: { line: x.line, character: 0 }, end: { line: x.line, character: 0 } })}>` +
      `<strong>${escapeHtml(what)}</strong>${where}${why} <span class="dr-muted">${escapeHtml(c.w.hidden(x.hidden))}</span></li>`
    );
  });
  return `<div class="dr-waivers"><strong>${escapeHtml(c.w.waivers)} ${waivers.length}</strong><ul>${items.join('')}</ul></div>`;
}

/**
 * One report's scorecard as an HTML fragment (no document wrapper, no styles). The editor's
 * preview asks for it as is; a standalone page asks for the `static` variant. For a Word file,
 * `word` gives where its findings and waivers stand in it (the CLI's `CheckedFile` has both).
 */
export function renderScorecardFragment(path: string, r: AnalysisResult, locale?: Locale, variant: Variant = 'preview', word?: WordPlaces): string {
  const w = words(locale);
  const c: Ctx = { r, w, locale: locale === 'en' ? 'en' : 'zh', interactive: variant === 'preview', word: word?.docx || word?.docxWaivers ? word : undefined };
  const tc = tierClass(r.tier);
  const stats = r.stats;
  const counts = severityCounts(r.findings ?? []);
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
    `<span class="dr-tier">${tierWordHtml(w, r.tier)}</span>` +
    `<span class="dr-muted dr-lost">${escapeHtml(w.deducted(lost))}</span></div>` +
    `<div class="dr-head-text">` +
    (reportTitle(r) ? `<div class="dr-title">${escapeHtml(reportTitle(r) as string)}</div>` : '') +
    `<div class="dr-path">${escapeHtml(path)}</div>` +
    renderTierReasons(r, w) +
    renderWaivers(c) +
    (c.locale === 'en'
      ? `<div>${escapeHtml(w.profile)}: <strong>${escapeHtml(r.profile?.name ?? '')}</strong> <span class="dr-muted">(${escapeHtml(source)})</span></div>`
      : `<div>${escapeHtml(w.profile)}：<strong>${escapeHtml(r.profile?.name ?? '')}</strong> <span class="dr-muted">（${escapeHtml(source)}）</span></div>`) +
    (r.profile?.reason ? `<div class="dr-muted">${escapeHtml(r.profile.reason)}</div>` : '') +
    `<div class="dr-facts">${escapeHtml(w.units(int(stats?.units)))} · ${escapeHtml(w.counts(counts.error, counts.warning, counts.other))} · ` +
    `${escapeHtml(w.vague(vague))} · ${escapeHtml(w.noEvidence(int(stats?.paragraphsWithoutEvidence)))}${renderItemCounts(r, w)}</div>` +
    `</div></header>` +
    `<h3>${escapeHtml(w.findings)}</h3>${renderFindings(c)}` +
    `<h3>${escapeHtml(w.shares)}</h3>${renderBars(r, w)}` +
    `<h3>${escapeHtml(w.outline)}</h3>` +
    (stats?.sections?.length ? renderSections(c, stats.sections) : `<p class="dr-muted">${escapeHtml(w.noSections)}</p>`) +
    renderMissingParts(c) +
    `<h3>${escapeHtml(w.topics)}${topics.length ? ` ${covered}/${topics.length}` : ''}</h3>${renderTopics(c)}` +
    (vagueList ? `<h3>${escapeHtml(w.vague(vague))}</h3><ul class="dr-vague">${vagueList}</ul>` : '') +
    `</section>`
  );
}
