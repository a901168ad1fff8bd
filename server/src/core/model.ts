import { Block, Directive, FrontMatter, MarkerKind, OutlineMarker, scanBlocks, TEXT_KINDS } from './blocks';
import { isLabelLine, readFrame } from './frame';
import { HitList, scanHits, Tag } from './hits';
import { CAUSE_LEADS, INLINE_CAUSE, INTRO, PLAN_LEADS, PROBLEM_LEADS, ROLE_ORDER, rolesFromTitle, startsWithAny, yearLedPlan } from './signals';
import { Evidence, LineIndex, PhraseMatcher, scanEvidence } from './text';
import { applyHints, Span } from './unfilled';
import type { OutlineRole, Role } from './types';

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


export function buildModel(text: string, matcher: PhraseMatcher<Tag>): ReportModel {
  const scan = scanBlocks(text);
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

  const { titleBlock, salutationBlock, closingBlock, trailing, reflection, vows } = readFrame(text, blocks, textBlocks, blockText);

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
  const isOther = (b: number) => b === titleBlock || b === salutationBlock || b === closingBlock || trailing.has(b) || reflection.has(b);

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

  // Extents and 字数
  for (let b = 0; b < nb; b++) {
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

  let top = sections.filter((s) => s.parent === -1).map((s) => s.index);
  // A lone wrapper heading (## 述职报告) over everything: its children are the real top.
  while (top.length === 1 && sections[top[0]].children.length > 1 && sections[top[0]].namedRoles.length === 0) {
    top = sections[top[0]].children;
  }

  // Roles.
  const sectionSignals = countSignalsBySection(hits, blockSection, sections);
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
  const topSet = new Set(top);
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

  // Block roles, with cause/plan leads switching role inside problems parts and inside parts
  // whose heading names two roles ("存在问题及整改措施", "问题及原因分析").
  const blockRole = new Array<Role>(nb).fill('other');
  // A section whose named roles are its own heading's, not the first phrase of an item:
  // a Markdown heading, a label, or a marker line that holds nothing but its title.
  const headingLike = (x: Section) =>
    x.headingLevel !== undefined || !!x.isLabel || (x.marker !== undefined && !isLeadKind(x.marker.kind) && blocks[x.block].line === blocks[x.block].endLine && blocks[x.block].end - x.titleEnd <= 3);
  const reportYear = titleBlock !== -1 ? yearOf(blockText(titleBlock)) : undefined;
  const switched = new Map<number, OutlineRole>(); // part → role switched to by a lead
  const kindsSeen = new Map<number, Set<MarkerKind>>(); // part → marker kinds of its items so far
  const kindsAtSwitch = new Map<number, Set<MarkerKind>>(); // part → those kinds when it switched to causes
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

  // Text before the first part, when no part is the achievements: in a report whose only
  // outline is "存在的问题：/下一步打算：" labels, the work done stands above them.
  if (sections.length && !top.some((si) => sections[si].role === 'achievements')) {
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

  // A report with no outline at all: read the roles from paragraph leads, in order.
  if (sections.length === 0) {
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

  for (const b of vows) {
    if (blockRole[b] !== 'plans') blockRole[b] = 'other';
    else {
      let before = false;
      for (let p = b - 1; p >= 0 && !before; p--) if (blockRole[p] === 'plans' && blocks[p].kind !== 'heading' && !(sections[blockSection[p]]?.block === p && blocks[p].units <= 20)) before = true;
      if (before) blockRole[b] = 'other';
    }
  }

  // Causes written inside the problem items: seed 002 asks for the causes, not for a part of
  // their own, so these count as the causes being there. Tested per block, one bounded regex.
  const inlineCauseBlocks: number[] = [];
  for (const b of textBlocks) {
    if (blockRole[b] === 'problems' && INLINE_CAUSE.test(text.slice(blocks[b].contentStart, blocks[b].end))) inlineCauseBlocks.push(b);
  }

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
  while (end > start && /[\s　*_#]/.test(text[end - 1])) end--;
  return { title: text.slice(start, end), titleStart: start, titleEnd: end };
}

interface SignalTally {
  problem: number;
  plan: number;
  cause: number;
}

function countSignalsBySection(hits: HitList, blockSection: number[], sections: Section[]): SignalTally[] {
  const tallies: SignalTally[] = sections.map(() => ({ problem: 0, plan: 0, cause: 0 }));
  for (let i = 0; i < hits.length; i++) {
    const tag = hits.tag[i];
    if (tag.t !== 'sig') continue;
    const k = tag.kind;
    if (k !== 'problem' && k !== 'plan' && k !== 'cause') continue;
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


function isLeadKind(k: MarkerKind): boolean {
  return k === 'lead-shi' || k === 'lead-di';
}

/** The year a title reports on ("2024年度……述职报告"), to tell the coming year's plans from last year's work. */
function yearOf(title: string): number | undefined {
  const m = /((?:19|20)\d\d)[ \t　]*年/.exec(title);
  return m ? Number(m[1]) : undefined;
}
