import { parse as parseYaml } from 'yaml';
import { chineseNumberValue, circledValue, countInline, LineIndex } from './text';

/**
 * The Markdown block scanner: one pass over the lines, no Markdown library, because the
 * report's structure lives in plain-text Chinese outline markers that Markdown parsers do
 * not see, and because every offset must stay exact for the editor.
 */

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table' | 'code' | 'comment' | 'break';

/** The kinds of block that hold report text (not code, comments or breaks). */
export const TEXT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['heading', 'paragraph', 'list-item', 'table']);

/** GB/T 9704 层次序数 and the paragraph-initial enumerations writers use. */
export type MarkerKind = 'cn' | 'cn-paren' | 'arabic' | 'arabic-paren' | 'circled' | 'lead-shi' | 'lead-di';

/** The order GB/T 9704 nests them in; leads nest anywhere. */
export const MARKER_ORDER: Record<MarkerKind, number> = {
  cn: 1,
  'cn-paren': 2,
  arabic: 3,
  'arabic-paren': 4,
  circled: 5,
  'lead-shi': 0,
  'lead-di': 0,
};

export interface OutlineMarker {
  kind: MarkerKind;
  value: number;
  /** The marker as written, e.g. "（三）" or "3、". */
  text: string;
  /** Separator style within a kind: "、" vs "." vs "．", "（" vs "(": mixed styles at one level are flagged. */
  style: string;
  start: number;
  end: number;
}

export interface Block {
  kind: BlockKind;
  /** Offsets of the block's lines, from the first line's start to the last line's content end. */
  start: number;
  end: number;
  /** Offset where the text after Markdown syntax (#, -, >, bold) begins. */
  contentStart: number;
  line: number;
  endLine: number;
  headingLevel?: number;
  marker?: OutlineMarker;
  /** 字数 of the block's report text. */
  units: number;
  /** A code fence or comment never closed: it runs to the end, so text added after it is inside it. */
  open?: boolean;
}

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  rules: string[];
  line: number;
}

export interface FrontMatter {
  start: number;
  end: number;
  /** Lines covered, inclusive. */
  endLine: number;
  data: Record<string, unknown>;
  error?: string;
  /** Offset of the `profile:` value, for placing findings about it. */
  profileOffset?: number;
}

export interface ScanResult {
  index: LineIndex;
  blocks: Block[];
  frontMatter?: FrontMatter;
  directives: Directive[];
}

/** Front matter is short; a stray --- this far down is a thematic break, not its end. */
export const FRONT_MATTER_MAX_LINES = 300;

/**
 * The line that closes a front matter opened on line 0 (`---` … `---` or `...`), or -1: the one
 * reading of where front matter ends, for the analysis, the recogniser and the editor's edits.
 */
export function frontMatterClose(lineAt: (line: number) => string, lineCount: number): number {
  let first = lineCount > 0 ? lineAt(0) : '';
  if (first.charCodeAt(0) === 0xfeff) first = first.slice(1);
  if (first.trimEnd() !== '---') return -1;
  const limit = Math.min(lineCount, FRONT_MATTER_MAX_LINES);
  for (let l = 1; l < limit; l++) {
    const s = lineAt(l).trimEnd();
    if (s === '---' || s === '...') return l;
  }
  return -1;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^[ \t]{0,8}[-*+][ \t]+/;
const ORDERED = /^[ \t]{0,8}\d{1,9}[.)][ \t]+/;
const QUOTE = /^[ \t]{0,3}>[ \t]?/;
// Bounded: an unclosed "<!-- duty-report-disable " would otherwise be searched to the end of
// the text once per occurrence. A rule list is never near 500 characters.
const DIRECTIVE = /<!--\s{0,20}duty-report-(disable-next-line|disable-line|disable|enable)\b([^>]{0,500}?)-->/g;

const CN_NUM = '一二三四五六七八九十百零〇';

/** Where a heading's closing "  ##" begins (its leading blanks included), or -1. */
function closingHashes(line: string): number {
  let i = line.length;
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  const hashesEnd = i;
  while (i > 0 && line[i - 1] === '#') i--;
  if (i === hashesEnd) return -1;
  const hashesStart = i;
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  return i === hashesStart ? -1 : i;
}

