import { derive } from './derive';
import { applyDirectives } from './directives';
import { knowledgeFor } from './knowledge';
import { buildModel } from './model';
import { chooseProfile } from './profile';
import { RULE_LIST } from './rules/index';
import { ruleSetting, runRule } from './runRules';
import { reviewOf, scoreOf, tierOf, type Points, type Weighed } from './score';
import { buildStats, reportTitle } from './stats';
import type { AnalysisResult, AnalyzeOptions, Locale } from './types';

export { tierOf } from './score';

/*
 * The pipeline, one stage a file: blocks (blocks.ts) → instructions left unfilled (unfilled.ts)
 * → one automaton pass (hits.ts) → title, salutation, closing (frame.ts) → sections and roles
 * (model.ts) → profile (profile.ts) → derived facts: signals, topics, lexicon hits (lexHits.ts),
 * items (items.ts) and their clause facts (facts.ts, text.ts scanEvidence), in derive.ts →
 * rules (runRules.ts, rules/) → directives (directives.ts) → score, tier and stats (score.ts,
 * stats.ts). analyze() only wires them.
 */

/**
 * Analyses one report: the whole engine in one function, pure and synchronous.
 * Never throws for any input text; a rule that fails becomes one finding of its own.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  if (typeof text !== 'string') text = String(text ?? '');
  const config = options.config;
  const locale: Locale = options.locale ?? config?.locale ?? 'zh';
  const knowledge = knowledgeFor(config);
  const model = buildModel(text, knowledge.matcher, options.format);
  const { profile, choice } = chooseProfile(model, knowledge, options, locale);
  const derived = derive(model, knowledge, profile);

  const raw: Weighed[] = [];
  // Rules switched off still run for the tier: a reviewer's judgement is not the writer's
  // setting (a draft with its checks switched off must not rank 好).
  const hidden: Weighed[] = [];
  const points: Points = new Map();
  for (const rule of RULE_LIST) {
    const setting = ruleSetting(config?.rules?.[rule.id]);
    runRule(rule, setting === 'off' ? undefined : setting, model, profile, knowledge, locale, derived, setting === 'off' ? hidden : raw, points);
  }
  const all = hidden.length ? [...raw, ...hidden] : raw;
  const review = reviewOf(all, model, derived, locale);
  // The tier's score weighs every finding as its rule does, shown or not: a severity setting or
  // an inline comment changes the points shown, never the tier.
  const tierScore = hidden.length || config?.rules || model.directives.length ? scoreOf(all, points, true).score : -1;

  const { kept, waivers } = applyDirectives(raw, model);
  const findings = kept.sort(
    // Rule ids are ASCII: a plain comparison orders them as localeCompare would, without ICU.
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  const { score, deductions } = scoreOf(findings, points);
  // The judgement counts in the stats include rules switched off: they never follow a setting.
  const judged = hidden.length ? applyDirectives([...findings, ...hidden], model).kept : findings;
  const stats = buildStats(model, derived, profile, findings, judged);
  const result: AnalysisResult = { profile: choice, stats, score, tier: tierOf(tierScore === -1 ? score : tierScore, review.points, review.sendBack), findings, deductions };
  if (review.reasons.length) result.tierReasons = review.reasons;
  if (waivers.length) result.waivers = waivers;
  const title = reportTitle(model);
  return title ? { title, ...result } : result;
}
