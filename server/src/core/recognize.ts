/**
 * Is this Markdown a 述职报告 at all? The editor checks only reports, so a README or a
 * meeting note in the same folder must get nothing. Cheap: looks at the front matter, the
 * first lines and line-start part headings; it never runs the rules.
 */
import { frontMatterClose } from './blocks';
import { PART_HEADINGS } from './signals';

export type Recognition =
  | { report: true; by: 'front-matter' | 'title' | 'outline'; evidence: string }
  | { report: false; by: 'front-matter' | 'none'; evidence?: string };

/** Front matter keys that mark a report, or (with false/no) mark it as none. */
const FM_KEY = /^(?:profile|duty-report|dutyReport|述职报告|report-kind|reportKind)\s*:\s*(.*)$/;

/**
 * A report's title names the genre and ends with it: "2024年度个人述职报告",
 * "XX同志述职述廉报告（初稿）". "述职报告助手" (a tool's name) does not end that way.
 */
const TITLE = /述(?:职|责|廉)[\p{L}\p{N}]{0,8}(?:报告|材料|发言|提纲)(?:（[^）]{0,12}）|\([^)]{0,12}\))?(?:\s*(?:——|--|－|-)\s*[\p{Script=Han}·]{2,4})?$/u;
/** After a dash, words of a document about reports, not a reporter's name. */
const ABOUT_REPORTS = /(?:要求|说明|模板|范文|格式|指南|示例|样本|写法|技巧)$/;
/** Titles that speak of reporting rather than being a report ("关于做好年度述职", "下午组织村干部述职"). */
const ABOUT_REPORTING = /^(?:关于|如何|怎样|怎么)|组织|召开|听取|参加|开展|部署/;

/**
 * Titles of the genre that do not end in 报告: "个人工作总结（述职）", a deputy's
 * "2024年度履职情况报告", and a short title ending in the act itself ("抓基层党建工作述职").
 */
const OTHER_TITLES = [
  /(?:总结|报告|材料)(?:（述(?:职|责)[^）]{0,6}）|\(述(?:职|责)[^)]{0,6}\))$/u,
  /履职[\p{L}\p{N}]{0,6}报告(?:（[^）]{0,12}）|\([^)]{0,12}\))?$/u,
  /^[\p{L}\p{N}]{0,30}(?:工作|党建|年度|个人|书记|主任|代表|委员|同志|干部|班子)述(?:职|责)(?:述廉|述学)*$/u,
];

const MARKER = /^(?:#{1,6}\s+)?(?:\*\*)?\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[、.．])?\s*/;
const SALUTATION = /^(?:各位|尊敬的|同志们|大家好).{0,30}[：:]\s*$/;

/** How far into the text the outline is looked for: a report's parts start early. */
const SCAN_CHARS = 200_000;

export function recognizeReport(text: string): Recognition {
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  const lines = head.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let i = 0;
  const end = frontMatterClose((n) => lines[n], lines.length);
  let fmTitle: string | undefined;
  if (end !== -1) {
    for (let j = 1; j < end; j++) {
      const t = /^title\s*:\s*(.*)$/.exec(lines[j].trim());
      if (t) fmTitle = t[1].trim().replace(/^["']|["']$/g, '');
      const m = FM_KEY.exec(lines[j].trim());
      if (!m) continue;
      const value = m[1].trim().replace(/^["']|["']$/g, '');
      if (/^(?:false|no|off|否)$/i.test(value)) return { report: false, by: 'front-matter', evidence: lines[j].trim() };
      if (value) return { report: true, by: 'front-matter', evidence: lines[j].trim() };
    }
    i = end + 1;
  }
  // The title: in the front matter, or one of the first three non-empty lines. A title spaced
  // out for the page (述　职　报　告) reads as one without its spaces.
  if (fmTitle && isTitle(fmTitle)) return { report: true, by: 'title', evidence: fmTitle };
  let seen = 0;
  for (let j = i; j < lines.length && seen < 3; j++) {
    const t = bare(lines[j]);
    if (!t) continue;
    seen++;
    if (isTitle(t)) return { report: true, by: 'title', evidence: t };
  }
  // The outline: part headings of distinct roles at line starts.
  const roles = new Set<string>();
  let salutation = false;
  for (let j = i; j < lines.length; j++) {
    const raw = lines[j].trim();
    if (!raw) continue;
    if (SALUTATION.test(raw)) salutation = true;
    if (raw.length > 40) continue;
    const t = raw.replace(MARKER, '').replace(/\*\*$/, '').replace(/[：:。]$/, '').trim();
    for (const [role, re] of PART_HEADINGS) if (re.test(t)) roles.add(role);
  }
  if (roles.size >= 3 || (roles.size >= 2 && salutation)) {
    return { report: true, by: 'outline', evidence: [...roles].join(',') };
  }
  return { report: false, by: 'none' };
}

function isTitle(t: string): boolean {
  if (t.length > 80) return false;
  const joined = t.replace(/[ \t\u3000]+/g, '');
  if (ABOUT_REPORTS.test(joined) || ABOUT_REPORTING.test(joined)) return false;
  return [TITLE, ...OTHER_TITLES].some((re) => re.test(t) || re.test(joined));
}

function bare(line: string): string {
  // A comment is not part of a title.
  const c = line.indexOf('<!--');
  const t = (c === -1 ? line : line.slice(0, c))
    .trim()
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .trim();
  // A closing " ##", trimmed by hand: /\s+#+$/ backtracks quadratically on long runs of spaces.
  let end = t.length;
  while (end > 0 && t[end - 1] === '#') end--;
  return end < t.length && end > 0 && /\s/.test(t[end - 1]) ? t.slice(0, end).trim() : t;
}
