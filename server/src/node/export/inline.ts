/**
 * Markdown inside a line, read as a Word run list: `**…**` and `__…__` bold, `*…*` and `_…_`
 * italic, `~~…~~` struck, `` `…` `` as written, links and images as their text, backslash
 * escapes as the character, HTML tags dropped. Everything else, 「」 and “” included, is
 * kept character for character. A delimiter with no partner is text.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  /** A run-in heading's part of a paragraph: set in the heading's face (一、…。 in 黑体). */
  face?: 'heading1' | 'heading2';
}

type Marks = Pick<Run, 'bold' | 'italic' | 'strike'>;

const ASCII_PUNCT = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\u3000';
const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Emphasis delimiters, longest first. `_` does not work inside a word (file_name_here). */
const DELIMS: readonly { mark: string; set: keyof Marks }[] = [
  { mark: '**', set: 'bold' },
  { mark: '__', set: 'bold' },
  { mark: '~~', set: 'strike' },
  { mark: '*', set: 'italic' },
  { mark: '_', set: 'italic' },
];

/** Where the delimiter opened at `from` closes, or -1: a non-blank run of text between them. */
function closer(s: string, mark: string, from: number): number {
  if (isSpace(s[from])) return -1;
  for (let j = s.indexOf(mark, from); j !== -1; j = s.indexOf(mark, j + 1)) {
    if (j === from) continue;
    // `*` must not take one half of a `**`.
    if (mark.length === 1 && (s[j + 1] === mark || s[j - 1] === mark)) continue;
    if (isSpace(s[j - 1])) continue;
    if (mark[0] === '_' && isAlnum(s[j + mark.length])) continue;
    return j;
  }
  return -1;
}

/** `](` target of a link or image whose text opens at `open` (the `[`): [textEnd, targetEnd] or undefined. */
function linkAt(s: string, open: number): [number, number] | undefined {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      if (s[j + 1] !== '(') return undefined;
      const close = s.indexOf(')', j + 2);
      return close === -1 ? undefined : [j, close];
    }
  }
  return undefined;
}

/** Parses `s` into runs carrying `marks`, appending to `out`. */
function parse(s: string, marks: Marks, out: Run[]): void {
  let buf = '';
  const flush = () => {
    if (buf) out.push({ text: buf, ...marks });
    buf = '';
  };
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && ASCII_PUNCT.includes(s[i + 1])) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      const end = s.indexOf(fence, i + n);
      if (end !== -1) {
        buf += s.slice(i + n, end).replace(/^ (.*) $/, '$1');
        i = end + n;
        continue;
      }
      buf += fence;
      i += n;
      continue;
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const open = c === '!' ? i + 1 : i;
      const link = linkAt(s, open);
      if (link) {
        flush();
        parse(s.slice(open + 1, link[0]), marks, out);
        i = link[1] + 1;
        continue;
      }
    }
    if (c === '<') {
      const end = s.indexOf('>', i + 1);
      const inner = end === -1 ? '' : s.slice(i + 1, end);
      if (/^https?:\/\/\S+$/.test(inner) || /^[^\s@<>]+@[^\s@<>]+$/.test(inner)) {
        buf += inner;
        i = end + 1;
        continue;
      }
      if (/^\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?$/.test(inner)) {
        i = end + 1;
        continue;
      }
    }
    const d = DELIMS.find((x) => s.startsWith(x.mark, i));
    if (d && !(d.mark[0] === '_' && isAlnum(s[i - 1]))) {
      const from = i + d.mark.length;
      const j = closer(s, d.mark, from);
      if (j !== -1) {
        flush();
        parse(s.slice(from, j), { ...marks, [d.set]: true }, out);
        i = j + d.mark.length;
        continue;
      }
      buf += d.mark;
      i = from;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
}

/** A line of Markdown inline text as runs; adjacent runs with the same marks are merged. */
export function inlineRuns(source: string): Run[] {
  const raw: Run[] = [];
  parse(source, {}, raw);
  const out: Run[] = [];
  for (const r of raw) {
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic && !!last.strike === !!r.strike) last.text += r.text;
    else out.push(r);
  }
  return out;
}

/** The runs' text. */
export const runsText = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');

/** The runs with the first `length` characters set in `face` (a run-in heading). */
export function withFace(runs: readonly Run[], length: number, face: NonNullable<Run['face']>): Run[] {
  const out: Run[] = [];
  let left = length;
  for (const r of runs) {
    if (left <= 0) out.push(r);
    else if (r.text.length <= left) {
      out.push({ ...r, face });
      left -= r.text.length;
    } else {
      out.push({ ...r, text: r.text.slice(0, left), face }, { ...r, text: r.text.slice(left) });
      left = 0;
    }
  }
  return out;
}
