/**
 * The analysis core's public surface: `analyze(text, options)` and what callers need to
 * describe rules and profiles. Pure: no vscode, no LSP types, no file system.
 */
import { BUILTIN_PROFILES } from './knowledge';
import { RULES } from './rules/index';
import type { Locale } from './types';

export { analyze, tierOf } from './analyze';
export { parseConfig } from './config';
export { recognizeReport, type Recognition } from './recognize';
export { RULES } from './rules/index';
export { RULE_IDS } from './rules/ids';
export { BUILTIN_LEXICON, BUILTIN_PROFILES, findProfile } from './knowledge';
export * from './types';

export const PROFILE_IDS: readonly string[] = BUILTIN_PROFILES.map((p) => p.id);

const RULE_NAMES = new Map(RULES.map((r) => [r.id, r.name]));

/** A rule as a reader knows it (空话套话), for every place but the diagnostic code; an unknown id as is. */
export function ruleName(id: string, locale: Locale): string {
  return RULE_NAMES.get(id)?.[locale] ?? id;
}

export function profileName(id: string): string {
  return BUILTIN_PROFILES.find((p) => p.id === id)?.name ?? id;
}
