/**
 * Unfinished text: the instructions our outline snippets and quick fixes insert ("写明具体问题：
 * 哪项工作、哪件事……", "针对问题一，写明整改内容、责任人和完成时限") and the placeholders of a
 * template ("X月底前", "XX次"). They are not the writer's words: they count no 字, cover no
 * required topic, make no measure concrete, and each is reported as 待填写.
 */
import { Block, TEXT_KINDS } from './blocks';
import { countUnits } from './text';


export interface Span {
  start: number;
  end: number;
}

/** Where an instruction may open a clause: nothing, or the structure the writer keeps. */
const LEAD = /^[-+>#*]*(?:(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]?|主观上[，,：:]?|客观上[，,：:]?|针对问题[一二三四五六七八九十\d]+[，,：:]?|[（(]?[一二三四五六七八九十\d]+[)）、.．]?)[*]*){0,3}$/;
/** Where the sentence that may hold an instruction begins: an instruction opens its sentence. */
const HEAD_STOP = '。；;！？!?：:\n\r';
const SENTENCE_STOP = '。；;！？!?\n\r';

/**
 * The instruction spans in text[from, to): a clause that opens with 写明 (not 写明了, which
 * reports a deed), 逐项写明/逐条写明/逐项列出/逐条列出/逐条对照, or 对照…逐项写明, running to
 * the end of its sentence; and a snippet's own slot names such as 重点工作一.
 */
export function hintSpans(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf('写明', from); i !== -1 && i + 2 <= to; i = text.indexOf('写明', i + 2)) {
    if (text[i + 2] === '了' || (out.length && i < out[out.length - 1].end)) continue;
    // The sentence start before it, at most 40 characters back: "……发放连心卡，写明包联干部姓名"
    // reports a deed; only a numbering lead may stand before an instruction.
    let s = i;
    while (s > from && i - s < 40 && !HEAD_STOP.includes(text[s - 1])) s--;
    let head = text.slice(s, i);
    let start = i;
    const m = /(逐[项条](?:对照[^，。；]{0,30}，)?|对照[^，。；]{0,30}，逐[项条])$/.exec(head);
    if (m) {
      start = i - m[0].length;
      head = head.slice(0, head.length - m[0].length);
    }
    if (!LEAD.test(head.replace(/[\s　*]/g, ''))) continue;
    let e = i + 2;
    while (e < to && !SENTENCE_STOP.includes(text[e])) e++;
    out.push({ start, end: e });
  }
  // 逐项列出… without 写明 in the same clause; the spans above are in order, so one cursor.
  const found = out.length;
  let k = 0;
  let listed = -1; // end of the last 列出 span: one inside it is already covered (and rescanning it was quadratic)
  for (let i = text.indexOf('列出', from); i !== -1 && i + 2 <= to; i = text.indexOf('列出', i + 2)) {
    if (i < listed || i - 2 < from || !/逐[项条]/.test(text.slice(i - 2, i))) continue;
    // As for 写明: only a numbering lead may stand before it in its sentence.
    let hs = i - 2;
    while (hs > from && i - 2 - hs < 40 && !HEAD_STOP.includes(text[hs - 1])) hs--;
    if (!LEAD.test(text.slice(hs, i - 2).replace(/[\s　*]/g, ''))) continue;
    while (k < found && out[k].end <= i) k++;
    if (k < found && out[k].start <= i) continue;
    let e = i + 2;
    while (e < to && !SENTENCE_STOP.includes(text[e])) e++;
    out.push({ start: i - 2, end: e });
    listed = e;
  }
  // A slot left as dots: "一是……", "……" alone in its clause.
  for (let i = text.indexOf('……', from); i !== -1 && i + 2 <= to; ) {
    let e = i;
    while (e < to && (text[e] === '…' || text[e] === '.')) e++;
    let s = i;
    while (s > from && i - s < 12 && !HEAD_STOP.includes(text[s - 1]) && text[s - 1] !== '，') s--;
    let after = e;
    while (after < to && (text[after] === ' ' || text[after] === '　' || text[after] === '*')) after++;
    const endsClause = after >= to || '。；;，,！？!?\n\r'.includes(text[after]);
    if (endsClause && LEAD.test(text.slice(s, i).replace(/[\s　*]/g, ''))) out.push({ start: i, end: e });
    i = text.indexOf('……', e);
  }
  // A snippet's slot names left as they were.
  for (let i = text.indexOf('重点工作', from); i !== -1 && i + 5 <= to; i = text.indexOf('重点工作', i + 4)) {
    if ('一二三四五六七八九十'.includes(text[i + 4]) && (i + 5 === to || /[\s　*#。]/.test(text[i + 5]))) out.push({ start: i, end: i + 5 });
  }
  // In order and apart: an instruction may hold another (逐项列出……，写明……), and a 字 must
  // not be taken off twice.
  out.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const sp of out) {
    const last = merged[merged.length - 1];
    if (last && sp.start < last.end) last.end = Math.max(last.end, sp.end);
    else merged.push({ ...sp });
  }
  return merged;
}

const PLACEHOLDER = /(?:19|20)[xX×Ｘｘ]{2}|[xX×Ｘｘ]{1,3}[次名人个项场期篇件户家条万元天份位批处组座%％月日年节起]|_{3,}/g;

/** Template placeholders in text[from, to): 20XX, X月, XX次, XX%, ____. */
export function placeholderSpans(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const slice = text.slice(from, to);
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(slice); m; m = PLACEHOLDER.exec(slice)) {
    // Not a letter inside a word (Excel, box).
    const before = slice.charCodeAt(m.index - 1);
    if ((before >= 65 && before <= 90) || (before >= 97 && before <= 122)) continue;
    out.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}

/**
 * The instructions in every block of report text, each marked with its block; their 字 are taken
 * off the block's count (one pass over the text, then handed to the blocks in order).
 */
export function applyHints(text: string, blocks: Block[]): (Span & { block: number })[] {
  const hints: (Span & { block: number })[] = [];
  {
    const all = hintSpans(text, 0, text.length);
    let k = 0;
    for (let b = 0; b < blocks.length && k < all.length; b++) {
      const blk = blocks[b];
      while (k < all.length && all[k].end <= blk.contentStart) k++;
      if (!TEXT_KINDS.has(blk.kind)) continue;
      for (; k < all.length && all[k].start < blk.end; k++) {
        const sp = { start: Math.max(all[k].start, blk.contentStart), end: Math.min(all[k].end, blk.end), block: b };
        if (sp.end <= sp.start) continue;
        hints.push(sp);
        blk.units = Math.max(0, blk.units - countUnits(text, sp.start, sp.end));
      }
    }
  }
  return hints;
}

/** Index of the first hint that ends after `pos` (hints are in order and apart). */
export function firstHintAfter(hints: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = hints.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hints[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
