import type { Rule } from '../rule';
import { largestPart } from './shares';

export const reportTooLong: Rule = {
  id: 'report-too-long',
  description: { zh: '全文字数超过画像规定的上限', en: 'The report is longer than the profile allows' },
  defaultSeverity: 'warning',
  tags: ['proportion'],
  source: '003 “述职报告掌握在1000字以内”',
  check(ctx) {
    const max = ctx.profile.thresholds.maxUnits;
    const units = ctx.model.units;
    if (max === undefined || units <= max) return;
    const src = ctx.profile.thresholdSources?.maxUnits ?? ctx.profile.source;
    ctx.report({
      ...ctx.derived.anchor,
      message: {
        zh: `全文 ${units} 字，超过上限 ${max} 字（${src}），需删减约 ${units - max} 字。`,
        en: `The report has ${units} characters, above the limit of ${max} (${src}).`,
      },
      related: largestPart(ctx),
      data: { units, max },
      weight: units > max * 1.3 ? 5 : 3,
    });
  },
};
