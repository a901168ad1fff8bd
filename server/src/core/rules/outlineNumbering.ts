import { MARKER_ORDER } from '../blocks';
import { markerText } from '../outlineStyle';
import type { Rule, RuleContext } from '../rule';

export const outlineNumbering: Rule = {
  id: 'outline-numbering',
  description: { zh: '提纲序号断号、重号、越级或同级混用', en: 'Broken outline numbering: a gap, a repeat, a skipped level or mixed markers' },
  defaultSeverity: 'warning',
  tags: ['structure'],
  source: 'GB/T 9704 层次序数：一、（一）1.（1）',
  check(ctx: RuleContext) {
    const { model } = ctx;
    const groups: number[][] = [model.sections.filter((s) => s.parent === -1).map((s) => s.index)];
    for (const s of model.sections) if (s.children.length) groups.push(s.children);
    for (const g of groups) checkGroup(ctx, g);
  },
};

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
  for (const si of group) {
    const s = model.sections[si];
    const m = s.marker;
    // A Markdown heading that skips a level (## then ####).
    if (s.headingLevel !== undefined && s.parent !== -1) {
      const p = model.sections[s.parent];
      if (p.headingLevel !== undefined && s.headingLevel > p.headingLevel + 1) {
        ctx.report({
          start: model.blocks[s.block].start,
          end: s.titleEnd,
          message: { zh: `标题层级越级：上一级是 ${p.headingLevel} 级标题，这里直接用了 ${s.headingLevel} 级。`, en: `Heading level skipped: level ${s.headingLevel} under level ${p.headingLevel}.` },
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
          message: { zh: `层次序数颠倒：“${m.text}”写在“${pm.text}”之下；公文层次应为 一、→（一）→1.→（1）（GB/T 9704）。`, en: `Outline levels reversed: "${m.text}" under "${pm.text}" (GB/T 9704 order is 一、 (一) 1. (1)).` },
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
        message: { zh: `同一层级序号写法不统一：前面用“${style || m.kind}”，这里用“${m.style}”。`, en: `Mixed marker styles at one level: "${style}" and "${m.style}".` },
        weight: 0.5,
      });
    }
    if (lazyLists.has(m.kind)) continue;
    const prev = prevByKind.get(m.kind);
    const expected = prev === undefined ? 1 : prev + 1;
    if (m.value !== expected) {
      const want = markerText({ hashes: '', kind: m.kind, sep: m.style, bold: false }, expected);
      let zh: string;
      let en: string;
      if (prev !== undefined && m.value === prev) {
        zh = `序号重复：“${m.text}”与上一个相同，应为“${want}”。`;
        en = `Repeated number "${m.text}"; expected "${want}".`;
      } else if (prev !== undefined && m.value > expected) {
        zh = `序号断号：“${m.text}”之前缺少“${want}”。`;
        en = `Gap in the numbering: "${want}" is missing before "${m.text}".`;
      } else {
        zh = `序号顺序不对：这里是“${m.text}”，按顺序应为“${want}”。`;
        en = `Numbering out of order: "${m.text}" where "${want}" was expected.`;
      }
      ctx.report({ start: m.start, end: m.end, message: { zh, en }, data: { expected: want }, weight: 1.5 });
    }
    prevByKind.set(m.kind, m.value);
  }
}

