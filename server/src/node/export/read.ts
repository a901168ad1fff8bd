/**
 * The draft as the parts of an official document, read with the core's own block scanner and
 * frame stage, so that the exported file and the checker agree on what the title, the
 * salutation, the headings and the signature are. Front matter, HTML comments (the
 * duty-report-disable directives) and the instructions a snippet left (写明……) are left out;
 * every other character of the report is kept, in order.
 */
import { scanBlocks, TEXT_KINDS, type Block } from '../../core/blocks';
import type { TextFormat } from '../../core/types';
import { readFrame } from '../../core/frame';
import type { LineIndex } from '../../core/text';
import { applyHints, type Span } from '../../core/unfilled';
import { inlineRuns, runsText, withFace, type Run } from './inline';

/** 1: 一、 in 黑体; 2: （一） in 楷体; 3: 1. and （1） in the body face (GB/T 9704 §7.3.3). */
export type HeadingLevel = 1 | 2 | 3;

export type Part =
  | { kind: 'title' | 'byline' | 'salutation' | 'body'; runs: Run[] }
  | { kind: 'heading'; level: HeadingLevel; runs: Run[] }
  /** The signature and date after the closing; `first` opens the group with a blank line above. */
  | { kind: 'signature'; runs: Run[]; first: boolean }
  /** Rows of cells; `align` per column from the delimiter row (`:--`, `:-:`, `--:`). */
  | { kind: 'table'; rows: Run[][][]; align: ColumnAlign[] };

export type ColumnAlign = 'left' | 'center' | 'right' | undefined;

const LEVEL_OF_MARKER: Record<string, HeadingLevel> = { cn: 1, 'cn-paren': 2, arabic: 3, 'arabic-paren': 3, circled: 3 };

/** What to leave out of a block's text: comments and instructions, as sorted offset spans. */
function skipSpans(text: string, blk: Block, hints: readonly Span[]): Span[] {
  const spans: Span[] = [];
  for (let i = text.indexOf('<!--', blk.start); i !== -1 && i < blk.end; i = text.indexOf('<!--', i + 4)) {
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 ? text.length : close + 3;
    spans.push({ start: i, end });
    i = end - 4;
  }
  spans.push(...hints);
  return spans.sort((a, b) => a.start - b.start);
}

/** text[start, end) with the skipped spans taken out. */
function copyWithout(text: string, start: number, end: number, skip: readonly Span[]): string {
  let out = '';
  let i = start;
  for (const sp of skip) {
    if (sp.end <= i || sp.start >= end) continue;
    if (sp.start > i) out += text.slice(i, sp.start);
    i = Math.max(i, sp.end);
  }
  if (i < end) out += text.slice(i, end);
  return out;
}

/**
 * The Markdown source of each line of a block, syntax at its start and end removed: the first
 * line from the content start, later ones without their indent or `>`; an ATX heading without
 * its closing #s, a setext heading without its underline.
 */
