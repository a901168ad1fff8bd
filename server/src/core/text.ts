import type { Position, Range } from './types';

/**
 * Line index over a text. Offsets are JavaScript string indices, i.e. UTF-16 code units,
 * which is what LSP positions count, so characters outside the BMP take two columns and
 * nothing needs converting. Line breaks are \r\n, \r or \n, as LSP defines them.
 */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    // Never report a column inside a line break or between a surrogate pair's halves.
    let character = Math.min(o, this.lineEnd(line)) - this.starts[line];
    const abs = this.starts[line] + character;
    if (character > 0 && isLowSurrogate(this.text.charCodeAt(abs)) && isHighSurrogate(this.text.charCodeAt(abs - 1))) character--;
    return { line, character };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** A line's content, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}

/** The first index of a sorted list whose value is x or more (the list's length if none). */
export function lowerBound(list: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** text.slice(start, end) for a message, never cutting a surrogate pair in half. */
export function sliceWhole(text: string, start: number, end: number): string {
  if (end > start && end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Letters and digits that form words: a run of them counts as one unit of 字数. */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x52f) ||
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/** Characters that count one each: CJK, kana, Hangul, full-width and CJK punctuation, symbols. */
function isWideChar(c: number): boolean {
  // The ideographic space (　　 as paragraph indent) is white space, like an ASCII space.
  if (c === 0x3000) return false;
  if (c >= 0x2e80) return !(c >= 0xfe00 && c <= 0xfe0f) && c !== 0xfeff; // skip variation selectors, BOM
  return c >= 0x2010 && c <= 0x2bff; // general punctuation (“”—…), arrows, circled numbers, symbols
}

/**
 * 字数 of text[start, end) as SPEC.md defines it: each CJK character and each full-width
 * punctuation mark is one; a run of Latin letters or digits (with inner . , %) is one word;
 * ASCII punctuation and white space (the ideographic space 　 too) count nothing. Markdown
 * syntax is ASCII, so it drops out, except link targets, which the caller excludes (see countInline).
 */
export function countUnits(text: string, start = 0, end = text.length): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      if (!inWord) n++;
      inWord = true;
      continue;
    }
    // 3.5 / 1,200 / 95% stay one word
    if (inWord && (c === 46 || c === 44) && i + 1 < end && isWordChar(text.charCodeAt(i + 1))) continue;
    inWord = false;
    if (isHighSurrogate(c)) {
      if (i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) i++;
      n++; // 𠮷 and emoji: one character each
    } else if (isLowSurrogate(c)) {
      n++; // a lone surrogate is still something the writer typed
    } else if (isWideChar(c)) n++;
  }
  return n;
}

/**
 * indexOf that stops at `end`: an unclosed bracket must cost the rest of its line, not the rest
 * of the document, or a draft full of them goes quadratic.
 */
export function indexWithin(text: string, needle: string, from: number, end: number): number {
  const last = end - needle.length;
  const first = needle.charCodeAt(0);
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && (needle.length === 1 || text.startsWith(needle, i))) return i;
  }
  return -1;
}

/**
 * 字数 of one line of Markdown inline text: like countUnits, but the targets of links and
 * images `](…)`, autolinks `<http…>` and inline HTML tags are not report text.
 */
export function countInline(text: string, start: number, end: number): number {
  let n = 0;
  let from = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */ && text.charCodeAt(i + 1) === 40 /* ( */) {
      const close = indexWithin(text, ')', i + 2, end);
      if (close !== -1) {
        n += countUnits(text, from, i);
        i = from = close + 1;
        continue;
      }
    } else if (c === 60 /* < */) {
      const next = text.charCodeAt(i + 1);
      if (next === 33 /* ! */ && text.startsWith('<!--', i)) {
        const close = indexWithin(text, '-->', i + 4, end);
        const stop = close === -1 ? end : close + 3;
        n += countUnits(text, from, i);
        i = from = stop;
        continue;
      }
      if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47) {
        const close = indexWithin(text, '>', i + 1, Math.min(end, i + 200));
        if (close !== -1) {
          n += countUnits(text, from, i);
          i = from = close + 1;
          continue;
        }
      }
    }
    i++;
  }
  return n + countUnits(text, from, end);
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// Digit values by code unit (−1: not a digit), so the outline scanner's numeral reads are lookups.
const CN_VALUE = new Int8Array(0x10000).fill(-1);
for (const [ch, v] of Object.entries(CN_DIGITS)) CN_VALUE[ch.charCodeAt(0)] = v;

/** Value of a Chinese numeral up to 九十九 (outline numbers never go higher in practice). */
export function chineseNumberValue(s: string): number | undefined {
  if (s.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5341 /* 十 */) {
      total += (current || 1) * 10;
      current = 0;
    } else if (c === 0x767e /* 百 */) {
      total += (current || 1) * 100;
      current = 0;
    } else if (CN_VALUE[c] >= 0) current = CN_VALUE[c];
    else return undefined;
  }
  return total + current;
}

export function chineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export function circledValue(ch: string): number | undefined {
  const i = CIRCLED.indexOf(ch);
  return i === -1 ? undefined : i + 1;
}
export function circledNumeral(n: number): string {
  return n >= 1 && n <= 20 ? CIRCLED[n - 1] : `(${n})`;
}
