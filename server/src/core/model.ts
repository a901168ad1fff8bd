import { Block, Directive, FrontMatter, scanBlocks, TEXT_KINDS } from './blocks';
import { Evidence, scanEvidence } from './evidence';
import { readFrame } from './frame';
import { HitList, scanHits, Tag } from './hits';
import { buildOutline, type Section } from './outline';

export type { Section } from './outline';
import type { PhraseMatcher } from './phraseMatcher';
import { readRoles } from './roles';
import { LineIndex } from './text';
import { applyHints, Span } from './unfilled';
import type { Role, TextFormat } from './types';

export interface ReportModel {
  text: string;
  index: LineIndex;
  blocks: Block[];
  frontMatter?: FrontMatter;
  directives: Directive[];
  /** Instructions left from a snippet or a quick fix (写明……), in order: 0 字, not the writer's. */
  hints: (Span & { block: number })[];
  /** Role of each block's text. */
  blockRole: Role[];
  /** Problems blocks that state their causes inside the item ("……。究其原因，主要是我……"). */
  inlineCauseBlocks: number[];
  /** Innermost section holding each block, or -1. */
  blockSection: number[];
  sections: Section[];
  /** Sections at the top of the outline, under the title. */
  top: number[];
  titleBlock: number;
  salutationBlock: number;
  closingBlock: number;
  /** Every phrase hit, in order of end offset. */
  hits: HitList;
  units: number;
  /** Evidence per block, computed on first use. */
  evidence(block: number): Evidence;
  /** Plain text of a block's content (Markdown prefix removed). */
  blockText(block: number): string;
}


export function buildModel(text: string, matcher: PhraseMatcher<Tag>, format: TextFormat = 'markdown'): ReportModel {
  const scan = scanBlocks(text, format);
  const { blocks, index } = scan;
  const nb = blocks.length;

  const hints = applyHints(text, blocks);
  const hits = scanHits(text, blocks, matcher);

  const textBlocks: number[] = [];
  for (let b = 0; b < nb; b++) if (TEXT_KINDS.has(blocks[b].kind) && blocks[b].units > 0) textBlocks.push(b);

  // A setext heading's block ends with its underline; its text stops on the line above.
  const blockText = (b: number) => {
    const blk = blocks[b];
    const end = blk.kind === 'heading' && blk.endLine > blk.line ? index.lineEnd(blk.endLine - 1) : blk.end;
    return text.slice(blk.contentStart, end);
  };

  const frame = readFrame(text, blocks, textBlocks, blockText);
  const { titleBlock, salutationBlock, closingBlock, trailing, reflection } = frame;
  const isOther = (b: number) => b === titleBlock || b === salutationBlock || b === closingBlock || b === frame.byline || trailing.has(b) || reflection.has(b);
  const frameBlocks = { titleBlock, closingBlock, trailing, isOther, vows: frame.vows };
  const outline = buildOutline(text, blocks, index, frameBlocks);
  const { sections, blockSection, top } = outline;
  const { blockRole, inlineCauseBlocks } = readRoles({ text, blocks, hits, outline, frame: frameBlocks, textBlocks, blockText });

  let units = 0;
  for (const blk of blocks) units += blk.units;

  const evidenceCache = new Map<number, Evidence>();
  return {
    text,
    index,
    blocks,
    frontMatter: scan.frontMatter,
    directives: scan.directives,
    blockRole,
    inlineCauseBlocks,
    blockSection,
    sections,
    top,
    titleBlock,
    salutationBlock,
    closingBlock,
    hits,
    units,
    evidence(b: number) {
      let e = evidenceCache.get(b);
      if (!e) {
        const blk = blocks[b];
        e = scanEvidence(text, blk.marker ? blk.marker.end : blk.contentStart, blk.end);
        evidenceCache.set(b, e);
      }
      return e;
    },
    blockText,
    hints,
  };
}
