/**
 * Roles: which part of the standard outline each section and each block of text is (work done,
 * problems, causes, plans). A part's heading names its role; an unnamed part is read from its
 * wording; inside a problems part, or a part whose heading names two roles, a lead such as
 * 究其原因 or 下一步 switches the role of what follows. A report with no outline is read from
 * its paragraph leads alone.
 */
import { Block, MarkerKind, TEXT_KINDS } from './blocks';
import type { HitList } from './hits';
import type { FrameBlocks, Outline, Section } from './outline';
import { CAUSE_LEADS, INLINE_CAUSE, INTRO, PLAN_LEADS, PROBLEM_LEADS, ROLE_ORDER, startsWithAny, yearLedPlan } from './signals';
import type { OutlineRole, Role } from './types';

export interface RoleInput {
  text: string;
  blocks: readonly Block[];
  hits: HitList;
  outline: Outline;
  frame: FrameBlocks & { vows: readonly number[] };
  /** Blocks of text with 字数, in order. */
  textBlocks: readonly number[];
  blockText(b: number): string;
}

export interface Roles {
  /** Role of each block's text. */
  blockRole: Role[];
  /** Problems blocks that state their causes inside the item. */
  inlineCauseBlocks: number[];
}

/** Sets each section's role and reads each block's. */
export function readRoles(c: RoleInput): Roles {
  const { text, blocks, textBlocks, outline } = c;
  const { sections, top } = outline;
  sectionRoles(c);
  const blockRole = blockRoles(c);
  if (sections.length && !top.some((si) => sections[si].role === 'achievements')) rolesBeforeOutline(c, blockRole);
  if (sections.length === 0) rolesWithoutOutline(c, blockRole);
  settleVows(c, blockRole);
  // Causes written inside the problem items: seed 002 asks for the causes, not for a part of
  // their own, so these count as the causes being there. Tested per block, one bounded regex.
  const inlineCauseBlocks: number[] = [];
  for (const b of textBlocks) {
    if (blockRole[b] === 'problems' && INLINE_CAUSE.test(text.slice(blocks[b].contentStart, blocks[b].end))) inlineCauseBlocks.push(b);
  }
  return { blockRole, inlineCauseBlocks };
}

/** Section roles: named by the heading, inherited from the parent, or read from the wording. */
function sectionRoles(c: RoleInput): void {
  const { hits } = c;
  const { sections, top, blockSection } = c.outline;
  const sectionSignals = countSignalsBySection(hits, blockSection, sections, c.blocks.length, (b) => startsPart(c, b));
  const assign = (si: number, inherited: Role | undefined) => {
    const s = sections[si];
    // A sub-item's first phrase is content ("二是我对述职评议整改台账跟踪不紧"), not a label:
    // it may only say problems/causes/plans, and only when it reads as a heading.
    const labelLike = s.headingLevel !== undefined || s.isLabel || s.title.length <= 12;
    let named = inherited === undefined ? s.namedRoles : labelLike ? s.namedRoles.filter((r) => r !== 'achievements' && r !== 'other' && r !== inherited) : [];
    // Going back in the standard order (problems inside causes or plans) takes a real heading:
    // "三是本领有短板" under 原因分析 is a cause.
    if (inherited !== undefined && inherited !== 'other' && s.headingLevel === undefined && !s.isLabel) {
      named = named.filter((r) => r === 'other' || ROLE_ORDER[r] >= ROLE_ORDER[inherited]);
    }
    if (named.length) s.role = named[0];
    else if (inherited !== undefined) s.role = inherited;
    else s.role = classifyByContent(sectionSignals[si], s.units);
    for (const c of s.children) assign(c, s.role);
  };
  // Wrapper sections above the top stay 'other'; roles start at the top. An unlabelled part
  // is read from its wording, but only forward along the standard order: plans and causes
  // come after the problems (or last), so plan-like wording in 成绩 does not make it 措施.
  let reached = -1;
  top.forEach((si) => {
    const s = sections[si];
    if (s.namedRoles.length) {
      assign(si, undefined);
    } else {
      let r = classifyByContent(sectionSignals[si], s.units);
      if ((r === 'plans' || r === 'causes') && reached < ROLE_ORDER.problems) r = 'achievements';
      s.role = r;
      for (const c of s.children) assign(c, r);
    }
    if (s.role !== 'other') reached = Math.max(reached, ROLE_ORDER[s.role as OutlineRole]);
  });
}