/** Skips white space (ASCII, full-width 　, tabs) and bold/italic openers before a marker. */
function skipLead(text: string, i: number, end: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (i < end && (c === 32 || c === 9 || c === 0x3000 || c === 0xa0)) i++;
    else if (i + 1 < end && (c === 42 || c === 95) && text.charCodeAt(i + 1) === c) i += 2;
    else return i;
  }
}

/** Recognises an outline marker at text[i]. */
export function matchMarker(text: string, i: number, end: number): OutlineMarker | undefined {
  const c = text[i];
  if (c === undefined || i >= end) return undefined;
  // （一） （1） (一) (1)
  if (c === '（' || c === '(') {
    let j = i + 1;
    while (j < end && j - i <= 4 && CN_NUM.includes(text[j])) j++;
    if (j > i + 1 && (text[j] === '）' || text[j] === ')')) {
      const value = chineseNumberValue(text.slice(i + 1, j));
      if (value !== undefined) return marker('cn-paren', value, text, i, j + 1, c + text[j]);
    }
    j = i + 1;
    while (j < end && j - i <= 3 && isAsciiDigit(text.charCodeAt(j))) j++;
    if (j > i + 1 && (text[j] === '）' || text[j] === ')')) {
      return marker('arabic-paren', Number(text.slice(i + 1, j)), text, i, j + 1, c + text[j]);
    }
    return undefined;
  }
  const circled = circledValue(c);
  if (circled !== undefined) return marker('circled', circled, text, i, i + 1, '');
  if (isAsciiDigit(text.charCodeAt(i))) {
    let j = i;
    while (j < end && j - i < 3 && isAsciiDigit(text.charCodeAt(j))) j++;
    const sep = text[j];
    // 1. 1、 1． but not 1.5 or 2024.3 or 12345; "1.2025年3月底前" is item 1 and a year
    if (j - i <= 2 && (sep === '、' || sep === '．' || (sep === '.' && (!isAsciiDigit(text.charCodeAt(j + 1)) || yearAt(text, j + 1, end))))) {
      return marker('arabic', Number(text.slice(i, j)), text, i, j + 1, sep);
    }
    return undefined;
  }
  if (c === '第') {
    let j = i + 1;
    while (j < end && j - i <= 3 && CN_NUM.includes(text[j])) j++;
    const sep = text[j];
    if (j > i + 1 && (sep === '，' || sep === ',' || sep === '、' || sep === '：' || sep === ':')) {
      const value = chineseNumberValue(text.slice(i + 1, j));
      if (value !== undefined) return marker('lead-di', value, text, i, j + 1, sep);
    }
    return undefined;
  }
  if (CN_NUM.includes(c)) {
    let j = i;
    while (j < end && j - i < 3 && CN_NUM.includes(text[j])) j++;
    const value = chineseNumberValue(text.slice(i, j));
    if (value === undefined || value === 0) return undefined;
    const sep = text[j];
    // 一、二季度 / 三、四月份 count on; 一、一年来的情况 is a heading.
    if (sep === '、' && chineseNumberValue(text[j + 1] ?? '') === value + 1) return undefined;
    if (sep === '、' || sep === '．' || (sep === '.' && !isAsciiDigit(text.charCodeAt(j + 1)))) {
      return marker('cn', value, text, i, j + 1, sep);
    }
    // 一是 / 二是 … but not 一是一、二是二 idioms, which never open a paragraph anyway
    if (sep === '是' && j - i <= 2) return marker('lead-shi', value, text, i, j + 1, '');
  }
  return undefined;
}

function marker(kind: MarkerKind, value: number, text: string, start: number, end: number, style: string): OutlineMarker {
  return { kind, value, text: text.slice(start, end), style, start, end };
}

