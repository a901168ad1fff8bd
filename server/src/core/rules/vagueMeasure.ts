import type { Rule } from '../rule';
import { roleAnchor } from './shares';

export const vagueMeasure: Rule = {
  id: 'vague-measure',
  description: { zh: '整改措施没有内容、责任人、时限或可衡量的目标', en: 'A measure with no content, owner, deadline or measurable target' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '004 “整改措施要明确整改内容、整改措施和整改时限”; 002 “整改措施要具体实在”',
  check(ctx) {
    const { model, derived } = ctx;
    const concreteBlocks = new Set<number>();
    let items = 0;
    for (const b of derived.bodyBlocks) {
      if (model.blockRole[b] !== 'plans' || model.blocks[b].units < 8) continue;
      if (model.blocks[b].kind === 'heading' && model.blocks[b].units < 20) continue;
      items++;
      const ev = model.evidence(b);
      if (ev.figure || derived.signalsInBlock(b, 'deadline') || derived.signalsInBlock(b, 'owner') || derived.signalsInBlock(b, 'target')) concreteBlocks.add(b);
    }
    const flagged = new Set<number>();
    for (const h of derived.lex) {
      if (h.entry.kind !== 'empty-measure' || model.blockRole[h.block] !== 'plans') continue;
      if (h.concrete || concreteBlocks.has(h.block)) continue;
      flagged.add(h.block);
      ctx.report({
        start: h.start,
        end: h.end,
        message: {
          zh: `“${h.entry.phrase}”是空洞的措施，没有整改内容、责任人和时限（004：整改措施要明确整改内容、整改措施和整改时限）。${h.entry.suggest ? '建议：' + h.entry.suggest : ''}`,
          en: `"${h.entry.phrase}" is an empty measure: say what, who and by when (seed 004).`,
        },
        data: { phrase: h.entry.phrase },
        weight: 2,
      });
    }
    // Short bare items are named one by one only when nothing in the part is concrete.
    for (const b of concreteBlocks.size ? [] : derived.bodyBlocks) {
      const blk = model.blocks[b];
      if (model.blockRole[b] !== 'plans' || blk.kind === 'heading' || blk.units < 8 || blk.units >= 40 || concreteBlocks.has(b) || flagged.has(b)) continue;
      const from = blk.marker ? blk.marker.end : blk.contentStart;
      ctx.report({
        start: from,
        end: Math.min(model.index.lineEnd(blk.line), from + 30),
        message: {
          zh: '这条措施只有方向，没有具体做什么、谁负责、何时完成（004：整改措施要明确整改内容、整改措施和整改时限）。',
          en: 'This measure names a direction only: no content, owner or deadline (seed 004).',
        },
        weight: 1.5,
      });
    }
    if (items >= 1 && concreteBlocks.size === 0) {
      ctx.report({
        ...roleAnchor(ctx, 'plans'),
        severity: 'warning',
        message: {
          zh: `整改措施${items > 1 ? ` ${items} 条都` : ''}没有时限、责任人或可衡量的目标，难以兑现落实（004：整改措施要明确整改内容、整改措施和整改时限；002：整改措施空洞无物、大而化之的，要督促修改）。`,
          en: `None of the ${items} measures has a deadline, an owner or a measurable target (seed 004).`,
        },
        weight: 8,
      });
    }
  },
};
