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
    for (const h of derived.lex) {
      if (h.entry.kind !== 'empty-measure' || model.blockRole[h.block] !== 'plans') continue;
      if (h.concrete || concreteBlocks.has(h.block)) continue;
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
    if (items >= 1 && concreteBlocks.size === 0) {
      ctx.report({
        ...roleAnchor(ctx, 'plans'),
        severity: 'warning',
        message: {
          zh: `整改措施 ${items} 条都没有时限、责任人或可衡量的目标，难以兑现落实（004：整改措施要明确整改内容、整改措施和整改时限；002：整改措施空洞无物、大而化之的，要督促修改）。`,
          en: `None of the ${items} measures has a deadline, an owner or a measurable target (seed 004).`,
        },
        weight: 6,
      });
    }
  },
};
