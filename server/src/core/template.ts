import type { LexiconEntry } from './types';

/**
 * Function words a writer drops into a set phrase without changing it: 理论学习还不够系统,
 * 工作方法比较简单, 得到了…的充分肯定. A phrase match may step over them (PhraseMatcher).
 */
export const SKIPPABLE = '还仍都了的也很较比得尚更';

/** A slot in a lexicon phrase: 在…的坚强领导下 holds any words in place of the dots. */
export const SLOT = /…+|\.{3,}/;

export interface Template {
  /** The fixed parts, in order; a slot of 1 to `gap` characters stands between two of them. */
  segments: string[];
  /** The longest segment: the one the automaton finds; the others are verified around it. */
  anchor: number;
  gap: number;
}

/** The fixed parts of a phrase with slots, or undefined for a plain phrase. */
export function compileTemplate(entry: LexiconEntry): Template | undefined {
  if (!SLOT.test(entry.phrase)) return undefined;
  // A part never starts with a function word: the slot before it takes the word, and the
  // automaton steps over such words mid-match, so an anchor starting with one would be missed.
  const segments = entry.phrase.split(SLOT).map((x, i) => {
    let t = x.trim();
    while (i > 0 && t.length > 1 && SKIPPABLE.includes(t[0])) t = t.slice(1);
    return t;
  });
  // A slot at either end adds nothing a match could check.
  while (segments.length && segments[0] === '') segments.shift();
  while (segments.length && segments[segments.length - 1] === '') segments.pop();
  if (segments.length === 0 || segments.some((x) => x === '')) return undefined;
  let anchor = 0;
  segments.forEach((x, i) => {
    if (x.length > segments[anchor].length) anchor = i;
  });
  const gap = typeof entry.gap === 'number' && entry.gap >= 1 ? Math.min(60, Math.floor(entry.gap)) : 24;
  return { segments, anchor, gap };
}