function blockLines(text: string, index: LineIndex, blk: Block, skip: readonly Span[]): string[] {
  const lastLine = blk.kind === 'heading' && blk.endLine > blk.line ? blk.endLine - 1 : blk.endLine;
  const lines: string[] = [];
  for (let l = blk.line; l <= lastLine; l++) {
    let s = l === blk.line ? blk.contentStart : index.starts[l];
    const e = index.lineEnd(l);
    if (l > blk.line) s += /^[ \t\u3000]*(?:>[ \t]?)?/.exec(text.slice(s, e))![0].length;
    let line = copyWithout(text, s, e, skip);
    if (blk.kind === 'heading' && blk.line === blk.endLine) line = line.replace(/[ \t]+#+[ \t]*$/, '');
    // A hard break (two spaces or a backslash at the end) joins like any other line here.
    line = line.replace(/[ \t]+$/, '');
    if (l < lastLine) line = line.replace(/\\$/, '');
    lines.push(line);
  }
  return lines;
}

/** Lines of one block joined: Chinese lines run on directly, Latin words keep a space. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (out && /[A-Za-z0-9,.;:!?]$/.test(out) && /^[A-Za-z0-9]/.test(line)) out += ' ';
    out += line;
  }
  return out;
}

/** Cells of a table row: outer pipes dropped, split on pipes not escaped and not in code. */
function tableCells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let code = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (c === '`') {
      code = !code;
      cur += c;
    } else if (c === '|' && !code) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

const isDelimiterRow = (cells: readonly string[]) => cells.every((c) => /^:?-+:?$/.test(c));

function table(lines: readonly string[]): Part | undefined {
  const split = lines.map(tableCells);
  const delimiter = split.find(isDelimiterRow) ?? [];
  const align = delimiter.map((c): ColumnAlign => (c.startsWith(':') ? (c.endsWith(':') ? 'center' : 'left') : c.endsWith(':') ? 'right' : undefined));
  const rows = split.filter((cells) => !isDelimiterRow(cells)).map((cells) => cells.map(inlineRuns));
  return rows.length ? { kind: 'table', rows, align } : undefined;
}

/** The heading level of a Markdown heading: its outline marker's, else its depth under the top headings. */
function headingLevel(blk: Block, topLevel: number): HeadingLevel {
  const byMarker = blk.marker && LEVEL_OF_MARKER[blk.marker.kind];
  if (byMarker) return byMarker;
  const rel = (blk.headingLevel ?? topLevel) - topLevel;
  return rel <= 0 ? 1 : rel === 1 ? 2 : 3;
}

/**
 * A numbered paragraph: alone on its line it is a heading of its marker's level; followed by
 * text ("一、加强学习。我……") its first sentence is set in the heading's face (run-in heading).
 */
function markedParagraph(blk: Block, runs: Run[]): Part {
  const level = blk.marker && LEVEL_OF_MARKER[blk.marker.kind];
  if (!level) return { kind: 'body', runs };
  const text = runsText(runs);
  const stop = text.search(/[。！？!?]/);
  const runIn = stop !== -1 && text.slice(stop + 1).trim().length > 0;
  if (!runIn) return { kind: 'heading', level, runs };
  if (level === 3) return { kind: 'body', runs };
  return { kind: 'body', runs: withFace(runs, stop + 1, level === 1 ? 'heading1' : 'heading2') };
}

/** Short unpunctuated lines between the title and the salutation: unit and name (某某局　张某某). */
function isByline(blk: Block, source: string): boolean {
  return blk.kind === 'paragraph' && !blk.marker && blk.line === blk.endLine && blk.units > 0 && blk.units <= 40 && !/[。：:；;，,！？!?]$/.test(source.trim());
}

/** Reads the draft's parts in order. */
export function readParts(markdown: string, format: TextFormat = 'markdown'): Part[] {
  const { index, blocks } = scanBlocks(markdown, format);
  const hints = applyHints(markdown, blocks);
  const textBlocks: number[] = [];
  for (let b = 0; b < blocks.length; b++) if (TEXT_KINDS.has(blocks[b].kind) && blocks[b].units > 0) textBlocks.push(b);
  // The frame is read from the same text as the checker reads it (model.ts blockText), so both agree.
  const blockText = (b: number) => {
    const blk = blocks[b];
    return markdown.slice(blk.contentStart, blk.kind === 'heading' && blk.endLine > blk.line ? index.lineEnd(blk.endLine - 1) : blk.end);
  };
  const frame = readFrame(markdown, blocks, textBlocks, blockText);
  const topLevel = Math.min(7, ...blocks.filter((x, b) => x.kind === 'heading' && b !== frame.titleBlock).map((x) => x.headingLevel ?? 7));

  const parts: Part[] = [];
  let afterTitle = frame.titleBlock !== -1;
  let signatureSeen = false;
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    if (blk.kind === 'code') {
      parts.push(...codeLines(markdown, index, blk));
      continue;
    }
    if (!TEXT_KINDS.has(blk.kind)) continue;
    const skip = skipSpans(markdown, blk, hints.filter((h) => h.block === b));
    if (blk.kind === 'table') {
      const t = table(blockLines(markdown, index, blk, skip));
      if (t) parts.push(t);
      continue;
    }
    const src = joinLines(blockLines(markdown, index, blk, skip));
    const runs = inlineRuns(src);
    if (!runsText(runs).trim()) continue;
    if (b === frame.titleBlock) {
      parts.push({ kind: 'title', runs });
      continue;
    }
    if (afterTitle && b !== frame.salutationBlock && isByline(blk, src)) {
      parts.push({ kind: 'byline', runs });
      continue;
    }
    afterTitle = false;
    if (b === frame.salutationBlock) parts.push({ kind: 'salutation', runs });
    else if (frame.trailing.has(b)) {
      parts.push({ kind: 'signature', runs, first: !signatureSeen });
      signatureSeen = true;
    } else if (blk.kind === 'heading') parts.push({ kind: 'heading', level: headingLevel(blk, topLevel), runs });
    else parts.push(markedParagraph(blk, runs));
  }
  return parts;
}

/** A fenced code block's lines, as written: not report text to the checker, but the writer's. */
function codeLines(text: string, index: LineIndex, blk: Block): Part[] {
  const last = blk.open ? blk.endLine : blk.endLine - 1;
  const out: Part[] = [];
  for (let l = blk.line + 1; l <= last; l++) {
    const line = index.lineText(l).replace(/\s+$/, '');
    if (line) out.push({ kind: 'body', runs: [{ text: line }] });
  }
  return out;
}
