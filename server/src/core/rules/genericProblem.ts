import { itemHead, type Item } from '../items';
import type { LexHit, Rule, RuleContext } from '../rule';
import { scanEvidence } from '../evidence';
import { roleAnchor } from './shares';
import { citeEn } from '../documents';

const SOURCE_ZH = '《党建述职评价考核工作实施方案》：查找问题要见人见事见思路，不能大而化之';
const SOURCE_EN = `${citeEn('党建述职评价考核工作实施方案')}: find the problems with the people, the matters and the thinking in view, not in generalities`;

/** Where the problem itself ends: a cause written inside the item ("究其原因…") is not judged here. */
export function problemEnd(ctx: RuleContext, item: Item): number {
  const at = ctx.derived.firstIn('cause-lead', item.bodyStart, item.end);
  return at > item.bodyStart ? at : item.end;
}

/**
 * Figures that do not belong to the problem: a span of time it has lasted ("2024年以来") and a
 * concession before it ("虽然全年参加集中学习12次，但…" counts the work done, not the shortfall).
 */
const NOT_THE_PROBLEM = /(?:(?:19|20)\d\d\s*年(?:度)?|\d{1,2}\s*年)(?:以来|来)|(?:虽然|虽|尽管)[^。；！？，,]{0,40}[，,](?=\s*(?:但|可|却|还|仍))/g;

/** An item names a matter when it carries a figure, a name, an example or a consequence. */
export function isSpecific(ctx: RuleContext, start: number, end: number): boolean {
  const text = ctx.model.text;
  let ev = scanEvidence(text, start, end);
  if (ev.figure || ev.name || ev.quoted > 0) {
    // Read again without the spans that are not the problem, only when there are some.
    const slice = text.slice(start, Math.min(end, start + 2000));
    if (!/来|虽|尽管/.test(slice)) return true;
    const own = slice.replace(NOT_THE_PROBLEM, (m) => ' '.repeat(m.length));
    ev = scanEvidence(own, 0, own.length);
    if (ev.figure || ev.name || ev.quoted > 0) return true;
  }
  return ctx.derived.countIn('example', start, end) > 0 || ctx.derived.countIn('event', start, end) > 0;
}

export const genericProblem: Rule = {
  order: 8,
  name: { zh: '问题大而化之', en: 'Problem stated too broadly' },
  cap: 10,
  id: 'generic-problem',
  description: { zh: '一条问题大而化之，不见人、不见事、不见后果（每条问题一条）', en: 'A problem stated so broadly that it names no person, matter or consequence (one per item)' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '《党建述职评价考核工作实施方案》：“查找问题要见人见事见思路，不能大而化之”',
  check(ctx) {
    const { model, derived } = ctx;
    const lex = derived.lex.filter((h) => h.entry.kind === 'boilerplate-problem');
    const flagged: { item: Item; end: number; phrase?: LexHit }[] = [];
    let total = 0;
    let k = 0;
    for (const item of derived.items) {
      if (item.role !== 'problems' || item.unfilled) continue;
      total++;
      const end = problemEnd(ctx, item);
      // A line too short to say anything ("二是作风方面") is a title, not a problem stated.
      if (end - item.bodyStart < 6 || isSpecific(ctx, item.bodyStart, end)) continue;
      // "集体经济底子薄，我村地处山区" is a circumstance blamed, not a vague self-criticism:
      // no-subjective-cause speaks to it. One word such as 底子薄 can head a boilerplate problem;
      // blamed twice over, it is a complaint.
      if (derived.countIn('cause-external', item.bodyStart, end) >= 2 && derived.countIn('cause-self', item.bodyStart, end) === 0) continue;
      while (k < lex.length && lex[k].end <= item.start) k++;
      flagged.push({ item, end, phrase: lex[k] && lex[k].start < end ? lex[k] : undefined });
    }
    // The part as a whole: in related information, on the part's heading, not as a finding.
    const part = roleAnchor(ctx, 'problems');
    const related = [
      {
        message: { zh: `问题部分共 ${total} 条，其中 ${flagged.length} 条没有写出具体的人和事`, en: `${flagged.length} of the ${total} problems in the problems part name no concrete person or matter` },
        start: part.start,
        end: part.end,
      },
    ];
    for (const { item, end, phrase } of flagged) {
      const said = itemHead(model.text, item);
      ctx.report({
        start: item.start,
        end: Math.max(item.start + 1, Math.min(item.headEnd, end)),
        message: {
          zh: `这条问题“${said}”${phrase ? `用的是套话“${phrase.entry.phrase}”，` : ''}没有写出具体是哪项工作、哪件事、涉及哪些人、造成了什么后果（${SOURCE_ZH}）。${phrase?.entry.suggest ? '建议：' + phrase.entry.suggest : '请补上一件具体的事。'}`,
          en: `This problem ("${said}")${phrase ? ` uses the stock phrase "${phrase.entry.phrase}" and` : ''} does not say which piece of work or which matter it was, who was involved, or what it led to (${SOURCE_EN}). ${phrase?.entry.suggestEn ? 'Suggestion: ' + phrase.entry.suggestEn : 'Add one concrete case.'}`,
        },
        related,
        data: phrase ? { phrase: phrase.entry.phrase } : undefined,
        weight: 2,
      });
    }
  },
};
