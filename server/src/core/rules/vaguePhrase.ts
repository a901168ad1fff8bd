import type { Rule } from '../rule';
import type { LexiconEntry } from '../types';

/** Kinds that other rules judge where they belong: problems for generic-problem, plans for vague-measure. */
const OWNED: Record<string, readonly string[]> = { 'boilerplate-problem': ['problems', 'causes'], 'empty-measure': ['plans'] };

export const vaguePhrase: Rule = {
  order: 6,
  name: { zh: '空话套话', en: 'Vague or formulaic phrase' },
  cap: 10,
  fix: 'rewrite',
  id: 'vague-phrase',
  description: { zh: '空话、套话（含“在……的坚强领导下”这类中间可变的格式）、口号、夸大其词', en: 'Empty or formulaic phrasing (templates with a variable middle included), slogans, inflated claims' },
  defaultSeverity: 'info',
  tags: ['wording'],
  source: '《党建述职评价考核工作实施方案》：“切忌‘虚、空、飘’”，不能“喊空口号、摆花架子”；《双述双评活动实施方案》：“不讲空话套话”',
  check(ctx) {
    const { model, derived, knowledge } = ctx;
    const kinds = new Map(knowledge.lexicon.kinds.map((k) => [k.id, k]));
    for (const h of derived.lex) {
      const role = model.blockRole[h.block];
      if (OWNED[h.entry.kind]?.includes(role)) continue;
      // A phrase in a sentence that carries a figure or a date is less empty: let it be.
      if (h.concrete && !h.entry.always) continue;
      const kind = kinds.get(h.entry.kind);
      const suggest = h.entry.suggest ? `建议：${h.entry.suggest}` : '';
      ctx.report({
        start: h.start,
        end: h.end,
        message: {
          zh: `“${h.entry.phrase}”（${kind?.name ?? h.entry.kind}）：${h.entry.reason}${suggest ? ' ' + suggest : ''}`,
          en: `"${h.entry.phrase}" (${kind?.nameEn ?? h.entry.kind}): ${english(h.entry)}`,
        },
        data: { phrase: h.entry.phrase, kind: h.entry.kind, suggest: h.entry.suggest, suggestEn: h.entry.suggestEn },
        weight: 1,
      });
    }
  },
};

/**
 * The built-in entries carry their reason and suggestion in English (lexicon.json), and a user's
 * own entry may too (reasonEn, suggestEn); one without says the general thing in English.
 */
type Bilingual = LexiconEntry;

const GENERIC_EN = 'vague or formulaic wording; give facts instead.';

function english(entry: Bilingual): string {
  if (!entry.reasonEn) return GENERIC_EN;
  return entry.suggestEn ? `${entry.reasonEn} Suggestion: ${entry.suggestEn}` : entry.reasonEn;
}
