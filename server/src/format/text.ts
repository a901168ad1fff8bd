/**
 * `--format text`: one line per finding as `path:line:col  severity  rule  message`, with
 * 1-based line and column (UTF-16 units) so editors' problem matchers can jump to it, then a
 * scorecard line per file and a totals line. In a Word file, where Markdown lines mean nothing
 * to the reader, the place is the paragraph: `path:第12段第6字` (`path:paragraph 12 char 6`).
 */
import { OUTLINE_ROLES, type Finding, type Locale, type Severity, type Waiver } from '../core/types';
import { WORDS } from '../core/words';
import { ruleName } from '../core';
import { CHARSET, type CheckedFile, type DocxPosition, type Format, type FormatInput } from './types';


const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  gray: '\x1b[90m',
  green: '\x1b[32m',
};

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan, hint: ANSI.gray };

/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and
 * the marks (U+200E, U+200F, U+061C). One U+202E in a heading or a file name turns
 * "26 字 · 34%" into "%43 · 字 62" on the reviewer's screen, and can disguise a file name.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * Report text and file names may hold control characters; printed raw, an escape sequence in a
 * title could rewrite the reviewer's terminal, and a bidi control reorder the line. Show them as
 * visible code points instead: `\u001b` for C0/C1 controls, `<U+202E>` for bidi controls.
 */
export function safeTerminalText(s: string): string {
  return (
    String(s)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
      .replace(/[\r\n\t]+/g, ' ')
  );
}

function paint(on: boolean, code: string, s: string): string {
  return on ? code + s + ANSI.reset : s;
}

function severityOf(s: unknown): Severity {
  return s === 'error' || s === 'warning' || s === 'info' || s === 'hint' ? s : 'info';
}

function percent(n: unknown): string {
  return `${Math.round((typeof n === 'number' && Number.isFinite(n) ? n : 0) * 100)}%`;
}

function scorecardLine(f: CheckedFile, locale: Locale): string {
  const r = f.result;
  const s = r.stats;
  const zh = locale === 'zh';
  const source = WORDS.profileSource[locale][r.profile.source] ?? r.profile.source;
  const tier = Object.prototype.hasOwnProperty.call(WORDS.tier[locale], r.tier) ? WORDS.tier[locale][r.tier] : r.tier;
  const topics = s.topics ?? [];
  const covered = topics.filter((t) => t.covered).length;
  // The share bars' short role words; lower case in English, as in the rest of the line.
  const shares = OUTLINE_ROLES.map((role) => `${WORDS.roleShort[locale][role].toLowerCase()} ${percent(s.shares[role])}`).join(' ');
  const parts = zh
    ? [`评分 ${r.score}/100（${tier}）`, `类型 ${r.profile.name}（${source}）`, `${s.units} 字`, shares]
    : [`score ${r.score}/100 (${tier})`, `profile ${r.profile.name} (${source})`, `${s.units} characters`, shares];
  if (topics.length) parts.push(zh ? `必述内容 ${covered}/${topics.length}` : `required topics ${covered}/${topics.length}`);
  const items = s.items;
  if (items && items.problems?.total > 0) parts.push(zh ? `问题 ${items.problems.total} 条中 ${items.problems.generic} 条大而化之` : `${items.problems.generic} of ${items.problems.total} problems generic`);
  if (items && items.plans?.total > 0) parts.push(zh ? `措施 ${items.plans.total} 条中 ${items.plans.vague} 条空泛` : `${items.plans.vague} of ${items.plans.total} measures empty`);
  // What a reviewer would send the draft back for, when the tier is lower than the score says.
  const reasons = Array.isArray(r.tierReasons) ? r.tierReasons.filter((x) => typeof x === 'string') : [];
  if (reasons.length) parts.push(zh ? `定档依据：${reasons.join('；')}` : `tier because: ${reasons.join('; ')}`);
  return '  ' + safeTerminalText(parts.join(' · '));
}

/** Findings in reading order, with their index in the result; the result's own order is kept for equal positions. */
function byPosition(findings: readonly Finding[]): { f: Finding; i: number }[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.range.start.line - b.f.range.start.line || a.f.range.start.character - b.f.range.start.character || a.i - b.i);
}

/**
 * A place in a Word file as a reviewer counts: 第12段, and the character in it (1-based, the
 * numbering label included) when the finding does not start the paragraph. Also the message
 * of a SARIF location in a Word file.
 */
export function docxPlaceText(p: DocxPosition, locale: Locale): string {
  if (p.paragraph === 0) return locale === 'zh' ? '文首' : 'start'; // a document with no text
  if (locale === 'zh') return p.offset > 0 ? `第${p.paragraph}段第${p.offset + 1}字` : `第${p.paragraph}段`;
  return p.offset > 0 ? `paragraph ${p.paragraph} char ${p.offset + 1}` : `paragraph ${p.paragraph}`;
}

/** What a waiver's kind covers, in words. */
const WAIVER_SCOPE: Record<Locale, Record<Waiver['kind'], string>> = {
  zh: { disable: '此后全文', 'disable-line': '本行', 'disable-next-line': '下一行' },
  en: { disable: 'from here on', 'disable-line': 'this line', 'disable-next-line': 'next line' },
};

