import { fraction, percent, Rule, thresholdSource, underShare } from '../rule';
import { MIN_UNITS_FOR_SHARES, relatedParts, roleAnchor } from './shares';

export const problemsTooShort: Rule = {
  order: 4,
  name: { zh: '问题篇幅过短', en: 'Problems too short' },
  cap: 8,
  id: 'problems-too-short',
  description: { zh: '问题部分低于规定比例（1/3）', en: 'The problems part is under its share (1/3)' },
  defaultSeverity: 'warning',
  tags: ['proportion'],
  source: '《市总机关党支部书记、党员述职评议考核工作实施方案》：“讲问题不少于1/3”',
  check(ctx) {
    const min = ctx.profile.thresholds.minProblemShare;
    const { derived, model } = ctx;
    // With no problems part at all, missing-section already says it.
    if (min === undefined || model.units < MIN_UNITS_FOR_SHARES || !derived.rolesPresent.has('problems')) return;
    // Seed 003's outline has no separate causes part: the analysis is part of 讲问题.
    const units = derived.unitsByRole.problems + derived.unitsByRole.causes;
    const share = units / model.units;
    if (!underShare(share, min)) return;
    const src = thresholdSource(ctx.profile, 'minProblemShare');
    const lack = Math.ceil(min * model.units - units);
    ctx.report({
      ...roleAnchor(ctx, 'problems'),
      message: {
        zh: `问题部分（含原因分析）${units} 字，只占全文 ${percent(share)}，低于 ${fraction(min)}（${src.zh}）。还差约 ${lack} 字：把问题写具体，见人见事见思路。`,
        en: `The problems part (causes included) has ${units} characters, only ${percent(share)} of the report, below ${fraction(min)} (${src.en}). About ${lack} characters short: state the problems concretely, with the people, the matters and the thinking in view.`,
      },
      related: relatedParts(ctx, ['achievements']),
      data: { share, min, units },
      weight: share < min / 2 ? 8 : 5,
    });
  },
};