/** Block roles, with cause and plan leads switching the role inside a part. */
function blockRoles(c: RoleInput): Role[] {
  const { text, blocks, blockText } = c;
  const { sections, top, blockSection } = c.outline;
  const { titleBlock, isOther } = c.frame;
  const nb = blocks.length;
  const topSet = new Set(top);
  const blockRole = new Array<Role>(nb).fill('other');
  // Block roles, with cause/plan leads switching role inside problems parts and inside parts
  // whose heading names two roles ("存在问题及整改措施", "问题及原因分析").
  // A section whose named roles are its own heading's, not the first phrase of an item:
  // a Markdown heading, a label, or a marker line that holds nothing but its title.
  const headingLike = (x: Section) =>
    x.headingLevel !== undefined || !!x.isLabel || (x.marker !== undefined && !isLeadKind(x.marker.kind) && blocks[x.block].line === blocks[x.block].endLine && blocks[x.block].end - x.titleEnd <= 3);
  const reportYear = titleBlock !== -1 ? yearOf(blockText(titleBlock)) : undefined;
  const switched = new Map<number, OutlineRole>(); // part → role switched to by a lead
  const kindsSeen = new Map<number, Set<MarkerKind>>(); // part → marker kinds of its items so far
  const kindsAtSwitch = new Map<number, Set<MarkerKind>>(); // part → those kinds when it switched to causes
  // An outline of numbered work items only ("第一，…第三，…" or "一、…三、…") often ends with
  // unnumbered paragraphs "但我也存在一些不足：…" and "下一步，我将：…": with no part of that
  // role in the outline, such a paragraph starts it, instead of being read as the last item's work.
  // A part is there when a section has its role or its heading names it ("存在的问题和整改措施").
  const noProblemsPart = !sections.some((x) => x.role === 'problems' || x.role === 'causes' || x.namedRoles.includes('problems'));
  const noPlansPart = !sections.some((x) => x.role === 'plans' || x.namedRoles.includes('plans'));
  // Only in the last part of the work done: with more work after it, such a paragraph is its work.
  let lastWork = -1;
  for (const si of top) if (sections[si].role === 'achievements') lastWork = si;
  for (let b = 0; b < nb; b++) {
    const si = blockSection[b];
    if (si === -1 || isOther(b) || !TEXT_KINDS.has(blocks[b].kind)) continue;
    const s = sections[si];
    let role: Role = s.role;
    // Walk up to the top-level section to read its named roles (for combined parts).
    let topSec = s;
    while (topSec.parent !== -1 && !topSet.has(topSec.index)) topSec = sections[topSec.parent];
    if (!topSet.has(topSec.index) && topSec.parent === -1 && !top.includes(topSec.index)) role = 'other';
    // The part a lead switches: the innermost heading that names a role, else the top part.
    let keySec = topSec;
    for (let x = s; ; x = sections[x.parent]) {
      if (x.namedRoles.length && headingLike(x)) {
        keySec = x;
        break;
      }
      if (x === topSec || x.parent === -1) break;
    }
    const named = keySec.namedRoles;
    const key = keySec.index;
    const opens = s.block === b; // the block that opens its section
    if (role === 'achievements' && (noProblemsPart || noPlansPart) && topSec.index === lastWork) {
      if (!opens && !blocks[b].marker) {
        const lead = partLead(text, blocks[b]);
        if (lead === 'problems' && noProblemsPart && !switched.has(key)) switched.set(key, 'problems');
        else if (lead === 'plans' && noPlansPart) switched.set(key, 'plans');
      }
      const sw = switched.get(key);
      if (sw) role = sw;
    }
    if (opens && s.marker) {
      let seen = kindsSeen.get(key);
      if (!seen) kindsSeen.set(key, (seen = new Set()));
      // The next item of the problem list after a "究其原因" paragraph is a problem again.
      if (switched.get(key) === 'causes' && kindsAtSwitch.get(key)?.has(s.marker.kind)) switched.delete(key);
      seen.add(s.marker.kind);
    }
    if (role === 'problems' || role === 'causes' || named.length > 1) {
      // A heading's own words ("四、问题及原因分析") are its title, not a lead.
      if (!(opens && headingLike(s))) {
        const from = blocks[b].contentStart;
        const stop = blocks[b].end;
        if ((role === 'problems' || named.includes('causes')) && startsWithAny(text, from, stop, CAUSE_LEADS, 16)) {
          if (switched.get(key) !== 'causes') kindsAtSwitch.set(key, new Set(kindsSeen.get(key)));
          switched.set(key, 'causes');
        } else if (
          (role === 'problems' || role === 'causes' || named.includes('plans')) &&
          (startsWithAny(text, from, stop, PLAN_LEADS, 6) || yearLedPlan(text, blocks[b].marker?.end ?? from, stop, reportYear))
        ) {
          switched.set(key, 'plans');
        }
      }
      const sw = switched.get(key);
      if (sw && ROLE_ORDER[sw] > ROLE_ORDER[(role === 'other' ? 'achievements' : role) as OutlineRole]) role = sw;
    }
    blockRole[b] = role;
  }
  return blockRole;
}

