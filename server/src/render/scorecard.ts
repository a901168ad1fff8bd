/** One report's scorecard as an HTML fragment: the head, share bars, outline, topics and findings. */
import { OUTLINE_ROLES, type AnalysisResult, type Finding, type Locale, type OutlineRole, type SectionStat, type Thresholds } from '../core/types';
import { escapeHtml } from '../../../shared/html';
import { int, lookup, pct, reportTitle, roleOf, roundPoints, severityCounts, severityOf, tierClass, tierWordHtml } from './values';
import { words, type Words } from './words';

/** The share limit on a role, as the profile in force sets it (the core merged the configuration's overrides). */
function shareLimit(r: AnalysisResult, role: OutlineRole): { share: number; kind: 'max' | 'min' } | undefined {
  const t: Thresholds = r.profile?.thresholds ?? {};
  const own = role === 'achievements' ? t.maxAchievementShare : role === 'problems' ? t.minProblemShare : undefined;
  const kind = role === 'achievements' ? 'max' : 'min';
  return typeof own === 'number' && own > 0 && own <= 1 ? { share: own, kind } : undefined;
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
  const rows = OUTLINE_ROLES.map((role) => {
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
    `<span class="dr-tier">${tierWordHtml(w, r.tier)}</span>` +
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
