/** Standalone pages: one report's scorecard, or many reports ranked for a reviewer. */
import type { AnalysisResult, Locale, Tier } from '../core/types';
import { escapeHtml, SCORECARD_CSS, scorecardCsp } from '../../../shared/html';
import { SCORECARD_CSS_HASH } from '../../../shared/cssHash';
import { renderScorecardFragment } from './scorecard';
import { int, lookup, reportTitle, severityCounts, tierClass, tierWordHtml, waiversOf, type WordPlaces } from './values';
import { words, type Words } from './words';

/** A report to rank; for a Word file, where its findings and waivers stand in it (as in the CLI's `CheckedFile`). */
export interface BatchFile extends WordPlaces {
  path: string;
  result: AnalysisResult;
}

export interface BatchOptions {
  locale?: Locale;
  /** Page title; defaults to 述职报告评议汇总. */
  title?: string;
  /** Files named on the command line but not analysed, with the reason. */
  skipped?: { path: string; reason: string }[];
  /** Files found in folders that do not read as a report: listed after the ranking, never in it. */
  unrecognised?: readonly string[];
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

/** A standalone page for one report (the scorecard's "export as HTML"): no script, so nothing offered for a click. */
export function renderScorecardPage(path: string, r: AnalysisResult, locale?: Locale, word?: WordPlaces): string {
  return `${pageHead(path)}<body>${renderScorecardFragment(path, r, locale, 'static', word)}</body></html>\n`;
}

/** A report's mark in the ranking when its draft switched checks off: how many, and whether any gave no reason. */
function waiverBadge(w: Words, r: AnalysisResult): string {
  const waivers = waiversOf(r);
  if (!waivers.length) return '';
  const unexplained = waivers.some((x) => !x.reason);
  return (
    ` <span class="dr-waived${unexplained ? ' dr-unexplained' : ''}">${escapeHtml(w.waivedBadge(waivers.length))}` +
    (unexplained ? ` · ⚠ ${escapeHtml(w.noReason)}` : '') +
    `</span>`
  );
}

/** One standalone page ranking many reports; each row opens that report's scorecard. */
export function renderBatchPage(files: readonly BatchFile[], opts: BatchOptions = {}): string {
  const w = words(opts.locale);
  const ranked = rankReports(files);
  const title = opts.title ?? w.summaryTitle;
  const tiers: Tier[] = ['好', '中', '差'];
  const counts = tiers.map((t) => `<li><span class="dr-badge dr-tier-${tierClass(t)}">${tierWordHtml(w, t)} ${ranked.filter((f) => f.result.tier === t).length}</span></li>`);
  const avg = ranked.length ? Math.round(ranked.reduce((s, f) => s + (Number(f.result.score) || 0), 0) / ranked.length) : 0;
  const rows = ranked.map((f, i) => {
    const c = severityCounts(f.result.findings ?? []);
    return (
      `<li class="dr-tier-${tierClass(f.result.tier)}"><details><summary>` +
      `<span class="dr-rank-no">${i + 1}</span>` +
      `<span class="dr-name"><span class="dr-path">${escapeHtml(f.path)}</span>` +
      (reportTitle(f.result) ? ` <span class="dr-muted">${escapeHtml(reportTitle(f.result) as string)}</span>` : '') +
      waiverBadge(w, f.result) +
      `</span><span class="dr-score-n-small">${int(f.result.score, 0, 100)}</span>` +
      `<span class="dr-tier">${tierWordHtml(w, f.result.tier)}</span>` +
      `<span class="dr-muted">${escapeHtml(f.result.profile?.name ?? '')}</span>` +
      `<span class="dr-muted">${escapeHtml(w.counts(c.error, c.warning, c.other))}</span>` +
      `</summary>${renderScorecardFragment(f.path, f.result, opts.locale, 'static', f)}</details></li>`
    );
  });
  const waived = ranked.filter((f) => waiversOf(f.result).length);
  const unexplained = waived.filter((f) => waiversOf(f.result).some((x) => !x.reason)).length;
  const waivedLine = waived.length ? `<p class="dr-waived-lead${unexplained ? ' dr-unexplained' : ''}">${escapeHtml(w.waivedReports(waived.length, unexplained))}</p>` : '';
  const skipped = opts.skipped?.length
    ? `<h2>${escapeHtml(w.skipped)}</h2><ul>${opts.skipped
        .map((s) => `<li><span class="dr-path">${escapeHtml(s.path)}</span> <span class="dr-muted">${escapeHtml(s.reason)}</span></li>`)
        .join('')}</ul>`
    : '';
  const unrecognised = opts.unrecognised?.length
    ? `<h2>${escapeHtml(w.unrecognised)}</h2><ul class="dr-unrecognised">${opts.unrecognised.map((p) => `<li><span class="dr-path">${escapeHtml(p)}</span></li>`).join('')}</ul>`
    : '';
  return (
    `${pageHead(title)}<body>` +
    `<h1>${escapeHtml(title)}</h1>` +
    `<p class="dr-muted">${escapeHtml(w.summaryLead(ranked.length))} ${escapeHtml(w.average(avg))}</p>${waivedLine}` +
    `<ul class="dr-tiers">${counts.join('')}</ul>` +
    `<ol class="dr-rank">${rows.join('')}</ol>${skipped}${unrecognised}</body></html>\n`
  );
}