/**
 * Text before the first part, when no part is the achievements: in a report whose only
 * outline is "存在的问题：/下一步打算：" labels, the work done stands above them.
 */
function rolesBeforeOutline(c: RoleInput, blockRole: Role[]): void {
  const { text, blocks, textBlocks } = c;
  const { sections, top, blockSection } = c.outline;
  const { isOther } = c.frame;
  const nb = blocks.length;
  {
    const firstTop = top.length ? sections[top[0]].block : nb;
    let first = true;
    for (const b of textBlocks) {
      if (b >= firstTop) break;
      if (isOther(b) || blockSection[b] !== -1) continue;
      const t = text.slice(blocks[b].contentStart, Math.min(blocks[b].end, blocks[b].contentStart + 80));
      if (first && INTRO.test(t)) {
        first = false;
        continue;
      }
      first = false;
      blockRole[b] = 'achievements';
    }
  }
}

/** A report with no outline at all: the roles from paragraph leads, in order. */
function rolesWithoutOutline(c: RoleInput, blockRole: Role[]): void {
  const { text, blocks, textBlocks } = c;
  const { isOther } = c.frame;
  {
    let state: Role = 'achievements';
    let first = true;
    for (const b of textBlocks) {
      if (isOther(b)) continue;
      const from = blocks[b].contentStart;
      const stop = blocks[b].end;
      const t = text.slice(from, Math.min(stop, from + 80));
      if (first && INTRO.test(t)) {
        first = false;
        continue; // the opening paragraph
      }
      first = false;
      if (startsWithAny(text, from, stop, CAUSE_LEADS, 16)) state = 'causes';
      else if (startsWithAny(text, from, stop, PLAN_LEADS, 6)) state = 'plans';
      else if (startsWithAny(text, from, stop, PROBLEM_LEADS, 10) && ROLE_ORDER[state as OutlineRole] < ROLE_ORDER.problems) state = 'problems';
      blockRole[b] = state;
    }
  }
}

/** A closing vow is the closing, unless it is the only measure of its part. */
function settleVows(c: RoleInput, blockRole: Role[]): void {
  const { blocks } = c;
  const { sections, blockSection } = c.outline;
  for (const b of c.frame.vows) {
    if (blockRole[b] !== 'plans') blockRole[b] = 'other';
    else {
      let before = false;
      for (let p = b - 1; p >= 0 && !before; p--) if (blockRole[p] === 'plans' && blocks[p].kind !== 'heading' && !(sections[blockSection[p]]?.block === p && blocks[p].units <= 20)) before = true;
      if (before) blockRole[b] = 'other';
    }
  }
}

interface SignalTally {
  problem: number;
  plan: number;
  cause: number;
}

