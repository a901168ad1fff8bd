import { fraction, overShare, percent, Rule, thresholdSource } from '../rule';
import { MIN_UNITS_FOR_SHARES, relatedParts, roleAnchor } from './shares';

export const achievementTooLong: Rule = {
  order: 3,
  name: { zh: '成绩篇幅过长', en: 'Achievements too long' },
  cap: 8,
  id: 'achievement-too-long',
  description: { zh: '成绩部分超过规定比例（1/3 或 1/2）', en: 'The achievements part takes more than its share (1/3 or 1/2)' },
  defaultSeverity: 'warning',
  tags: ['proportion'],
  source: '《党建述职评价考核工作实施方案》：“写成绩的部分一般不超过1/3”；《市总机关党支部书记、党员述职评议考核工作实施方案》：“写成绩不超过1/2”',
  check(ctx) {
    const max = ctx.profile.thresholds.maxAchievementShare;
    const { derived, model } = ctx;
    if (max === undefined || model.units < MIN_UNITS_FOR_SHARES || !derived.rolesPresent.has('achievements')) return;
    const share = derived.unitsByRole.achievements / model.units;
    if (!overShare(share, max)) return;
    const src = thresholdSource(ctx.profile, 'maxAchievementShare');
    const excess = Math.ceil(derived.unitsByRole.achievements - max * model.units);
    const a = roleAnchor(ctx, 'achievements');
    ctx.report({
      ...a,
      message: {
        zh: `成绩部分 ${derived.unitsByRole.achievements} 字，占全文 ${percent(share)}，超过上限 ${fraction(max)}（${src.zh}）。请压缩约 ${excess} 字，把篇幅留给问题和整改措施。`,
        en: `The achievements part has ${derived.unitsByRole.achievements} characters, ${percent(share)} of the report, above the limit of ${fraction(max)} (${src.en}). Cut about ${excess} characters and give the room to the problems and the corrective measures.`,
      },
      related: relatedParts(ctx, ['problems', 'plans']),
      data: { share, max, units: derived.unitsByRole.achievements },
      weight: share > max * 1.5 ? 8 : 5,
    });
  },
};
