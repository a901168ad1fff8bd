import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { matchMarker, skipLead, type OutlineMarker } from './markers';
import { countInline, LineIndex } from './text';
import type { TextFormat } from './types';

export { frontMatterClose, FRONT_MATTER_MAX_LINES, type FrontMatter } from './frontMatter';
export { MARKER_ORDER, matchMarker, type MarkerKind, type OutlineMarker } from './markers';

/**
 * The Markdown block scanner: one pass over the lines, no Markdown library, because the
 * report's structure lives in plain-text Chinese outline markers that Markdown parsers do
 * not see, and because every offset must stay exact for the editor.
 */

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table' | 'code' | 'comment' | 'break';

/** The kinds of block that hold report text (not code, comments or breaks). */
export const TEXT_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['heading', 'paragraph', 'list-item', 'table']);

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
  /** Why, as the writer gave it after `--` (`<!-- duty-report-disable vague-phrase -- 理由：… -->`). */
  reason?: string;
}

export interface ScanResult {
  index: LineIndex;
  blocks: Block[];
  frontMatter?: FrontMatter;
  directives: Directive[];
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
const DIRECTIVE = /<!--\s{0,20}duty-report-(disable-next-line|disable-line|disable|enable)\b((?:(?!-->)[\s\S]){0,500}?)-->/g;

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

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

/**
 * Splits a report into blocks. Each line is looked at once; a paragraph ends at a blank line,
 * at a Markdown construct, or at a line that opens with an outline marker, because plain-text
 * drafts often start a new numbered part without a blank line before it.
 */
export function scanBlocks(text: string, format: TextFormat = 'markdown'): ScanResult {
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
      l = fencedCode(text, index, fence[1], l, push);
      continue;
    }

    // HTML comment block: not report text, but may carry directives.
    if (/^[ \t]{0,3}<!--/.test(line)) {
      close();
      const after = commentBlock(text, index, line, ls, l, push, directives);
      if (after !== -1) {
        l = after;
        continue;
      }
      // A comment followed by text on its line: treat the line as text; countInline skips the comment.
    }

    const atx = ATX.exec(line);
    if (atx) {
      close();
      push(atxHeading(text, line, atx[0].length, atx[1].length, ls, le, l));
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
      toSetextHeading(text, para, line, le, l);
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
    // In plain text every line is a paragraph: Word's "save as text" writes one per line.
    if (para && kind === 'paragraph' && !mk && !quote && format === 'markdown' && !endsSentence(text, para.end)) {
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

  inlineDirectives(text, index, blocks, directives);
  directives.sort((a, b) => a.line - b.line);
  return { index, blocks, frontMatter, directives };
}

/** The open paragraph becomes a setext heading, its underline (line `l`) included. */
function toSetextHeading(text: string, para: Block, line: string, le: number, l: number): void {
  para.kind = 'heading';
  para.headingLevel = line.trim()[0] === '=' ? 1 : 2;
  para.marker = matchMarker(text, skipLead(text, para.contentStart, para.end), para.end);
  // The underline is part of the heading: text inserted "after" it must not split the two.
  para.end = le;
  para.endLine = l;
}

/** An ATX heading (`## 一、主要工作`) on line `l`, its closing #s and leading blanks left out. */
function atxHeading(text: string, line: string, openerLength: number, level: number, ls: number, le: number, l: number): Block {
  let ce = le;
  // Strip a closing sequence of #s. Scanned by hand: the regex /[ \t]+#+[ \t]*$/ backtracks
  // quadratically on a long run of spaces.
  const trail = closingHashes(line);
  if (trail !== -1 && trail >= openerLength) ce = ls + trail;
  const cs = skipWs(text, ls + openerLength, ce);
  const b = textBlock('heading', text, ls, le, cs, ce, l, l);
  b.headingLevel = level;
  b.marker = matchMarker(text, skipLead(text, cs, ce), ce);
  return b;
}

/** A fenced code block from line `l`: pushed as one block; returns the line after it. */
function fencedCode(text: string, index: LineIndex, opener: string, l: number, push: (b: Block) => Block): number {
  const n = index.lineCount;
  const ch = opener[0];
  const len = opener.length;
  let e = l + 1;
  for (; e < n; e++) {
    const s = text.slice(index.starts[e], index.lineEnd(e));
    const m = FENCE.exec(s);
    if (m && m[1][0] === ch && m[1].length >= len && s.trim().length === m[0].trim().length) break;
  }
  const last = Math.min(e, n - 1);
  const ls = l === 0 && text.charCodeAt(0) === 0xfeff ? 1 : index.starts[l];
  const b = push({ kind: 'code', start: ls, end: index.lineEnd(last), contentStart: ls, line: l, endLine: last, units: 0 });
  if (e >= n) b.open = true;
  return last + 1;
}

/**
 * An HTML comment opening line `l`: its directives are collected; when nothing but blanks
 * follow it on its last line it is pushed as a block and the line after it is returned, else -1.
 */
function commentBlock(text: string, index: LineIndex, line: string, ls: number, l: number, push: (b: Block) => Block, directives: Directive[]): number {
  const endIdx = text.indexOf('-->', ls + line.indexOf('<!--') + 4);
  const endOff = endIdx === -1 ? text.length : endIdx + 3;
  const last = index.lineOf(endOff === text.length ? Math.max(ls, text.length - 1) : endOff - 1);
  const after = text.slice(endOff, index.lineEnd(last));
  collectDirectives(text.slice(ls, endOff), l, directives, index, ls);
  if (!isBlank(after, 0, after.length)) return -1;
  const b = push({ kind: 'comment', start: ls, end: index.lineEnd(last), contentStart: ls, line: l, endLine: last, units: 0 });
  if (endIdx === -1) b.open = true;
  return last + 1;
}

/**
 * Directives also live in inline comments inside text lines. Blocks come in order, so one
 * forward cursor finds them; searching from each block's start would rescan the rest of the
 * text per block, quadratic on long drafts without comments.
 */
function inlineDirectives(text: string, index: LineIndex, blocks: readonly Block[], directives: Directive[]): void {
  let next = text.indexOf('<!--');
  for (const b of blocks) {
    if (next === -1) break;
    if (next < b.start) next = text.indexOf('<!--', b.start);
    if (next === -1) break;
    if (b.kind === 'comment' || b.kind === 'code') continue;
    if (next < b.end) collectDirectives(text.slice(b.start, b.end), b.line, directives, index, b.start);
  }
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
    // Rules, then after "--" the reason: "vague-phrase -- 理由：引用原文".
    const cut = m[2].indexOf('--');
    const rules = (cut === -1 ? m[2] : m[2].slice(0, cut)).split(/[\s,，]+/).filter((r) => r.length > 0);
    const reason = cut === -1 ? '' : m[2].slice(cut + 2).replace(/^\s*(?:理由|原因|reason)\s*[：:]\s*/i, '').trim();
    const d: Directive = { kind: m[1] as Directive['kind'], rules, line: firstLine === undefined ? 0 : index.lineOf(base + m.index) };
    if (reason) d.reason = reason;
    out.push(d);
  }
}
