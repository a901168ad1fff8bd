import type { ReportModel } from './model';
import { chineseNumberValue, circledValue, sliceWhole } from './text';
import { firstHintAfter } from './unfilled';
import type { OutlineRole } from './types';

/**
 * The item layer: a reviewer reads a problems or measures part item by item, each 一是…, （一）,
 * 1., ① or 第一， item on its own, even when several share one paragraph (SPEC "What a report
 * looks like"). Rules judge items, not paragraphs, so one concrete measure no longer excuses
 * its siblings, and a finding lands on the item the writer must change.
 */
export interface Item {
  role: OutlineRole;
  /** First and last block the item spans. */
  block: number;
  lastBlock: number;
  /** Offsets of the item's text, its enumerator or marker included. */
  start: number;
  end: number;
  /** Where the words start, after the enumerator or marker. */
  bodyStart: number;
  /** End of the item's first sentence: where a finding on the item is anchored. */
  headEnd: number;
  /** Mostly a snippet's instruction (写明……): judged by unfilled alone. */
  unfilled?: boolean;
}

const CN_NUM = '一二三四五六七八九十';
const STOPS = '。；;！？!?：:\n\r';

// Per-code-unit classes: inlineEnumerators looks at every character of every item part.
const OPENS_AFTER = new Uint8Array(0x10000); // a clause stop or a space: an enumerator may follow
for (const ch of STOPS + '，,　 *') OPENS_AFTER[ch.charCodeAt(0)] = 1; // ** before a bold 二是
const MAY_START = new Uint8Array(0x10000); // what an enumerator can start with
for (const ch of CN_NUM + '第（(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳') MAY_START[ch.charCodeAt(0)] = 1;

interface Enum {
  kind: string;
  value: number;
  start: number;
  end: number;
}

/**
 * Enumerators written inside running text: 一是, 第一，/第一是, ①, （一）, (1), 1. or 1、 after a
 * stop or at the start. Only runs that count up from their first member (1, 2, 3 …) are kept,
 * so "三是" in "这三是不够的" or a lone "1." inside a sentence splits nothing.
 */
export function inlineEnumerators(text: string, from: number, to: number): Enum[] {
  const found: Enum[] = [];
  for (let i = from; i < to; i++) {
    if (MAY_START[text.charCodeAt(i)] === 0) continue;
    if (i !== from && OPENS_AFTER[text.charCodeAt(i - 1)] === 0) continue;
    const e = enumeratorAt(text, i, to);
    if (e) {
      found.push(e);
      i = e.end - 1;
    }
  }
  if (found.length < 2) return [];
  // The longest run of one kind counting up from 1: "一是…二是…三是" inside one paragraph.
  const runs = new Map<string, { best: Enum[]; cur: Enum[] }>();
  for (const e of found) {
    let r = runs.get(e.kind);
    if (!r) runs.set(e.kind, (r = { best: [], cur: [] }));
    if (e.value === 1) r.cur = [e];
    else if (r.cur.length && e.value === r.cur[r.cur.length - 1].value + 1) r.cur.push(e);
    else continue;
    if (r.cur.length > r.best.length) r.best = r.cur;
  }
  let best: Enum[] = [];
  for (const r of runs.values()) if (r.best.length > best.length || (r.best.length === best.length && best.length && r.best[0].start < best[0].start)) best = r.best;
  return best.length >= 2 ? best : [];
}

