import type { Rule } from '../rule';
import type { RuleInfo } from '../types';
import { achievementTooLong } from './achievementTooLong';
import { genericProblem } from './genericProblem';
import { missingSection } from './missingSection';
import { missingTopic } from './missingTopic';
import { noEvidence } from './noEvidence';
import { noSubjectiveCause } from './noSubjectiveCause';
import { notPersonal } from './notPersonal';
import { outlineNumbering } from './outlineNumbering';
import { problemsTooShort } from './problemsTooShort';
import { reportTooLong } from './reportTooLong';
import { vagueMeasure } from './vagueMeasure';
import { unfilled } from './unfilled';
import { vaguePhrase } from './vaguePhrase';
import { RULE_IDS } from './ids';

/** The explicit registry, in the order of SPEC.md. */
export const RULE_LIST: readonly Rule[] = [
  missingSection,
  missingTopic,
  achievementTooLong,
  problemsTooShort,
  reportTooLong,
  vaguePhrase,
  noEvidence,
  genericProblem,
  noSubjectiveCause,
  notPersonal,
  vagueMeasure,
  outlineNumbering,
  unfilled,
];

if (RULE_LIST.map((r) => r.id).join() !== RULE_IDS.join()) throw new Error('rule registry and RULE_IDS disagree');

/** Docs pages are stamped here, in one place. */
export const RULES: readonly RuleInfo[] = RULE_LIST.map((r) => ({
  id: r.id,
  description: r.description,
  defaultSeverity: r.defaultSeverity,
  tags: r.tags,
  source: r.source,
  docs: `docs/rules/${r.id}.md`,
}));
