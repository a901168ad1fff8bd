import { thresholdSource, type Rule } from '../rule';
import { largestPart } from './shares';

export const reportTooLong: Rule = {
  order: 5,
  name: { zh: '全文过长', en: 'Report too long' },
  cap: 5,
  id: 'report-too-long',
  description: { zh: '全文超过字数上限（1000 字）', en: 'The report is over its length limit (1,000 characters)' },
  defaultSeverity: 'warning',
  tags: ['proportion'],
  source: '《市总机关党支部书记、党员述职评议考核工作实施方案》：“述职报告掌握在1000字以内”',
  check(ctx) {
    const max = ctx.profile.thresholds.maxUnits;
    const units = ctx.model.units;
    if (max === undefined || units <= max) return;
    const src = thresholdSource(ctx.profile, 'maxUnits');
    ctx.report({
      ...ctx.derived.anchor,
      message: {
        zh: `全文 ${units} 字，超过上限 ${max} 字（${src.zh}），需删减约 ${units - max} 字。`,
        en: `The report has ${units} characters, above the limit of ${max} characters (${src.en}): cut about ${units - max} characters.`,
      },
      related: largestPart(ctx),
      data: { units, max },
      weight: units > max * 1.3 ? 5 : 3,
    });
  },
};