function enumeratorAt(text: string, i: number, to: number): Enum | undefined {
  const c = text[i];
  const n = text[i + 1];
  if (CN_NUM.includes(c)) {
    // 一是 / 十二是
    let j = i;
    while (j < to && CN_NUM.includes(text[j]) && j - i < 3) j++;
    // "一是一，二是二" is an idiom, not an enumeration.
    if (text[j] === '是' && text.slice(i, j) !== text.slice(j + 1, j + 1 + (j - i))) {
      const v = chineseNumberValue(text.slice(i, j));
      if (v) return { kind: 'shi', value: v, start: i, end: j + 1 };
    }
    return undefined;
  }
  if (c === '第' && n && CN_NUM.includes(n)) {
    let j = i + 1;
    while (j < to && CN_NUM.includes(text[j]) && j - i < 4) j++;
    const sep = text[j];
    if (sep === '，' || sep === ',' || sep === '、' || sep === '是') {
      const v = chineseNumberValue(text.slice(i + 1, j));
      if (v) return { kind: 'di', value: v, start: i, end: j + 1 };
    }
    return undefined;
  }
  const circled = circledValue(c);
  if (circled) return { kind: 'circled', value: circled, start: i, end: i + 1 };
  if (c === '（' || c === '(') {
    let j = i + 1;
    while (j < to && j - i < 4 && text[j] !== '）' && text[j] !== ')') j++;
    if (text[j] !== '）' && text[j] !== ')') return undefined;
    const inner = text.slice(i + 1, j);
    const v = /^\d{1,2}$/.test(inner) ? Number(inner) : chineseNumberValue(inner);
    if (v) return { kind: /^\d/.test(inner) ? 'paren-arabic' : 'paren-cn', value: v, start: i, end: j + 1 };
    return undefined;
  }
  if (c >= '0' && c <= '9') {
    let j = i;
    while (j < to && text[j] >= '0' && text[j] <= '9' && j - i < 2) j++;
    const sep = text[j];
    // "1.2万" is a number, "1.2025年3月" is item 1: only a following digit run of 4+ is a year.
    if ((sep === '.' || sep === '、' || sep === '．') && !(text[j + 1] >= '0' && text[j + 1] <= '9' && !isYearAfter(text, j + 1))) {
      return { kind: 'arabic', value: Number(text.slice(i, j)), start: i, end: j + 1 };
    }
  }
  return undefined;
}

function isYearAfter(text: string, at: number): boolean {
  return /^(?:19|20)\d\d年/.test(text.slice(at, at + 5));
}

/** The item's first sentence as a message quotes it: at most `max` characters, … where cut. */
export function itemHead(text: string, item: Item, max = 24): string {
  let end = item.headEnd;
  while (end > item.bodyStart && /[。；;，,：:\s　]/.test(text[end - 1])) end--;
  return end - item.bodyStart > max ? sliceWhole(text, item.bodyStart, item.bodyStart + max) + '…' : text.slice(item.bodyStart, end);
}

/** A lead-in before the items: "主要存在以下问题：", "下一步，我将重点做好以下工作：". */
export function isLeadIn(text: string, start: number, end: number): boolean {
  let e = end;
  while (e > start && isTrailing(text.charCodeAt(e - 1))) e--;
  const last = text[e - 1];
  if (e - start > 80) return false;
  if (last === '：' || last === ':') return true;
  // "对照年初的任务清单，我查摆出三个问题。" announces the items without being one.
  return last === '。' && /(?:以下|如下|几个方面|几点)(?:的?问题|不足|工作|措施)?。$|问题既有|查摆出[^。]*(?:问题|不足)|主要有[^。]{0,8}(?:问题|不足|方面)/.test(text.slice(start, e));
}

/** White space, the ideographic space and bold markers that end a paragraph's text. */
function isTrailing(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 42 || c === 0xa0;
}

/** End of the first sentence from `start` (。；！？ or the line end), at most `cap` on. */
function sentenceEnd(text: string, start: number, end: number, cap = 80): number {
  const limit = Math.min(end, start + cap);
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c === 0x3002 || c === 0xff1b || c === 59 || c === 0xff01 || c === 0xff1f) return i + 1;
  }
  return limit;
}

// Achievements are judged by the paragraph (no-evidence): only the parts read item by item.
const ITEM_ROLES = new Set(['problems', 'causes', 'plans']);

