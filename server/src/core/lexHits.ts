/**
 * The lexicon stage: the automaton's raw phrase hits become the phrases a reader would point
 * at. Templates are verified around their anchor, overlaps settled, allowed phrases and phrases
 * inside a document's title dropped, and each phrase's clause read for figures.
 */
import type { Hit } from './hits';
import type { ReportModel } from './model';
import type { LexHit } from './rule';
import { SKIPPABLE, Template } from './template';
import { lowerBound } from './text';
import { scanEvidence } from './evidence';
import type { LexiconEntry, Role } from './types';

const CLAUSE_REACH = 120;
/** 。！？；，!?;, and line breaks end a clause. */
function isClauseEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0xff0c || c === 33 || c === 63 || c === 59 || c === 44 || c === 10 || c === 13;
}

/**
 * Which lexicon hit wins where two overlap. A part's own kind first: an empty measure inside a
 * plans item ("进一步加强学习") is what the reader must hear about, not the adverb two characters
 * earlier; then a template (a whole formula) over a word; then the longer, then the earlier.
 */
function priority(h: Hit, role: Role): number {
  if (h.tag.t !== 'lex') return 0;
  const kind = h.tag.entry.kind;
  let p = 0;
  if ((kind === 'empty-measure' && role === 'plans') || (kind === 'boilerplate-problem' && (role === 'problems' || role === 'causes'))) p += 4;
  if (h.tag.tpl) p += 2;
  return p;
}

/** Resolves overlaps by priority, verifies templates, drops allowed phrases. */
export function resolveLex(raw: Hit[], model: ReportModel, allow: string[]): LexHit[] {
  const text = model.text;
  const cands: Hit[] = [];
  for (const h of raw) {
    if (h.tag.t !== 'lex') continue;
    if (h.tag.tpl) {
      const span = verifyTemplate(text, h.start, h.end, h.tag.tpl, model.blocks[h.block].contentStart, model.blocks[h.block].end);
      if (!span) continue;
      cands.push({ start: span.start, end: span.end, tag: h.tag, block: h.block });
    } else {
      // The entry's leading function word was left out of the automaton (knowledge.ts): take it
      // back when it stands right before the match ("较好地完成", not "好地完成").
      const first = h.tag.entry.phrase.charCodeAt(0);
      if (h.start > 0 && text.charCodeAt(h.start - 1) === first && SKIPPABLE.indexOf(h.tag.entry.phrase[0]) !== -1 && text.charCodeAt(h.start) !== first) cands.push({ start: h.start - 1, end: h.end, tag: h.tag, block: h.block });
      else cands.push(h);
    }
  }
  // Hits come in order of end offset, so most lists are already in start order.
  let sorted = true;
  for (let k = 1; k < cands.length && sorted; k++) if (cands[k].start < cands[k - 1].start || (cands[k].start === cands[k - 1].start && cands[k].end > cands[k - 1].end)) sorted = false;
  if (!sorted) cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  // Clusters of hits that overlap one another are settled on their own; they are a few hits
  // long in real text, and a hostile cluster falls back to leftmost-longest past 64.
  for (let i = 0; i < cands.length; ) {
    let j = i + 1;
    let clusterEnd = cands[i].end;
    while (j < cands.length && cands[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, cands[j++].end);
    if (j === i + 1) {
      // Most phrases overlap nothing: no cluster to settle.
      kept.push(cands[i++]);
      continue;
    }
    const cluster = cands.slice(i, j);
    if (cluster.length > 1 && cluster.length <= 64) {
      const role = model.blockRole[cluster[0].block];
      cluster.sort((a, b) => priority(b, role) - priority(a, role) || b.end - b.start - (a.end - a.start) || a.start - b.start);
    }
    const taken: Hit[] = [];
    if (cluster.length <= 64) {
      for (const h of cluster) if (!taken.some((t) => h.start < t.end && t.start < h.end)) taken.push(h);
      taken.sort((a, b) => a.start - b.start);
    } else {
      // A hostile chain of overlaps: leftmost-longest in one pass (the cluster is in start order).
      let coverEnd = -1;
      for (const h of cluster) {
        if (h.start < coverEnd) continue;
        taken.push(h);
        coverEnd = h.end;
      }
    }
    for (const h of taken) kept.push(h);
    i = j;
  }
  const out: LexHit[] = [];
  // Every 《 of the text, found once by the native search (most drafts have a handful).
  const opens: number[] = [];
  if (kept.length) for (let i = text.indexOf('《'); i !== -1; i = text.indexOf('《', i + 1)) opens.push(i);
  let lastS = -1;
  let lastE = -1;
  let lastConcrete = false;
  for (const h of kept) {
    const entry = (h.tag as { entry: LexiconEntry }).entry;
    // A template is allowed by its own spelling or by the words it matched.
    if (allow.length && allow.some((a) => isInside(text, h.start, entry.phrase, a) || ((h.tag as { tpl?: unknown }).tpl !== undefined && isInside(text, h.start, text.slice(h.start, h.end), a)))) continue;
    const blk = model.blocks[h.block];
    // Only where a 《 stands before the phrase in its block can the phrase be inside a title.
    if (opens.length && hasOpenBetween(opens, blk.contentStart, h.start) && insideTitle(text, h.start, blk.contentStart)) continue;
    const from = blk.marker && blk.marker.end <= h.start ? blk.marker.end : blk.contentStart; // "1." is not a figure
    // The phrase's clause, but at most CLAUSE_REACH either side: a "clause" of thousands of
    // characters without a stop is not one, and reading it whole for every phrase in it made
    // such drafts quadratic.
    let s = h.start;
    const sLimit = Math.max(from, h.start - CLAUSE_REACH);
    while (s > sLimit && !isClauseEnd(text.charCodeAt(s - 1))) s--;
    let e = h.end;
    const eLimit = Math.min(blk.end, h.end + CLAUSE_REACH);
    while (e < eLimit && !isClauseEnd(text.charCodeAt(e))) e++;
    // Phrases of one clause share its reading: a formula-heavy clause has several.
    if (s !== lastS || e !== lastE) {
      const ev = scanEvidence(text, s, e);
      lastConcrete = ev.figure || ev.name;
      lastS = s;
      lastE = e;
    }
    // Listed fields, not a spread: a spread per hit showed up in profiles of long drafts.
    out.push({ start: h.start, end: h.end, tag: h.tag, block: h.block, entry, concrete: lastConcrete });
  }
  return out;
}

/** Whether a 《 stands in [from, to): a binary search over the offsets of all of them. */
function hasOpenBetween(opens: readonly number[], from: number, to: number): boolean {
  const k = lowerBound(opens, from);
  return k < opens.length && opens[k] < to;
}

/** A phrase inside a document's title (学习《关于切实加强…的意见》) is the document's wording, not the writer's. */
function insideTitle(text: string, at: number, from: number): boolean {
  for (let i = at - 1; i >= from && at - i <= 60; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x300b /* 》 */ || c === 10 || c === 13) return false;
    if (c === 0x300a /* 《 */) return true;
  }
  return false;
}

