import type { Rule } from '../rule';

export const noSubjectiveCause: Rule = {
  id: 'no-subjective-cause',
  description: { zh: '原因分析只讲客观，不讲主观', en: 'The causes given are only objective, none subjective' },
  defaultSeverity: 'warning',
  tags: ['content'],
  source: '002 “要深入分析存在问题的原因，特别是主观方面的原因”',
  check(ctx) {
    const { model, derived } = ctx;
    const causeBlocks = derived.bodyBlocks.filter((b) => model.blockRole[b] === 'causes');
    if (causeBlocks.length === 0) return;
    let subjective = 0;
    let objective = 0;
    for (const b of causeBlocks) {
      subjective += derived.signalsInBlock(b, 'cause-subjective') + derived.signalsInBlock(b, 'first-person');
      objective += derived.signalsInBlock(b, 'cause-objective');
    }
    if (subjective > 0) return;
    const first = model.blocks[causeBlocks[0]];
    const si = derived.sectionOfRole.causes;
    const sec = si !== undefined ? model.sections[si] : undefined;
    ctx.report({
      start: sec ? sec.titleStart : first.contentStart,
      end: sec ? sec.titleEnd : Math.min(model.index.lineEnd(first.line), first.contentStart + 30),
      message: {
        zh: `原因分析${objective ? '只讲了客观原因' : '没有讲到主观原因'}，没有从自身找原因（002：要深入分析存在问题的原因，特别是主观方面的原因）。请写明本人在思想认识、责任落实、能力作风上的原因。`,
        en: 'The causes are only objective: analyse your own, subjective causes too (seed 002).',
      },
      data: { objective },
      weight: 5,
    });
  },
};