/**
 * One check switched off by a comment in the draft, for the reviewer to judge: where (the
 * comment's 1-based line, or in a Word file its 段), which rules, how far, why (or that no reason
 * was given), and how many findings it hid. `第12行 空话套话（下一行；理由：…），隐去 2 条`.
 */
export function waiverText(w: Waiver, locale: Locale, place?: DocxPosition): string {
  const zh = locale === 'zh';
  const where = place ? docxPlaceText(place, locale) : zh ? `第${w.line + 1}行` : `line ${w.line + 1}`;
  // Rules by name, as the scorecard lists them: the id is for configuration, not for reading.
  const rules = Array.isArray(w.rules) && w.rules.length ? w.rules.map((id) => ruleName(id, locale)).join(zh ? '、' : ', ') : zh ? '全部检查' : 'all checks';
  const scope = WAIVER_SCOPE[locale][w.kind] ?? w.kind;
  const reason = typeof w.reason === 'string' && w.reason.trim() ? w.reason.trim() : undefined;
  const hidden = Number.isFinite(w.hidden) ? w.hidden : 0;
  if (zh) return `${where} ${rules}（${scope}；${reason ? `理由：${reason}` : '未写理由'}），隐去 ${hidden} 条`;
  return `${where} ${rules} (${scope}; ${reason ? `reason: ${reason}` : 'no reason given'}), ${hidden} ${hidden === 1 ? 'finding' : 'findings'} hidden`;
}

/** After the path, the encoding when it is not UTF-8 (a GB18030 or UTF-16 file), so ordinary output stays as it was. */
function encodingNote(f: CheckedFile, locale: Locale): string {
  if (!f.encoding) return '';
  const charset = CHARSET[f.encoding];
  if (charset === 'UTF-8') return '';
  return locale === 'zh' ? `（${charset} 编码）` : ` (${charset})`;
}

export function formatText(input: FormatInput): string {
  const { locale, color } = input;
  const words = WORDS.severity[locale];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const out: string[] = [];
  let waivers = 0;
  let hidden = 0;
  for (const file of input.files) {
    const path = safeTerminalText(file.path);
    out.push(paint(color, ANSI.bold, path) + encodingNote(file, locale));
    // Checks the draft switched off come first: a reviewer reads the findings knowing what is missing from them.
    (file.result.waivers ?? []).forEach((w, k) => {
      waivers++;
      hidden += Number.isFinite(w.hidden) ? w.hidden : 0;
      out.push(paint(color, ANSI.yellow, `  ${locale === 'zh' ? '已关闭检查：' : 'checks switched off: '}${safeTerminalText(waiverText(w, locale, file.docxWaivers?.[k]))}`));
    });
    for (const { f, i } of byPosition(file.result.findings)) {
      const sev = severityOf(f.severity);
      totals[sev]++;
      const place = file.docx?.[i];
      const where = place ? `${path}:${docxPlaceText(place.start, locale)}` : `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(`${where}  ${paint(color, SEVERITY_COLOR[sev], words[sev])}  ${paint(color, ANSI.dim, safeTerminalText(f.rule))}  ${safeTerminalText(f.message)}`);
      if (f.fix?.title) out.push(`    ${locale === 'zh' ? '修改建议：' : 'Suggested fix: '}${safeTerminalText(f.fix.title)}`);
    }
    out.push(paint(color, ANSI.gray, scorecardLine(file, locale)));
    out.push('');
  }
  for (const s of input.skipped) {
    out.push(paint(color, ANSI.red, `${safeTerminalText(s.path)}  ${locale === 'zh' ? '已跳过' : 'skipped'}${locale === 'zh' ? '：' : ': '}${safeTerminalText(s.reason)}`));
  }
  const unrecognised = input.unrecognised ?? [];
  for (const p of unrecognised) {
    out.push(paint(color, ANSI.gray, `${safeTerminalText(p)}  ${locale === 'zh' ? '未识别为述职报告，未评分' : 'not recognised as a report, not scored'}`));
  }
  const n = input.files.length;
  const infos = totals.info + totals.hint;
  const skipped = input.skipped.length;
  const zh = locale === 'zh';
  const extra: string[] = [];
  if (skipped) extra.push(zh ? `跳过 ${skipped} 个文件` : `${skipped} files skipped`);
  if (unrecognised.length) extra.push(zh ? `${unrecognised.length} 个文件未识别为述职报告，未评分` : `${unrecognised.length} not recognised as reports, not scored`);
  if (waivers) extra.push(zh ? `${waivers} 处关闭了检查，隐去 ${hidden} 条` : `${waivers} checks switched off, ${hidden} findings hidden`);
  const line = zh
    ? `共 ${n} 个文件：${totals.error} 个${words.error}，${totals.warning} 个${words.warning}，${infos} 个${words.info}${extra.map((x) => `；${x}`).join('')}。`
    : `${n} files: ${totals.error} errors, ${totals.warning} warnings, ${infos} infos${extra.map((x) => `; ${x}`).join('')}.`;
  out.push(paint(color, totals.error || skipped ? ANSI.red + ANSI.bold : ANSI.green, line));
  return out.join('\n') + '\n';
}

export const textFormat: Format<'text'> = {
  id: 'text',
  extension: 'txt',
  description: { zh: '纯文本：每条问题一行，每份报告再加一行评分', en: 'plain text: a line per finding and a score line per report' },
  write: (input) => formatText(input),
};
