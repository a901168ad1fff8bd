import type { Rule } from '../rule';
import { roleAnchor } from './shares';

export const genericProblem: Rule = {
  id: 'generic-problem',
  description: { zh: '问题写得大而化之，不见人、不见事、不见思路', en: 'A problem stated so broadly that it names no person, matter or idea' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '002 “查找问题要见人见事见思路，不能大而化之”',
  check(ctx) {
    const { model, derived } = ctx;
    const specific = new Set<number>();
    let items = 0;
    for (const b of derived.bodyBlocks) {
      if (model.blockRole[b] !== 'problems' || model.blocks[b].units < 8) continue;
      if (model.blocks[b].kind === 'heading' && model.blocks[b].units < 20) continue;
      items++;
      const ev = model.evidence(b);
      if (ev.figure || ev.name || derived.signalsInBlock(b, 'example') > 0) specific.add(b);
    }
    for (const h of derived.lex) {
      if (h.entry.kind !== 'boilerplate-problem' || model.blockRole[h.block] !== 'problems') continue;
      if (h.concrete || specific.has(h.block)) continue;
      ctx.report({
        start: h.start,
        end: h.end,
        message: {
          zh: `“${h.entry.phrase}”说得大而化之，没有具体的人和事（002：查找问题要见人见事见思路）。${h.entry.suggest ? '建议：' + h.entry.suggest : ''}`,
          en: `"${h.entry.phrase}" is too broad: name the matter, the people and the consequence (seed 002).`,
        },
        data: { phrase: h.entry.phrase },
        weight: 2,
      });
    }
    if (items >= 1 && specific.size === 0) {
      ctx.report({
        ...roleAnchor(ctx, 'problems'),
        severity: 'warning',
        message: {
          zh: '问题部分没有一处具体的事例、数据或名称，只是泛泛而谈（002：查找问题要见人见事见思路，不能大而化之；防止讲问题轻描淡写）。请写明哪项工作、哪件事、造成了什么后果。',
          en: 'The problems part names no concrete matter, example or figure (seed 002: problems must name people, matters and ideas).',
        },
        weight: 8,
      });
    }
  },
};
