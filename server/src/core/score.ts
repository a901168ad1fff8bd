import type { ReportModel } from './model';
import { RULE_LIST } from './rules/index';
import { isAchievementParagraph } from './rules/noEvidence';
import type { Derived } from './rule';
import type { Deduction, Finding, Locale, Severity, Tier } from './types';

/** A finding as the rules stage hands it on; its points live beside it (pointsOf), not on it. */
export type Weighed = Finding;

/**
 * The points of each finding of one analysis: as the user's settings make them, and as the rule
 * itself weighs it. Kept beside the findings, so that nothing has to be deleted from them before
 * they are returned (a delete turns an object into a slow dictionary).
 */
export type Points = Map<Finding, { weight: number; natural: number }>;

/** Points of a finding by severity, where its rule gives no weight of its own or the user set one. */
export const POINTS: Record<Severity, number> = { error: 12, warning: 5, info: 1, hint: 0 };
/**
 * Most points one rule can take, so one noisy kind of finding cannot sink a report alone; each
 * rule module declares its own.
 */
const CAPS: ReadonlyMap<string, number> = new Map(RULE_LIST.map((r) => [r.id, r.cap]));

/**
 * 100 less the points of the findings, each rule capped. `natural`: weigh each finding as its
 * rule does, not as the user's severity settings do (the tier's score).
 */
export function scoreOf(findings: readonly Weighed[], points: Points, natural = false): { score: number; deductions: Deduction[] } {
  const taken: Record<string, number> = {};
  const deductions: Deduction[] = [];
  let total = 0;
  const weightOf = (f: Finding) => {
    const p = points.get(f);
    return p ? (natural ? p.natural : p.weight) : 0;
  };
  const weights = findings.map(weightOf);
  // Errors and warnings first, so the cap of a rule is spent on its weightiest findings.
  const order = findings.map((_, i) => i).sort((a, b) => weights[b] - weights[a]);
  for (const i of order) {
    const f = findings[i];
    const w = weights[i];
    if (w <= 0) continue;
    const cap = CAPS.get(f.rule) ?? 10;
    const room = cap - (taken[f.rule] ?? 0);
    if (room <= 0) continue;
    const points = Math.round(Math.min(w, room) * 10) / 10;
    taken[f.rule] = (taken[f.rule] ?? 0) + points;
    total += points;
    deductions.push({ rule: f.rule, points, finding: i });
  }
  deductions.sort((a, b) => a.finding - b.finding);
  return { score: Math.max(0, Math.round(100 - total)), deductions };
}

/**
 * What a reviewer sends back (《党建述职评价考核工作实施方案》 三、从严审核把关: 只讲成绩、不讲问题,
 * 不分析问题原因, 整改措施空洞无物…), as points: read from what the rules found, whatever
 * severity the user gave them and whether or not they are shown. docs/scoring.md has the model.
 */
export function reviewOf(all: readonly Finding[], model: ReportModel, derived: Derived, locale: Locale): { points: number; sendBack: boolean; reasons: string[] } {
  const reasons: string[] = [];
  let points = 0;
  let sendBack = false;
  const add = (n: number, zh: string, en: string) => {
    points += n;
    reasons.push(locale === 'zh' ? zh : en);
  };
  // One pass over the findings, by rule.
  const byRule = new Map<string, Finding[]>();
  for (const f of all) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const of = (rule: string) => byRule.get(rule) ?? [];
  const missing = new Set(of('missing-section').map((f) => f.section));
  if (missing.has('problems')) {
    sendBack = true;
    reasons.push(locale === 'zh' ? '只讲成绩、不讲问题' : 'achievements only, no problems');
  }
  let problemItems = 0;
  let planItems = 0;
  for (const it of derived.items) {
    if (it.role === 'problems') problemItems++;
    else if (it.role === 'plans') planItems++;
  }
  const generic = of('generic-problem').length;
  const measures = of('vague-measure');
  const asks = measures.filter((f) => f.data?.asksOthers).length;
  const causes = of('no-subjective-cause')[0];
  if (causes) {
    add(2, '原因只讲客观、不讲主观', 'causes only external');
    if (causes.data?.fromProblems) add(1, '所列问题本身都是客观条件', 'the problems listed are circumstances');
  }
  if (missing.has('plans')) add(2, '没有整改措施', 'no measures');
  else if (planItems > 0 && asks * 2 >= planItems) add(2, '整改措施多是请上级或别人去做', 'measures ask others to act');
  else if (planItems > 0 && measures.length >= planItems) add(1, '整改措施条条空泛', 'every measure is empty');
  if (problemItems > 0 && generic >= problemItems) add(1, '问题条条大而化之', 'every problem is generic');
  if (missing.has('causes')) add(1, '没有原因分析', 'no analysis of causes');
  if (of('not-personal').length) add(1, '只讲面上工作、不讲个人履职', 'speaks of the unit, not of the reporter');
  // 一味评功摆好: not one achievement paragraph with a figure, a name or an example.
  const substantive = derived.bodyBlocks.filter((b) => isAchievementParagraph(model, b)).length;
  const bare = of('no-evidence').length;
  if (substantive >= 2 && bare >= substantive) add(1, '成绩部分没有一处数据和实例', 'no achievement paragraph has a figure or an example');
  // An outline left unfilled: the instructions of a snippet or a quick fix still in place.
  const hints = model.hints.length;
  if (hints >= 3) {
    sendBack = true;
    reasons.push(locale === 'zh' ? `提纲还没有填写（还有 ${hints} 处提示文字）` : `the outline is not filled in (${hints} instructions left)`);
  } else if (hints > 0) add(1, '还有提纲的提示文字没有填写', 'outline instructions left unfilled');
  // The paragraphs no-evidence reads (30 字 or more), whose evidence it has already taken.
  const placeholders = derived.bodyBlocks.filter((b) => isAchievementParagraph(model, b) && model.evidence(b).placeholder).length;
  if (placeholders >= 2) add(1, '数据还是占位符（X次、20XX年），没有填实', 'figures are still placeholders');
  return { points, sendBack, reasons };
}

/**
 * The tier: 差 when the report would be sent back (no problems part, or three points of the
 * faults above), 中 when it has any such fault or scores below 85, else 好. A score far down
 * (below 40) is 差 on its own.
 */
export function tierOf(score: number, points = 0, sendBack = false): Tier {
  if (sendBack || points >= 3 || score < 40) return '差';
  if (points > 0 || score < 85) return '中';
  return '好';
}