/** A slot never crosses these: 。！？；，： and line breaks. */
function isSlotStop(c: number): boolean {
  return isClauseEnd(c) || c === 0xff1a || c === 58;
}

/**
 * Where a fixed part matches at `at`, stepping over inserted function words as the automaton
 * does; the end offset, or -1. Never reads past `limit`.
 */
function matchPart(text: string, at: number, part: string, limit: number): number {
  let i = at;
  let k = 0;
  while (k < part.length) {
    if (i >= limit) return -1;
    const c = text.charCodeAt(i);
    if (c === part.charCodeAt(k)) {
      i++;
      k++;
    } else if (k > 0 && SKIPPABLE.indexOf(text[i]) !== -1) i++;
    else return -1;
  }
  return i;
}

/**
 * The span of a template around its anchor hit: each part before it ends within `gap`
 * characters of the next (the nearest such part), each part after it starts within `gap`,
 * and no slot crosses a clause stop. Bounded by gap × part length per part.
 */
function verifyTemplate(text: string, start: number, end: number, tpl: Template, blockStart: number, blockEnd: number): { start: number; end: number } | undefined {
  let left = start;
  for (let k = tpl.anchor - 1; k >= 0; k--) {
    const part = tpl.segments[k];
    let found = -1;
    // Walk left from the slot's nearest end; a stop ends the search.
    for (let p = left - 1; p >= blockStart && left - p <= tpl.gap + part.length * 2; p--) {
      if (isSlotStop(text.charCodeAt(p))) break;
      if (text.charCodeAt(p) !== part.charCodeAt(0)) continue;
      const e = matchPart(text, p, part, left - 1);
      if (e !== -1 && left - e >= 1 && left - e <= tpl.gap) {
        found = p;
        break;
      }
    }
    if (found === -1) return undefined;
    left = found;
  }
  let right = end;
  for (let k = tpl.anchor + 1; k < tpl.segments.length; k++) {
    const part = tpl.segments[k];
    let found = -1;
    for (let p = right + 1; p < blockEnd && p - right <= tpl.gap; p++) {
      if (isSlotStop(text.charCodeAt(p - 1))) break;
      if (text.charCodeAt(p) !== part.charCodeAt(0)) continue;
      const e = matchPart(text, p, part, blockEnd);
      if (e !== -1) {
        found = e;
        break;
      }
    }
    if (found === -1) return undefined;
    right = found;
  }
  return { start: left, end: right };
}

/** Whether the phrase at `at` stands inside an occurrence of the allowed phrase `allowed`. */
function isInside(text: string, at: number, phrase: string, allowed: string): boolean {
  let i = allowed.indexOf(phrase);
  while (i !== -1) {
    if (at - i >= 0 && text.startsWith(allowed, at - i)) return true;
    i = allowed.indexOf(phrase, i + 1);
  }
  return false;
}
