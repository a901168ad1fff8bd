/**
 * The outline: headings, label lines ("存在的问题：") and numbered paragraphs nested into
 * sections by a stack of open nodes, each with its extent and 字数. Roles come after (roles.ts).
 */
import { Block, OutlineMarker, TEXT_KINDS } from './blocks';
import { isLabelLine } from './frame';
import { rolesFromTitle } from './signals';
import { indexWithin, LineIndex } from './text';
import type { Role } from './types';

export interface Section {
  index: number;
  /** The heading or marker block that opens it. */
  block: number;
  title: string;
  titleStart: number;
  titleEnd: number;
  depth: number;
  parent: number;
  children: number[];
  marker?: OutlineMarker;
  headingLevel?: number;
  /** Roles its heading words name. */
  namedRoles: Role[];
  /** An unnumbered label line such as "存在的问题：" acting as a heading. */
  isLabel?: boolean;
  /** Its role: named, inherited from the parent, or read from its content. */
  role: Role;
  start: number;
  end: number;
  lastBlock: number;
  ownUnits: number;
  units: number;
}

export interface Outline {
  sections: Section[];
  /** Innermost section holding each block, or -1. */
  blockSection: number[];
  /** Sections at the top of the outline, under the title. */
  top: number[];
}

/** Where the report's frame stands: blocks that belong to no part. */
export interface FrameBlocks {
  titleBlock: number;
  closingBlock: number;
  /** Signature lines and what follows them. */
  trailing: ReadonlySet<number>;
  /** The title, salutation, closing, signature and closing reflection. */
  isOther(b: number): boolean;
}

export function buildOutline(text: string, blocks: readonly Block[], index: LineIndex, frame: FrameBlocks): Outline {
  const nb = blocks.length;
  const { titleBlock, closingBlock, trailing, isOther } = frame;
  // Outline: headings and marker blocks, nested by a stack of open nodes.
  const sections: Section[] = [];
  const blockSection = new Array<number>(nb).fill(-1);
  const stack: number[] = [];
  // Labels sit at the level of the report's top headings (below a # title), else at 2.
  let labelLevel = 2;
  for (let b = 0; b < nb; b++) {
    if (blocks[b].kind === 'heading' && b !== titleBlock) {
      labelLevel = blocks[b].headingLevel ?? 2;
      break;
    }
  }

  for (let b = 0; b < nb; b++) {
    const blk = blocks[b];
    if (!TEXT_KINDS.has(blk.kind) || isOther(b)) {
      if (TEXT_KINDS.has(blk.kind) && stack.length && b !== closingBlock && !trailing.has(b) && b !== titleBlock) blockSection[b] = stack[stack.length - 1];
      continue;
    }
    const label = blk.kind === 'paragraph' && !blk.marker && isLabelLine(text, blk);
    const isNode = blk.kind === 'heading' || label || (blk.marker !== undefined && blk.kind !== 'table');
    if (!isNode) {
      if (stack.length) blockSection[b] = stack[stack.length - 1];
      continue;
    }
    // Where does it nest?
    if (blk.kind === 'heading' || label) {
      // A label stands where the report's top-level parts stand.
      const level = label ? labelLevel : (blk.headingLevel ?? 1);
      while (stack.length) {
        const top = sections[stack[stack.length - 1]];
        if (top.headingLevel === undefined || top.headingLevel >= level) stack.pop();
        else break;
      }
    } else {
      const kind = blk.marker!.kind;
      let found = -1;
      for (let k = stack.length - 1; k >= 0; k--) {
        const s = sections[stack[k]];
        if (s.marker?.kind === kind) {
          found = k;
          break;
        }
        if (s.headingLevel !== undefined && s.marker?.kind !== kind) {
          // Plain-text markers do not climb above a Markdown heading of another kind.
          break;
        }
      }
      if (found !== -1) stack.length = found;
    }
    const { title, titleStart, titleEnd } = sectionTitle(text, blk, index);
    const parent = stack.length ? stack[stack.length - 1] : -1;
    const s: Section = {
      index: sections.length,
      block: b,
      title,
      titleStart,
      titleEnd,
      depth: stack.length + 1,
      parent,
      children: [],
      marker: blk.marker,
      headingLevel: blk.kind === 'heading' ? blk.headingLevel : label ? labelLevel : undefined,
      isLabel: label || undefined,
      namedRoles: rolesFromTitle(title),
      role: 'other',
      start: blk.start,
      end: blk.end,
      lastBlock: b,
      ownUnits: 0,
      units: 0,
    };
    sections.push(s);
    if (parent !== -1) sections[parent].children.push(s.index);
    stack.push(s.index);
    blockSection[b] = s.index;
  }

  extend(blocks, sections, blockSection);
  let top = sections.filter((s) => s.parent === -1).map((s) => s.index);
  // A lone wrapper heading (## 述职报告) over everything: its children are the real top.
  while (top.length === 1 && sections[top[0]].children.length > 1 && sections[top[0]].namedRoles.length === 0) {
    top = sections[top[0]].children;
  }
  return { sections, blockSection, top };
}

/** Extents and 字数: each block counts in its section and every section above it. */
function extend(blocks: readonly Block[], sections: Section[], blockSection: readonly number[]): void {
  for (let b = 0; b < blocks.length; b++) {
    const si = blockSection[b];
    if (si === -1) continue;
    sections[si].ownUnits += blocks[b].units;
    for (let s = si; s !== -1; s = sections[s].parent) {
      const sec = sections[s];
      sec.units += blocks[b].units;
      if (blocks[b].end > sec.end) {
        sec.end = blocks[b].end;
        sec.lastBlock = b;
      }
    }
  }
}

/** The words of a heading or of a marker paragraph's first phrase, without the marker. */
function sectionTitle(text: string, blk: Block, index: LineIndex): { title: string; titleStart: number; titleEnd: number } {
  let start = blk.marker ? blk.marker.end : blk.contentStart;
  // The marker's own line; the line index knows CR and CRLF, and a search for the next \n
  // would run to the end of a CR-only draft once per section.
  // A setext heading's words end on the line above its underline.
  const lineEnd = blk.kind === 'heading' ? (blk.endLine > blk.line ? index.lineEnd(blk.endLine - 1) : blk.end) : Math.min(blk.end, index.lineEnd(blk.line));
  while (start < lineEnd && /[\s　*_]/.test(text[start])) start++;
  let end = lineEnd;
  if (blk.kind !== 'heading') {
    // the first phrase: up to 。！？；：or the bold closer, at most 40 characters
    for (let i = start; i < lineEnd && i < start + 40; i++) {
      const ch = text[i];
      if (ch === '。' || ch === '！' || ch === '？' || ch === '；' || ch === '：' || ch === ':' || ch === '，' && i - start >= 12) {
        end = i;
        break;
      }
      if (ch === '*' && text[i + 1] === '*') {
        end = i;
        break;
      }
      end = i + 1;
    }
  }
  // A comment is never part of a title ("二、存在的问题 <!-- duty-report-disable-line … -->").
  const comment = indexWithin(text, '<!--', start, end);
  if (comment !== -1 && comment < end) end = comment;
  while (end > start && /[\s　*_#]/.test(text[end - 1])) end--;
  return { title: text.slice(start, end), titleStart: start, titleEnd: end };
}
