/** The `rules` part of the configuration's description: a severity per rule id. */
import { RULE_IDS } from '../rules/ids';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../types';
import { named, oneOf, record, union, type NotA } from './describe';
import { object, optional } from './object';
import { closest, didYouMean, quoteList } from './suggest';

export { SEVERITY_SETTINGS };

/** Spellings people bring from other linters. */
const SEVERITY_ALIASES: Record<string, SeveritySetting> = {
  warn: 'warning',
  information: 'info',
  suggestion: 'hint',
  none: 'off',
  false: 'off',
  disable: 'off',
  disabled: 'off',
  错误: 'error',
  警告: 'warning',
  信息: 'info',
  提示: 'hint',
  关闭: 'off',
};

/** Not a string: ESLint habits (0/1/2, false) get a direct translation. */
const notASeverity: NotA = (path, [zh, en], node) => {
  const v = node.kind === 'object' || node.kind === 'array' ? undefined : node.value;
  const suggestion = v === false || v === 0 ? 'off' : v === 1 ? 'warning' : v === 2 ? 'error' : undefined;
  const [listZh, listEn] = quoteList(SEVERITY_SETTINGS);
  const [sZh, sEn] = didYouMean(suggestion, ['。', '.']);
  return [
    `“${path}”应为级别文字 ${listZh} 之一，或 { "severity": … }，实际是${zh}${sZh}此项已忽略。`,
    `"${path}" should be one of ${listEn} or { "severity": … }, not ${en}${sEn} It is ignored.`,
  ];
};

const SEVERITY = named(
  'severity',
  oneOf(SEVERITY_SETTINGS, {
    expected: ['级别', 'a severity'],
    notA: notASeverity,
    invalid(value, path) {
      const [listZh, listEn] = quoteList(SEVERITY_SETTINGS);
      const [sZh, sEn] = didYouMean(SEVERITY_ALIASES[value.toLowerCase()] ?? closest(value, SEVERITY_SETTINGS), ['。', '.']);
      return [
        `“${path}”的级别“${value}”无效，应为 ${listZh} 之一${sZh}此项已忽略。`,
        `Invalid severity "${value}" for "${path}": use one of ${listEn}${sEn} It is ignored.`,
      ];
    },
    doc: {
      description: '级别 / Severity',
      enumDescriptions: ['错误 / Error', '警告 / Warning', '信息 / Information', '提示 / Hint', '关闭此规则 / Turn the rule off'],
    },
  }),
);

/** "off" or { "severity": "off" }; an invalid severity drops the rule's setting. */
export const RULE_SETTING = named('ruleSetting', union(SEVERITY, object({ severity: optional(SEVERITY, { dropsObject: true }) }, { key: ['规则设置项', 'rule setting'] })));

export const RULE_SETTINGS = record(RULE_SETTING, {
  keys: () => RULE_IDS,
  unknown: (id, suggestion, [listZh, listEn]) =>
    suggestion
      ? [`未知的规则“${id}”，是否想写“${suggestion}”？`, `Unknown rule "${id}"; did you mean "${suggestion}"?`]
      : [`未知的规则“${id}”，此项已忽略。已知的规则：${listZh}。`, `Unknown rule "${id}"; it is ignored. Known rules: ${listEn}.`],
  closed: true,
  schemaKeys: (ctx) =>
    RULE_IDS.map((id) => {
      const rule = ctx.rules.find((r) => r.id === id);
      if (!rule) return { key: id };
      const { zh, en } = rule.description;
      const sev = rule.defaultSeverity;
      return {
        key: id,
        doc: {
          description: `${zh} / ${en}`,
          markdownDescription: `**${id}**：${zh}\n\n${en}.\n\n出处 / Source: ${rule.source}\n\n默认级别 / Default: \`${sev}\``,
          default: sev,
        },
      };
    }),
  doc: {
    default: {},
    description: '各规则的级别，或用 "off" 关闭 / Severity per rule, or "off"',
    markdownDescription:
      '各规则的级别，或用 `"off"` 关闭。例如 `{ "vague-phrase": "info", "report-too-long": "off" }`。\n\nSeverity per rule, or `"off"` to turn it off.',
  },
});

