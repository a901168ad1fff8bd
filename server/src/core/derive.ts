/**
 * The derived-facts stage: one walk over the automaton's hits gives signal counts, phrase
 * positions by kind (for clause facts inside one item), topic coverage and lexicon hits; then
 * the items of every part. Rules read these and never scan the text again.
 */
import { buildItems } from './items';
import type { Knowledge } from './knowledge';
import { resolveLex } from './lexHits';
import { kindIndex, type Hit } from './hits';
import type { ReportModel } from './model';
import type { Derived } from './rule';
import { lowerBound } from './text';
import { firstHintAfter } from './unfilled';
import type { OutlineRole, Profile, Role } from './types';

export function derive(model: ReportModel, knowledge: Knowledge, profile: Profile): Derived {
  const { blocks, blockRole, text } = model;
  const unitsByRole: Record<Role, number> = { achievements: 0, problems: 0, causes: 0, plans: 0, other: 0 };
  const rolesPresent = new Set<OutlineRole>();
  const excluded = new Set<number>([model.titleBlock, model.salutationBlock]);
  let afterClosing = false;
  const bodyBlocks: number[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    unitsByRole[blockRole[b]] += blk.units;
    if (b === model.closingBlock) afterClosing = true;
    if (blk.units === 0 || blk.kind === 'code' || blk.kind === 'comment' || blk.kind === 'break') continue;
    if (afterClosing || excluded.has(b)) continue;
    bodyBlocks.push(b);
    const r = blockRole[b];
    if (r !== 'other' && (blk.kind !== 'heading' || blk.units >= 20)) rolesPresent.add(r);
  }

  const sectionOfRole: Partial<Record<OutlineRole, number>> = {};
  for (const si of model.top) {
    const r = model.sections[si].role;
    if (r !== 'other' && sectionOfRole[r] === undefined) sectionOfRole[r] = si;
  }
  for (const s of model.sections) {
    if (s.role !== 'other' && sectionOfRole[s.role] === undefined) sectionOfRole[s.role] = s.index;
  }

  // Start offsets of every signal and fact phrase by kind (kindIndex), for counts inside one
  // item or block.
  const starts: number[][] = [];
  const lexRaw: Hit[] = [];
  const inBodyFlag = new Uint8Array(blocks.length);
  for (const b of bodyBlocks) inBodyFlag[b] = 1;
  const inBody = { has: (b: number) => inBodyFlag[b] === 1 };
  // A snippet's instructions name every topic ("写明……走访服务群众……"); they cover none.
  const hintList = model.hints;
  const inHint = (pos: number) => {
    if (hintList.length === 0) return false;
    const k = firstHintAfter(hintList, pos);
    return k < hintList.length && hintList[k].start <= pos;
  };
  // Topic coverage of the active profile, filled in the same walk over the hits.
  const topics = profile.topics.map(() => ({ covered: false, hit: undefined as Hit | undefined, matched: undefined as string | undefined, related: new Set<string>() }));
  const hits = model.hits;
  for (let i = 0; i < hits.length; i++) {
    const tag = hits.tag[i];
    const block = hits.block[i];
    if (tag.t === 'sig' || tag.t === 'fact') {
      const list = starts[tag.k];
      if (list) list.push(hits.start[i]);
      else starts[tag.k] = [hits.start[i]];
      continue;
    }
    if (tag.t === 'lex') {
      if (inBody.has(block) && !inHint(hits.start[i])) lexRaw.push(hits.at(i));
      continue;
    }
    if (tag.t !== 'topic' || tag.profile !== profile.id || !inBody.has(block) || inHint(hits.start[i])) continue;
    const t = topics[tag.topic];
    if (!t || t.covered) continue;
    const phrase = text.slice(hits.start[i], hits.end[i]);
    if (tag.strong) {
      t.covered = true;
      t.hit = hits.at(i);
      t.matched = phrase;
    } else {
      t.related.add(phrase);
      if (!t.hit) t.hit = hits.at(i);
      if (t.related.size >= 2) {
        t.covered = true;
        t.matched = [...t.related].join('、');
      }
    }
  }

  const lex = resolveLex(lexRaw, model, knowledge.allow);
  // Hits arrive by end offset, so starts are in order but where a longer phrase ends later.
  for (const list of starts) {
    if (!list) continue;
    for (let k = 1; k < list.length; k++) {
      if (list[k] < list[k - 1]) {
        list.sort((a, b) => a - b);
        break;
      }
    }
  }
  const countIn = (kind: string, start: number, end: number) => {
    const list = starts[kindIndex(kind)];
    return list ? lowerBound(list, end) - lowerBound(list, start) : 0;
  };
  const firstIn = (kind: string, start: number, end: number) => {
    const list = starts[kindIndex(kind)];
    if (!list) return -1;
    const k = lowerBound(list, start);
    return k < list.length && list[k] < end ? list[k] : -1;
  };

  let anchor = { start: 0, end: 0 };
  if (model.titleBlock !== -1) {
    const tb = blocks[model.titleBlock];
    anchor = { start: tb.contentStart, end: model.index.lineEnd(tb.line) };
  } else if (model.top.length) {
    const s = model.sections[model.top[0]];
    anchor = { start: s.titleStart, end: s.titleEnd };
  } else if (bodyBlocks.length) {
    const b = blocks[bodyBlocks[0]];
    anchor = { start: b.contentStart, end: Math.min(model.index.lineEnd(b.line), b.contentStart + 30) };
  }

  return {
    unitsByRole,
    rolesPresent,
    sectionOfRole,
    lex,
    signalsInBlock: (block, kind) => countIn(kind, blocks[block].contentStart, blocks[block].end),
    topics: topics.map((t) => ({ covered: t.covered, hit: t.covered ? t.hit : undefined, matched: t.covered ? t.matched : undefined })),
    anchor,
    bodyBlocks,
    items: buildItems(model, bodyBlocks),
    countIn,
    firstIn,
  };
}
