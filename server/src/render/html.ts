/**
 * Pure HTML rendering of the scorecard: the CLI's `--format html` and the editor's scorecard
 * preview both call these functions, so the two never disagree.
 *
 * Safety contract: every string that comes from a report or from the analysis (titles, paths,
 * messages, phrases, rule ids, profile names) passes through `escapeHtml`. Attributes only ever
 * hold fixed class names, integers, or the id of a rule the core knows (`data-rule`, and its
 * tooltip). No URL is emitted as a link. The output holds no script.
 *
 * Two variants of one fragment: the editor's preview (the default; its script makes places
 * clickable, so they carry `data-line` and a missing part or topic says 点击插入) and the
 * static one of standalone pages, which carries neither since nothing there acts on a click.
 *
 * No style attributes either: bar widths are classes (`dr-w-58`) so that a nonce-based CSP in
 * a webview, which blocks inline style attributes, renders the fragment the same way.
 *
 * The parts: scorecard.ts writes one report's fragment, page.ts the standalone pages (one
 * report, or many ranked), words.ts holds the words, values.ts the safe numbers and classes.
 * This module is the renderer's front: callers import from here.
 */
export { renderScorecardFragment, type Variant } from './scorecard';
export { rankReports, renderBatchPage, renderScorecardPage, scorecardCssHash, type BatchFile, type BatchOptions } from './page';
export type { WordPlaces } from './values';
