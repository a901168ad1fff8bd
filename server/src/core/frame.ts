/**
 * The frame stage: what stands around the parts of a report and is not one of them: the title,
 * the salutation (各位领导、同志们：), the closing formula (以上述职，请予评议。), the signature,
 * and a reflection or vow between the last part and the closing.
 */
import type { Block } from './blocks';
import { CLOSING, isSignOff, PLEDGE, REFLECTION_LEAD, rolesFromTitle, SALUTATION_WORDS } from './signals';

export interface Frame {
  titleBlock: number;
  salutationBlock: number;
  closingBlock: number;
  /** Signature lines after the closing, or at the end with no closing. */
  trailing: Set<number>;
  /** "总之，……" before the closing: the closing's, not a part's. */
  reflection: Set<number>;
  /** "今后，我将以更加……": the closing's or the plans', decided once roles are known. */
  vows: number[];
  /** The author's post and name set as a heading under the title ("## 青石镇党委书记　周文斌"). */
  byline: number;
}

/** Words of a part heading, not of a post and a name ("做合格党员　当先锋", "当好人民代表　服务选民"). */
const WORK_WORDS = /^(?:当好|当|做好|做|争当|争做|坚持|履行|发挥|强化|提升|服务)|服务|履职|先锋|工作/;
/** A post, then the name after a space: a byline, not a part of the outline. */
const BYLINE = /(?:书记|主任|局长|代表|委员|部长|科长|镇长|乡长|村长|所长|站长|馆长|院长|校长|处长|主席|干部|党员)[^，。；：:]{0,12}[ \t\u3000]+[\u4e00-\u9fff·]{2,5}$/;

export function readFrame(text: string, blocks: readonly Block[], textBlocks: readonly number[], blockText: (b: number) => string): Frame {
  const nb = blocks.length;
  // Title: a level-1 heading, or a short first line that names the genre.
  let titleBlock = -1;
  if (textBlocks.length) {
    const b0 = textBlocks[0];
    const blk = blocks[b0];
    const t = blockText(b0).trim();
    const looksLikeTitle =
      (blk.kind === 'heading' && (blk.headingLevel === 1 || /述职|报告|总结|汇报/.test(t))) ||
      (blk.kind === 'paragraph' && !blk.marker && blk.units <= 50 && blk.line === blk.endLine && !/[。：:！？；，,]$/.test(t));
    if (looksLikeTitle) titleBlock = b0;
  }

  // Salutation: 各位领导、同志们：
  let salutationBlock = -1;
  for (let k = 0; k < Math.min(4, textBlocks.length); k++) {
    const b = textBlocks[k];
    if (b === titleBlock) continue;
    const t = blockText(b).trim();
    if (blocks[b].units <= 40 && /[：:]$/.test(t) && SALUTATION_WORDS.test(t) && !blocks[b].marker) {
      salutationBlock = b;
      break;
    }
    if (blocks[b].units > 40) break;
  }

  // A heading between the title and the salutation (or the first text) that only names the
  // author ("青石镇党委书记　周文斌", as a Word subtitle converts) opens no part.
  let byline = -1;
  for (let k = 0; k < Math.min(3, textBlocks.length); k++) {
    const b = textBlocks[k];
    if (b === titleBlock) continue;
    if (b === salutationBlock || blocks[b].kind !== 'heading') break;
    const t = blockText(b).trim();
    // Only with the salutation next: a part heading such as "当好人民代表　服务选民" has text under it.
    const next = textBlocks[k + 1];
    if (next === salutationBlock && !blocks[b].marker && blocks[b].units <= 30 && BYLINE.test(t) && !WORK_WORDS.test(t) && !rolesFromTitle(t).some((r) => r !== 'other')) byline = b;
    break;
  }

  // Closing and sign-off at the end.
  let closingBlock = -1;
  const trailing = new Set<number>();
  for (let k = textBlocks.length - 1; k >= 0 && k >= textBlocks.length - 6; k--) {
    const b = textBlocks[k];
    if (b === titleBlock || b === salutationBlock) break;
    const t = blockText(b).trim();
    if (blocks[b].units <= 120 && CLOSING.test(t) && blocks[b].kind !== 'heading') {
      closingBlock = b;
      for (let j = k + 1; j < textBlocks.length; j++) if (blocks[textBlocks[j]].units <= 40) trailing.add(textBlocks[j]);
      break;
    }
    if (blocks[b].units <= 30 && isSignOff(t) && !blocks[b].marker) {
      trailing.add(b);
      continue;
    }
    // A name or unit line just above a signature date ("庞某某" then "2025年1月9日").
    const below = textBlocks[k + 1];
    if (below !== undefined && trailing.has(below) && blocks[b].units <= 20 && !blocks[b].marker && blocks[b].kind === 'paragraph' && !/[。，；！？：:,;!?]/.test(t)) {
      trailing.add(b);
      continue;
    }
    if (blocks[b].units > 30) break;
  }

  // A reflection or vow after the last part and before the closing ("总之，……", "新的一年，我将以
  // 更加……的热情……"): it closes the report; read as a plan it would stand in for a missing one.
  // A vow with no summary lead ("今后，我将以更加饱满的热情……") is decided once roles are known:
  // it is the closing only after measures of its own part (else it is that part's empty measure).
  const reflection = new Set<number>();
  const vows: number[] = [];
  {
    let k = textBlocks.length;
    const firstEnd = closingBlock !== -1 ? closingBlock : Math.min(nb, ...trailing);
    while (k > 0 && textBlocks[k - 1] >= firstEnd) k--;
    for (let n = 0; n < 2 && k > 1; n++) {
      const b = textBlocks[--k];
      const blk = blocks[b];
      if (b === titleBlock || b === salutationBlock || blk.kind !== 'paragraph' || blk.marker || blk.units > 200) break;
      const t = blockText(b);
      const summary = REFLECTION_LEAD.test(t);
      if (!summary && !(PLEDGE.test(t) && !/[0-9０-９]/.test(t))) break;
      // The only paragraph under a heading is that part's own text, not a closing.
      const pb = textBlocks[k - 1];
      const prev = blocks[pb];
      if (prev.kind === 'heading' || isLabelLine(text, prev) || (prev.marker !== undefined && prev.line === prev.endLine && prev.units <= 20 && !/[。；]/.test(blockText(pb)))) break;
      if (summary) reflection.add(b);
      else vows.push(b);
    }
  }
  return { titleBlock, salutationBlock, closingBlock, trailing, reflection, vows, byline };
}

/**
 * "存在的问题：", "**下一步打算**": a short unnumbered line that names a part of the outline
 * and introduces what follows. Only role words make it a label, so "具体如下：" is not one.
 */
export function isLabelLine(text: string, blk: Block): boolean {
  // Length in characters too: a line whose words are mostly an outline instruction has few 字.
  if (blk.line !== blk.endLine || blk.units > 16 || blk.end - blk.contentStart > 24) return false;
  const t = text.slice(blk.contentStart, blk.end).trim();
  const bold = /^\*\*[^*]+\*\*[：:]?$/.test(t);
  if (!bold && !/[：:]$/.test(t)) return false;
  const words = t.replace(/[*：:\s]/g, '');
  return rolesFromTitle(words).some((r) => r !== 'other');
}