/** A year (19xx/20xx followed by 年) at text[i]: after "1." it is content, not a decimal part. */
function yearAt(text: string, i: number, end: number): boolean {
  if (i + 4 >= end || text.charCodeAt(i + 4) !== 0x5e74 /* 年 */) return false;
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  if (!((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48))) return false; // 19 or 20
  return isAsciiDigit(text.charCodeAt(i + 2)) && isAsciiDigit(text.charCodeAt(i + 3));
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

function parseFrontMatter(text: string, index: LineIndex): FrontMatter | undefined {
  const l = frontMatterClose((n) => text.slice(index.starts[n], index.lineEnd(n)), index.lineCount);
  if (l === -1) return undefined;
  const bodyStart = index.starts[1];
  const yamlText = text.slice(bodyStart, index.starts[l]);
  const fm: FrontMatter = { start: 0, end: index.lineEnd(l), endLine: l, data: {} };
  try {
    const data = parseYaml(yamlText, { prettyErrors: false, maxAliasCount: 50 });
    if (data && typeof data === 'object' && !Array.isArray(data)) fm.data = data as Record<string, unknown>;
    else if (data != null) fm.error = 'front matter 不是键值对 / front matter is not a mapping';
  } catch (e) {
    fm.error = `front matter 无法解析 / cannot parse front matter: ${(e as Error).message.split('\n')[0]}`;
  }
  const m = /^profile[ \t]*:[ \t]*/m.exec(yamlText);
  if (m) fm.profileOffset = bodyStart + m.index + m[0].length;
  return fm;
}

/**
 * Splits a report into blocks. Each line is looked at once; a paragraph ends at a blank line,
 * at a Markdown construct, or at a line that opens with an outline marker, because plain-text
 * drafts often start a new numbered part without a blank line before it.
 */
export function scanBlocks(text: string): ScanResult {
  const index = new LineIndex(text);
  const blocks: Block[] = [];
  const directives: Directive[] = [];
  const frontMatter = parseFrontMatter(text, index);
  const n = index.lineCount;
  let l = frontMatter ? frontMatter.endLine + 1 : 0;
  let para: Block | undefined; // the open paragraph or list item, to extend with its next lines
  let table: Block | undefined;

  const close = () => {
    para = undefined;
    table = undefined;
  };
  const push = (b: Block) => {
    blocks.push(b);
    return b;
  };

  while (l < n) {
    // A byte-order mark is not text: "\ufeff# 标题" is a heading.
    const ls = l === 0 && text.charCodeAt(0) === 0xfeff ? 1 : index.starts[l];
    const le = index.lineEnd(l);
    const line = text.slice(ls, le);

    if (isBlank(text, ls, le)) {
      close();
      l++;
      continue;
    }

    // Fenced code: not report text.
    const fence = FENCE.exec(line);
    if (fence) {
      close();
      const ch = fence[1][0];
      const len = fence[1].length;
      let e = l + 1;
      for (; e < n; e++) {
        const s = text.slice(index.starts[e], index.lineEnd(e));
        const m = FENCE.exec(s);
        if (m && m[1][0] === ch && m[1].length >= len && s.trim().length === m[0].trim().length) break;
      }
      const last = Math.min(e, n - 1);
      const b = push({ kind: 'code', start: ls, end: index.lineEnd(last), contentStart: ls, line: l, endLine: last, units: 0 });
      if (e >= n) b.open = true;
      l = last + 1;
      continue;
    }

    // HTML comment block: not report text, but may carry directives.
    if (/^[ \t]{0,3}<!--/.test(line)) {
      close();
      const endIdx = text.indexOf('-->', ls + line.indexOf('<!--') + 4);
      const endOff = endIdx === -1 ? text.length : endIdx + 3;
      const last = index.lineOf(endOff === text.length ? Math.max(ls, text.length - 1) : endOff - 1);
      const after = text.slice(endOff, index.lineEnd(last));
      collectDirectives(text.slice(ls, endOff), l, directives, index, ls);
      if (isBlank(after, 0, after.length)) {
        const b = push({ kind: 'comment', start: ls, end: index.lineEnd(last), contentStart: ls, line: l, endLine: last, units: 0 });
        if (endIdx === -1) b.open = true;
        l = last + 1;
        continue;
      }
      // A comment followed by text on its line: treat the line as text; countInline skips the comment.
    }

    const atx = ATX.exec(line);
    if (atx) {
      close();
      const level = atx[1].length;
      let cs = ls + atx[0].length;
      let ce = le;
      // Strip a closing sequence of #s. Scanned by hand: the regex /[ \t]+#+[ \t]*$/ backtracks
      // quadratically on a long run of spaces.
      const trail = closingHashes(line);
      if (trail !== -1 && trail >= atx[0].length) ce = ls + trail;
      cs = skipWs(text, cs, ce);
      const b = push(textBlock('heading', text, ls, le, cs, ce, l, l));
      b.headingLevel = level;
      b.marker = matchMarker(text, skipLead(text, cs, ce), ce);
      l++;
      continue;
    }

    if (THEMATIC.test(line) && !(para && SETEXT.test(line) && para.kind === 'paragraph')) {
      close();
      push({ kind: 'break', start: ls, end: le, contentStart: le, line: l, endLine: l, units: 0 });
      l++;
      continue;
    }

    // Setext heading: the open one-or-more-line paragraph becomes a heading.
    if (para && para.kind === 'paragraph' && SETEXT.test(line)) {
      para.kind = 'heading';
      para.headingLevel = line.trim()[0] === '=' ? 1 : 2;
      para.marker = matchMarker(text, skipLead(text, para.contentStart, para.end), para.end);
      // The underline is part of the heading: text inserted "after" it must not split the two.
      para.end = le;
      para.endLine = l;
      close();
      l++;
      continue;
    }

    // Tables: rows that open with a pipe.
    if (/^[ \t]{0,3}\|/.test(line)) {
      para = undefined;
      if (table) {
        table.end = le;
        table.endLine = l;
        table.units += countInline(text, ls, le);
      } else {
        table = push(textBlock('table', text, ls, le, ls, le, l, l));
      }
      l++;
      continue;
    }
    table = undefined;

    let cs = ls;
    let kind: BlockKind = 'paragraph';
    const quote = QUOTE.exec(line);
    if (quote) cs = ls + quote[0].length;
    const rest = text.slice(cs, le);
    const bullet = BULLET.exec(rest);
    const ordered = bullet ? null : ORDERED.exec(rest);
    if (bullet) {
      kind = 'list-item';
      cs += bullet[0].length;
    } else if (ordered) {
      kind = 'list-item';
      // keep "1." in the content: it is the outline marker
      cs = skipWs(text, cs, le);
    }
    const ms = skipLead(text, cs, le);
    const mk = matchMarker(text, ms, le);

    // Chinese drafts are not hard-wrapped: a line that ends a sentence ends the paragraph,
    // and only a line broken mid-sentence continues into the next.
    if (para && kind === 'paragraph' && !mk && !quote && !endsSentence(text, para.end)) {
      // continuation line of the open paragraph or list item
      para.end = le;
      para.endLine = l;
      para.units += countInline(text, ls, le);
      l++;
      continue;
    }
    const b = push(textBlock(kind, text, ls, le, cs, le, l, l));
    b.marker = mk;
    para = b;
    l++;
  }

  // Directives also live in inline comments inside text lines. Blocks come in order, so one
  // forward cursor finds them; searching from each block's start would rescan the rest of the
  // text per block, quadratic on long drafts without comments.
  let next = text.indexOf('<!--');
  for (const b of blocks) {
    if (next === -1) break;
    if (next < b.start) next = text.indexOf('<!--', b.start);
    if (next === -1) break;
    if (b.kind === 'comment' || b.kind === 'code') continue;
    if (next < b.end) collectDirectives(text.slice(b.start, b.end), b.line, directives, index, b.start);
  }
  directives.sort((a, b) => a.line - b.line);
  return { index, blocks, frontMatter, directives };
}

const SENTENCE_FINAL = new Set(['。', '！', '？', '；', '：', '…', '!', '?', ':', ';', '”', '」', '）']);

function endsSentence(text: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '*')) i--;
  const ch = text[i];
  // ” and ） end a sentence only after a sentence-final mark: “……。” （……。）
  if (ch === '”' || ch === '」' || ch === '）') return SENTENCE_FINAL.has(text[i - 1]) && text[i - 1] !== '”';
  return SENTENCE_FINAL.has(ch);
}

function skipWs(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0x3000) i++;
    else break;
  }
  return i;
}

function textBlock(kind: BlockKind, text: string, start: number, end: number, cs: number, ce: number, line: number, endLine: number): Block {
  return { kind, start, end, contentStart: cs, line, endLine, units: countInline(text, cs, ce) };
}

function collectDirectives(chunk: string, firstLine: number, out: Directive[], index: LineIndex, base: number): void {
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE.exec(chunk))) {
    const rules = m[2].split(/[\s,，]+/).filter((r) => r.length > 0);
    out.push({ kind: m[1] as Directive['kind'], rules, line: firstLine === undefined ? 0 : index.lineOf(base + m.index) });
  }
}