/** Splits the parts of the report into items, in document order. */
export function buildItems(model: ReportModel, bodyBlocks: readonly number[]): Item[] {
  const { blocks, text, sections, blockSection, blockRole } = model;
  const items: Item[] = [];
  const topBlocks = new Set(model.top.map((si) => sections[si].block));
  const push = (role: OutlineRole, b0: number, b1: number, start: number, bodyStart: number, end: number) => {
    // "**二是**进一步……": the words start after the bold markers and spaces.
    while (bodyStart < end && (text.charCodeAt(bodyStart) === 42 || text.charCodeAt(bodyStart) === 32 || text.charCodeAt(bodyStart) === 0x3000)) bodyStart++;
    let e = end;
    while (e > bodyStart && isTrailing(text.charCodeAt(e - 1)) && text.charCodeAt(e - 1) !== 42) e--;
    if (e <= bodyStart) return;
    const item: Item = { role, block: b0, lastBlock: b1, start, end: e, bodyStart, headEnd: sentenceEnd(text, bodyStart, e) };
    let hinted = 0;
    const hints = model.hints;
    // The first hint that ends after the item starts, then walk while inside.
    for (let k = firstHintAfter(hints, bodyStart); k < hints.length && hints[k].start < e; k++) hinted += Math.min(hints[k].end, e) - Math.max(hints[k].start, bodyStart);
    if (hinted * 2 >= e - bodyStart) item.unfilled = true;
    items.push(item);
  };

  /** One stretch of text (a paragraph, or a leaf part's text) into items. */
  const split = (role: OutlineRole, b0: number, b1: number, start: number, bodyStart: number, end: number, leaf: boolean) => {
    // A bold line on its own ("**参加组织生活情况**") is a heading in disguise.
    if (!leaf && end - bodyStart <= 60 && /^\*\*[^*\n]{1,40}\*\*[：:]?\s*$/.test(text.slice(bodyStart, end).trim())) return;
    const enums = inlineEnumerators(text, start, end);
    if (enums.length === 0) {
      // A numbered item is an item, whatever it says ("二是在几个方面还存在畏难情绪。").
      if (start < bodyStart || !isLeadIn(text, bodyStart, end)) push(role, b0, b1, start, bodyStart, end);
      return;
    }
    // The text before the first enumerator is a lead-in or the part's own title, unless it is
    // a paragraph of its own that says something.
    const head = enums[0].start;
    if (head > bodyStart && !leaf && !isLeadIn(text, bodyStart, head) && head - bodyStart > 40) push(role, b0, b0, start, bodyStart, head);
    for (let k = 0; k < enums.length; k++) {
      const e = enums[k];
      const stop = k + 1 < enums.length ? enums[k + 1].start : end;
      push(role, blockAt(model, e.start, b0, b1), blockAt(model, stop - 1, b0, b1), e.start, e.end, stop);
    }
  };

  const body = new Set(bodyBlocks);
  const done = new Set<number>();
  let afterPartHead = false;
  for (let bi = 0; bi < bodyBlocks.length; bi++) {
    const b = bodyBlocks[bi];
    const wasAfterHead = afterPartHead;
    afterPartHead = false;
    if (done.has(b)) continue;
    const role = blockRole[b];
    if (!ITEM_ROLES.has(role)) continue;
    const blk = blocks[b];
    const si = blockSection[b];
    const sec = si !== -1 ? sections[si] : undefined;
    // A part's own heading is not an item.
    if (topBlocks.has(b) || (sec && sec.block === b && sec.children.length > 0)) {
      if (blk.kind === 'heading' || sec?.isLabel || (blk.marker && blk.end - blk.marker.end <= 24)) {
        afterPartHead = true;
        continue;
      }
      // The part's heading line with its text pasted under it, no blank line between ("四、今后努力方向"
      // then "针对以上问题，我将……："): the heading is no item; the lines under it are read as text.
      if (blk.marker && blk.endLine > blk.line && model.index.lineEnd(blk.line) - blk.marker.end <= 24) {
        const next = model.index.starts[blk.line + 1];
        split(role as OutlineRole, b, b, next, next, blk.end, false);
        afterPartHead = true;
        continue;
      }
    }
    if (sec && sec.block === b && sec.children.length === 0 && !topBlocks.has(b)) {
      // A leaf part: its heading or marker line and the paragraphs under it are one item,
      // unless they enumerate items inline.
      let last = b;
      for (let k = b + 1; k <= sec.lastBlock; k++) if (body.has(k) && blockRole[k] === role && blockSection[k] === si) last = k;
      for (let k = b; k <= last; k++) done.add(k);
      const start = blk.marker ? blk.marker.start : blk.contentStart;
      const bodyStart = blk.marker ? blk.marker.end : blk.contentStart;
      split(role as OutlineRole, b, last, start, bodyStart, blocks[last].end, true);
      continue;
    }
    if (blk.kind === 'heading' || blk.kind === 'table') continue;
    // The unnumbered paragraph that opens a part whose items are numbered is its preamble
    // ("2025年，我将带领班子重点抓好以下几件事"), not an item.
    const next = bodyBlocks[bi + 1];
    if (wasAfterHead && !blk.marker && next !== undefined && blockRole[next] === role && blocks[next].marker && blockSection[next] !== -1 && sections[blockSection[next]].block === next) continue;
    const start = blk.marker ? blk.marker.start : blk.contentStart;
    const bodyStart = blk.marker ? blk.marker.end : blk.contentStart;
    split(role as OutlineRole, b, b, start, bodyStart, blk.end, false);
  }
  return items;
}

/** The last block of b0..b1 that starts at or before offset (a binary search: a leaf part may hold thousands). */
function blockAt(model: ReportModel, offset: number, b0: number, b1: number): number {
  let lo = b0;
  let hi = b1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (model.blocks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
