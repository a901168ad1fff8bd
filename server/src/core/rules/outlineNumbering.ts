import { MARKER_ORDER } from '../blocks';
import { markerText } from '../outlineStyle';
import type { Rule, RuleContext } from '../rule';
import { chineseNumberValue } from '../text';

export const outlineNumbering: Rule = {
  order: 12,
  name: { zh: '序号不规范', en: 'Outline numbering' },
  cap: 4,
  id: 'outline-numbering',
  description: { zh: '序号断号、重号、层次颠倒、写法不统一', en: 'Broken outline numbering: a gap, a repeat, a skipped level or mixed markers' },
  defaultSeverity: 'warning',
  tags: ['structure'],
  source: '《党政机关公文格式》（GB/T 9704）层次序数：一、（一）1.（1）',
  check(ctx: RuleContext) {
    const { model } = ctx;
    const groups: number[][] = [model.sections.filter((s) => s.parent === -1).map((s) => s.index)];
    for (const s of model.sections) if (s.children.length) groups.push(s.children);
    for (const g of groups) checkGroup(ctx, g);
  },
};

/**
 * Numbering that only looks broken: an enumeration begun inside the paragraph before ("……：一是…；"
 * then a line-start "二是"), or a new list that starts again at 1 after a lead-in paragraph or
 * outside the previous Markdown list.
 */
function accepted(ctx: RuleContext, si: number, prev: number | undefined): boolean {
  const { model } = ctx;
  const s = model.sections[si];
  const m = s.marker!;
  let pb = s.block - 1;
  while (pb >= 0 && model.blocks[pb].units === 0 && model.blocks[pb].kind !== 'heading') pb--;
  if (pb < 0) return false;
  const before = model.blocks[pb];
  if (m.kind === 'lead-shi' || m.kind === 'lead-di') {
    const last = lastInlineLead(model.text, before.marker ? before.marker.end : before.contentStart, before.end, m.kind);
    if (last !== undefined && m.value === last + 1) return true;
  }
  if (m.value === 1 && prev !== undefined) {
    const blk = model.blocks[s.block];
    // A Markdown list after a paragraph is a new list, and Markdown numbers it from 1.
    if (blk.kind === 'list-item' && before.kind !== 'list-item' && !before.marker) return true;
    // "……如下：" then 1. 2. 3.: a new list under its own lead-in.
    if (!before.marker && /[：:]\**\s*$/.test(model.text.slice(Math.max(before.contentStart, before.end - 8), before.end))) return true;
  }
  return false;
}

const INLINE_SHI = /(?:^|[。；;，,：:！？\s　*])([一二三四五六七八九十]{1,2})是/g;
const INLINE_DI = /第([一二三四五六七八九十]{1,3})[，,、：:]/g;

/** The value of the last 一是/第一， written inside text[start, end), if any. One pass over the block. */
function lastInlineLead(text: string, start: number, end: number, kind: 'lead-shi' | 'lead-di'): number | undefined {
  const re = kind === 'lead-shi' ? INLINE_SHI : INLINE_DI;
  const chunk = text.slice(start, end);
  re.lastIndex = 0;
  let last: number | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(chunk))) {
    const v = chineseNumberValue(m[1]);
    if (v !== undefined) last = v;
  }
  return last;
}

/**
 * Whether number `n` of a level was written with a marker of another kind, nested by the
 * outline under the item before ("（二）… 3.… （四）"): the gap is that one mixed marker.
 */
function slotFilled(ctx: RuleContext, group: number[], i: number, kind: string, n: number): boolean {
  const { model } = ctx;
  // The previous item of this kind stands just before, past at most a few of other kinds.
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const sib = model.sections[group[k]];
    if (sib.marker?.kind !== kind) continue;
    const first = sib.children.length ? model.sections[sib.children[0]].marker : undefined;
    return first !== undefined && first.kind !== kind && first.value === n;
  }
  return false;
}