function countSignalsBySection(hits: HitList, blockSection: number[], sections: Section[], nb: number, startsOwnPart: (b: number) => boolean): SignalTally[] {
  const tallies: SignalTally[] = sections.map(() => ({ problem: 0, plan: 0, cause: 0 }));
  const own = new Uint8Array(nb); // per block, asked once: 0 not yet, 1 no, 2 yes
  for (let i = 0; i < hits.length; i++) {
    const tag = hits.tag[i];
    if (tag.t !== 'sig') continue;
    const k = tag.kind;
    if (k !== 'problem' && k !== 'plan' && k !== 'cause') continue;
    // A paragraph that opens a part of its own ("但也存在一些不足：…") says nothing of the item above it.
    const b = hits.block[i];
    if (own[b] === 0) {
      // Only a part read from its wording needs this: under a heading that names its role, the
      // tallies are not read at all.
      let named = false;
      for (let x = blockSection[b]; x !== -1 && !named; x = sections[x].parent) named = sections[x].namedRoles.length > 0;
      own[b] = !named && startsOwnPart(b) ? 2 : 1;
    }
    if (own[b] === 2) continue;
    // A part that names its own role ("（三）存在的问题") keeps its wording to itself: it must not
    // turn the unnamed part above it into a problems part (and a part inserted by a quick fix
    // would otherwise change the role of the part it lands in).
    for (let s = blockSection[hits.block[i]]; s !== -1; s = sections[s].namedRoles.length ? -1 : sections[s].parent) tallies[s][k]++;
  }
  return tallies;
}

/** Role of a top-level part whose heading names none, from the wording inside it. */
function classifyByContent(t: SignalTally, units: number): Role {
  const per = Math.max(1, units / 200); // signals per ~200 字
  if (t.cause >= 2 && t.cause >= t.problem && t.cause / per >= 0.8) return 'causes';
  if (t.plan >= 2 && t.plan > t.problem && t.plan / per >= 0.8) return 'plans';
  if (t.problem >= 2 && t.problem / per >= 1 && t.problem > t.plan) return 'problems';
  return 'achievements';
}


/**
 * An unnumbered paragraph inside a section, not its first, that opens like a part of its own:
 * a problems lead naming a shortcoming, a cause lead or a plans lead.
 */
function startsPart(c: RoleInput, b: number): boolean {
  const { text, blocks } = c;
  const si = c.outline.blockSection[b];
  const blk = blocks[b];
  if (si === -1 || c.outline.sections[si].block === b || blk.marker || !TEXT_KINDS.has(blk.kind)) return false;
  // Under a heading ("二、对照检查") the paragraphs are the part's own wording; only after an
  // item that carries its own text ("第四，纪律上严格。我…") do they stand apart from it.
  const s = c.outline.sections[si];
  const opener = c.blocks[s.block];
  if (opener.kind === 'heading' || s.isLabel || opener.end - s.titleEnd <= 3) return false;
  return partLead(text, blk) !== undefined;
}

/**
 * The part an unnumbered paragraph's opening starts, if any: problems (a lead naming a
 * shortcoming), causes, or plans (a forward lead). One slice of the opening for all three.
 */
function partLead(text: string, blk: Block): 'problems' | 'causes' | 'plans' | undefined {
  const head = text.slice(blk.contentStart, Math.min(blk.end, blk.contentStart + 40));
  if (startsWithAny(head, 0, head.length, PROBLEM_LEADS, 10) !== undefined && SHORTCOMING.test(head)) return 'problems';
  if (startsWithAny(head, 0, head.length, CAUSE_LEADS, 16) !== undefined) return 'causes';
  if (startsWithAny(head, 0, head.length, FORWARD_LEADS, 6) !== undefined) return 'plans';
  return undefined;
}

/**
 * A problems lead says what is wrong in its first words: "回顾一年来的工作" alone is work done,
 * and so is "着力解决了…的问题"; "存在一些问题", "不足", "差距" are not.
 */
const SHORTCOMING = /不足|差距|短板|欠缺|不够|不到位|存在(?:着)?(?:一些|不少|的)?问题|问题(?:和|与)不足/;
/** Plans leads that look forward whatever follows: not 我将, which also means 把 (我将签到表整理归档). */
const FORWARD_LEADS = PLAN_LEADS.filter((lead) => lead !== '我将');

function isLeadKind(k: MarkerKind): boolean {
  return k === 'lead-shi' || k === 'lead-di';
}

/** The year a title reports on ("2024年度……述职报告"), to tell the coming year's plans from last year's work. */
function yearOf(title: string): number | undefined {
  const m = /((?:19|20)\d\d)[ \t　]*年/.exec(title);
  return m ? Number(m[1]) : undefined;
}
