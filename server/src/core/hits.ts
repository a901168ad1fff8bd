/**
 * The scan stage: one pass of the shared automaton (lexicon, topic keywords, signals, facts)
 * over every block of report text, kept as parallel arrays.
 */
import { Block, TEXT_KINDS } from './blocks';
import type { FactKind } from './facts';
import { SignalKind, WE_FOLLOWERS } from './signals';
import type { Template } from './template';
import type { PhraseMatcher } from './phraseMatcher';
import type { LexiconEntry } from './types';

/** What a phrase in the shared automaton stands for. */
export type Tag =
  | { t: 'lex'; entry: LexiconEntry; tpl?: Template }
  | { t: 'topic'; profile: string; topic: number; strong: boolean }
  | { t: 'detect'; profile: string }
  | { t: 'sig'; kind: SignalKind; k: number }
  | { t: 'fact'; kind: FactKind; k: number };

const KINDS = new Map<string, number>();
/** A small number for each signal and fact kind, so the per-hit tallies index arrays, not maps. */
export function kindIndex(kind: string): number {
  let k = KINDS.get(kind);
  if (k === undefined) KINDS.set(kind, (k = KINDS.size));
  return k;
}

export interface Hit {
  start: number;
  end: number;
  tag: Tag;
  block: number;
}

/**
 * Every phrase hit, as parallel arrays: a long draft has tens of thousands of hits (topic
 * keywords of every profile, signals) of which few are ever looked at one by one, and an
 * object per hit was a fifth of the time on 100k-字 drafts, most of it garbage collection.
 */
export class HitList {
  length = 0;
  start: Int32Array;
  end: Int32Array;
  block: Int32Array;
  readonly tag: Tag[] = [];

  /** `expected`: a guess of the count, so that most drafts never grow the arrays. */
  constructor(expected: number) {
    const n = Math.max(16, expected | 0);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.block = new Int32Array(n);
  }

  push(start: number, end: number, tag: Tag, block: number): void {
    const i = this.length;
    if (i === this.start.length) {
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.block = grow(this.block);
    }
    this.start[i] = start;
    this.end[i] = end;
    this.block[i] = block;
    this.tag.push(tag);
    this.length = i + 1;
  }

  /** Hit i as an object, for the few that are kept. */
  at(i: number): Hit {
    return { start: this.start[i], end: this.end[i], tag: this.tag[i], block: this.block[i] };
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const SELF_FORMULA = /管住|管好|要求|约束|提醒|严格$/;

/** Every phrase of the automaton in the report's text blocks, in order of end offset. */
export function scanHits(text: string, blocks: readonly Block[], matcher: PhraseMatcher<Tag>): HitList {
  const hits = new HitList(text.length / 4); // reports run at about one hit per five characters
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    if (!TEXT_KINDS.has(blk.kind)) continue;
    matcher.scan(text, blk.contentStart, blk.end, (start, end, tag) => {
      if (tag.t === 'sig' && tag.kind === 'first-person') {
        const c = text.charCodeAt(start);
        if (c === 0x6211 /* 我 */ && end - start === 1 && WE_FOLLOWERS.includes(text[end] ?? '')) return;
        // 自己 in the integrity formulas (管住自己的嘴, 严格要求自己) is anyone's, not the reporter speaking.
        if (c === 0x81ea /* 自 */ && end - start === 2 && SELF_FORMULA.test(text.slice(Math.max(0, start - 2), start))) return;
      }
      hits.push(start, end, tag, b);
    });
  }
  return hits;
}