function checkGroup(ctx: RuleContext, group: number[]): void {
  const { model } = ctx;
  const prevByKind = new Map<string, number>();
  const styleByKind = new Map<string, string>();
  const lazyLists = new Set<string>();
  // Markdown renumbers "1. 1. 1." lists; writers rely on that.
  const kinds = new Map<string, number[]>();
  for (const si of group) {
    const m = model.sections[si].marker;
    if (!m) continue;
    const arr = kinds.get(m.kind) ?? [];
    arr.push(m.value);
    kinds.set(m.kind, arr);
  }
  for (const [k, vals] of kinds) if (k === 'arabic' && vals.length > 1 && vals.every((v) => v === 1)) lazyLists.add(k);

  let mixedReported = false;
  for (let gi = 0; gi < group.length; gi++) {
    const si = group[gi];
    const s = model.sections[si];
    const m = s.marker;
    // A Markdown heading that skips a level (## then ####).
    if (s.headingLevel !== undefined && s.parent !== -1) {
      const p = model.sections[s.parent];
      if (p.headingLevel !== undefined && s.headingLevel > p.headingLevel + 1) {
        ctx.report({
          start: model.blocks[s.block].start,
          end: s.titleEnd,
          message: { zh: `标题层级越级：上一级是 ${p.headingLevel} 级标题，这里直接用了 ${s.headingLevel} 级。`, en: `Heading level skipped: the heading above is level ${p.headingLevel}, this one jumps straight to level ${s.headingLevel}.` },
          weight: 1,
        });
      }
    }
    if (!m) continue;
    // GB/T 9704 order: 一、 above （一） above 1. above （1）.
    if (s.parent !== -1) {
      const pm = model.sections[s.parent].marker;
      if (pm && MARKER_ORDER[m.kind] > 0 && MARKER_ORDER[pm.kind] > 0 && MARKER_ORDER[m.kind] < MARKER_ORDER[pm.kind]) {
        ctx.report({
          start: m.start,
          end: m.end,
          severity: 'info',
          message: { zh: `层次序数颠倒：“${m.text}”写在“${pm.text}”之下；公文层次应为 一、→（一）→1.→（1）（GB/T 9704）。`, en: `Outline levels reversed: "${m.text}" stands under "${pm.text}"; the levels of an official document run "一、" → "（一）" → "1." → "（1）" (GB/T 9704).` },
          weight: 1,
        });
      }
    }
    const style = styleByKind.get(m.kind);
    if (style === undefined) styleByKind.set(m.kind, m.style);
    else if (style !== m.style && !mixedReported) {
      mixedReported = true;
      ctx.report({
        start: m.start,
        end: m.end,
        severity: 'info',
        message: { zh: `同一层级序号写法不统一：前面用“${style || m.kind}”，这里用“${m.style}”。`, en: `Numbering written two ways at one level: "${style || m.kind}" earlier, "${m.style}" here.` },
        weight: 0.5,
      });
    }
    if (lazyLists.has(m.kind)) continue;
    const prev = prevByKind.get(m.kind);
    const expected = prev === undefined ? 1 : prev + 1;
    if (m.value !== expected && accepted(ctx, si, prev)) {
      prevByKind.set(m.kind, m.value);
      continue;
    }
    if (m.value !== expected && prev === undefined && s.parent !== -1) {
      // "（二）… 3.质量安全监管 …（四）": a marker of another kind standing in the parent's next
      // slot is one mixed marker, not a list that starts at 3.
      const p = model.sections[s.parent];
      const pm = p.marker;
      if (pm && pm.kind !== m.kind && MARKER_ORDER[pm.kind] > 0 && m.value === pm.value + 1 && p.children[0] === si) {
        const want = markerText({ hashes: '', kind: pm.kind, sep: pm.style, bold: false }, m.value);
        ctx.report({
          start: m.start,
          end: m.end,
          message: {
            zh: `同一层级序号混用：“${m.text}”排在“${pm.text}”之后，按顺序应为“${want}”。`,
            en: `Markers mixed at one level: "${m.text}" follows "${pm.text}"; in order it should be "${want}".`,
          },
          data: { expected: want },
          weight: 1.5,
        });
        prevByKind.set(m.kind, m.value);
        continue;
      }
    }
    if (m.value !== expected && prev !== undefined && m.value === expected + 1 && slotFilled(ctx, group, gi, m.kind, expected)) {
      // The missing number was written with another marker and reported there.
      prevByKind.set(m.kind, m.value);
      continue;
    }
    if (m.value !== expected) {
      const want = markerText({ hashes: '', kind: m.kind, sep: m.style, bold: false }, expected);
      let zh: string;
      let en: string;
      if (prev !== undefined && m.value === prev) {
        zh = `序号重复：“${m.text}”与上一个相同，应为“${want}”。`;
        en = `Repeated number: "${m.text}" is the same as the one before; it should be "${want}".`;
      } else if (prev !== undefined && m.value > expected) {
        zh = `序号断号：“${m.text}”之前缺少“${want}”。`;
        en = `Gap in the numbering: "${want}" is missing before "${m.text}".`;
      } else {
        zh = `序号顺序不对：这里是“${m.text}”，按顺序应为“${want}”。`;
        en = `Numbering out of order: this is "${m.text}", but in order it should be "${want}".`;
      }
      ctx.report({ start: m.start, end: m.end, message: { zh, en }, data: { expected: want }, weight: 1.5 });
    }
    prevByKind.set(m.kind, m.value);
  }
}

