import type { Locale, ProfileSource, Role, Severity, Tier } from '../server/src/core/types';

/**
 * The words a person reads for the product's fixed vocabulary, in both locales: one table, so
 * that the Problems panel, the CLI, the scorecard, the status bar and the docs never call one
 * thing two names. In shared/ because the client shows some of them too; pure data, no imports
 * at run time.
 */
export const WORDS = {
  severity: {
    zh: { error: '错误', warning: '警告', info: '提示', hint: '建议' },
    en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
  } satisfies Record<Locale, Record<Severity, string>>,
  tier: {
    zh: { 好: '好', 中: '中', 差: '差' },
    en: { 好: 'good', 中: 'fair', 差: 'poor' },
  } satisfies Record<Locale, Record<Tier, string>>,
  /** A part of the outline by its role, as its usual heading names it. */
  role: {
    zh: { achievements: '主要工作', problems: '存在问题', causes: '原因分析', plans: '下步打算', other: '其他' },
    en: { achievements: 'Achievements', problems: 'Problems', causes: 'Causes', plans: 'Plans', other: 'Other' },
  } satisfies Record<Locale, Record<Role, string>>,
  /** A role in a tight space (the scorecard's share bars): one word each. */
  roleShort: {
    zh: { achievements: '成绩', problems: '问题', causes: '原因', plans: '措施', other: '其他' },
    en: { achievements: 'Achievements', problems: 'Problems', causes: 'Causes', plans: 'Measures', other: 'Other' },
  } satisfies Record<Locale, Record<Role, string>>,
  /** Where the profile in force came from. */
  profileSource: {
    zh: { 'front-matter': '文件开头指定', option: '命令行或设置指定', config: '配置文件指定', detected: '自动识别', default: '默认' },
    en: { 'front-matter': 'set at the top of the file', option: 'set by option or setting', config: 'set in the configuration file', detected: 'detected', default: 'default' },
  } satisfies Record<Locale, Record<ProfileSource, string>>,
} as const;

export const severityWord = (s: Severity, locale: Locale): string => WORDS.severity[locale][s];
export const tierWord = (t: Tier, locale: Locale): string => WORDS.tier[locale][t];
