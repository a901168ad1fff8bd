/**
 * `--format csv`: a spreadsheet for the office, one row per checked report, ranked as the HTML
 * summary page ranks them (好 → 中 → 差, then by score, then by path).
 *
 * - UTF-8 with a byte-order mark, so Excel and WPS open it as UTF-8 without an import dialog;
 *   CRLF line ends and RFC 4180 quoting (a field with a comma, a quote or a line break is
 *   quoted, its quotes doubled).
 * - No cell can run as a formula: text starting with = + - @, a tab or a carriage return gets a
 *   leading apostrophe (a file may be named `=HYPERLINK(…).md`, a title may say anything).
 * - Bidirectional controls in text are shown as their code points (`<U+202E>`), as on the
 *   HTML page, so a file name cannot pass for another.
 * - Numbers are the JSON output's, as plain numbers every spreadsheet sorts and sums: score,
 *   字数, each rule's count (`stats.ruleCounts`, 0 when absent); a share is `stats.shares` in
 *   percentage points under a header that says so (成绩占比（%）: 29.97), since "29.97%" stays
 *   text in LibreOffice. The required topics are two columns, covered and total, since "3/5" in
 *   a cell is read as the date 3月5日.
 * - Files not analysed come last, each with its reason under 备注 and the other cells empty,
 *   then the files not recognised as reports (未识别为述职报告，未评分), never ranked.
 */
import { RULES } from '../core';
import { OUTLINE_ROLES, type AnalysisResult, type Locale } from '../core/types';
import { WORDS } from '../core/words';
import { rankReports } from '../render/html';
import { showBidiControls } from '../../../shared/html';
import type { CheckedFile, Format, FormatInput } from './types';

const BOM = '\ufeff';
const EOL = '\r\n';

type Cell = string | number;

/** A text cell as a spreadsheet must get it: visible controls, never a formula, quoted when it has to be. */
export function csvCell(value: Cell): string {
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : showBidiControls(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + EOL;
}

const HEAD: Record<Locale, { file: string; profile: string; score: string; tier: string; units: string; share: (role: string) => string; topicsCovered: string; topics: string; waivers: string; unexplained: string; tierReasons: string; note: string; notChecked: (reason: string) => string; unrecognised: string; sep: string }> = {
  zh: {
    file: '文件',
    profile: '述职类型',
    score: '得分',
    tier: '档次',
    units: '字数',
    share: (role) => `${role}占比（%）`,
    topicsCovered: '必述内容已覆盖',
    topics: '必述内容应述',
    waivers: '已关闭检查',
    unexplained: '其中未说明理由',
    tierReasons: '定档依据',
    note: '备注',
    notChecked: (reason) => `未分析：${reason}`,
    unrecognised: '未识别为述职报告，未评分',
    sep: '；',
  },
  en: {
    file: 'File',
    profile: 'Report type',
    score: 'Score',
    tier: 'Tier',
    units: 'Characters',
    share: (role) => `${role} share (%)`,
    topicsCovered: 'Required topics covered',
    topics: 'Required topics',
    waivers: 'Checks switched off',
    unexplained: 'of which without a reason',
    tierReasons: 'Why this tier',
    note: 'Note',
    notChecked: (reason) => `not analysed: ${reason}`,
    unrecognised: 'not recognised as a duty report, not scored',
    sep: '; ',
  },
};

/** The rules in their documented order: one column each, headed by the rule's name. */
const RULE_COLUMNS = [...RULES].sort((a, b) => a.order - b.order);

/** A share in percentage points: 0.2997 → 29.97. */
function percent(share: unknown): number {
  const n = typeof share === 'number' && Number.isFinite(share) ? share : 0;
  // Shares come rounded to four places; two places of a percentage keep every digit.
  return Number((n * 100).toFixed(2));
}

function count(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

function header(locale: Locale): string[] {
  const h = HEAD[locale];
  return [
    h.file,
    h.profile,
    h.score,
    h.tier,
    h.units,
    ...OUTLINE_ROLES.map((role) => h.share(WORDS.roleShort[locale][role])),
    h.topicsCovered,
    h.topics,
    ...RULE_COLUMNS.map((rule) => rule.name[locale]),
    h.waivers,
    h.unexplained,
    h.tierReasons,
    h.note,
  ];
}

function reportRow(f: CheckedFile, locale: Locale): Cell[] {
  const r: AnalysisResult = f.result;
  const h = HEAD[locale];
  const topics = r.stats?.topics ?? [];
  const waivers = Array.isArray(r.waivers) ? r.waivers : [];
  const reasons = Array.isArray(r.tierReasons) ? r.tierReasons.filter((x) => typeof x === 'string') : [];
  const tier = Object.prototype.hasOwnProperty.call(WORDS.tier[locale], r.tier) ? WORDS.tier[locale][r.tier] : String(r.tier ?? '');
  return [
    f.path,
    r.profile?.name ?? '',
    count(r.score),
    tier,
    count(r.stats?.units),
    ...OUTLINE_ROLES.map((role) => percent(r.stats?.shares?.[role])),
    topics.filter((t) => t.covered).length,
    topics.length,
    ...RULE_COLUMNS.map((rule) => count(r.stats?.ruleCounts?.[rule.id])),
    waivers.length,
    waivers.filter((w) => !(typeof w.reason === 'string' && w.reason.trim())).length,
    reasons.join(h.sep),
    '',
  ];
}

/** A file listed but not scored: its path, and under 备注 why. */
function noteRow(path: string, note: string, width: number): Cell[] {
  const cells: Cell[] = new Array<Cell>(width).fill('');
  cells[0] = path;
  cells[width - 1] = note;
  return cells;
}

/** The spreadsheet in rows, so a large batch is written without one string. */
export function* csvRows(input: FormatInput): Generator<string> {
  const locale: Locale = input.locale === 'en' ? 'en' : 'zh';
  const head = header(locale);
  yield BOM + row(head);
  for (const f of rankReports(input.files)) yield row(reportRow(f, locale));
  for (const s of input.skipped) yield row(noteRow(s.path, HEAD[locale].notChecked(s.reason), head.length));
  for (const p of input.unrecognised ?? []) yield row(noteRow(p, HEAD[locale].unrecognised, head.length));
}

export function formatCsv(input: FormatInput): string {
  return [...csvRows(input)].join('');
}

export const csvFormat: Format<'csv'> = {
  id: 'csv',
  extension: 'csv',
  description: { zh: '表格（CSV）：每份报告一行，按档次和评分排序，Excel、WPS 可直接打开', en: 'spreadsheet (CSV): a row per report, ranked, opens in Excel and WPS' },
  write: (input) => csvRows(input),
};
