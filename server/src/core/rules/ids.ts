/** The stable rule ids of SPEC.md, in the order they are documented. */
export const RULE_IDS = [
  'missing-section',
  'missing-topic',
  'achievement-too-long',
  'problems-too-short',
  'report-too-long',
  'vague-phrase',
  'no-evidence',
  'generic-problem',
  'no-subjective-cause',
  'not-personal',
  'vague-measure',
  'outline-numbering',
  'unfilled',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
