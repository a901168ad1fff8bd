import type { Rule } from '../rule';
import { roleAnchor } from './shares';

/** Paragraphs shorter than this are headings in disguise or one-line lists. */
const MIN_UNITS = 30;

export const noEvidence: Rule = {
  id: 'no-evidence',
  description: { zh: '成绩段落没有数据、时间、名称或实例', en: 'An achievement paragraph has no figure, date, name or example' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '002 “提倡用实例、数据说话”',
  check(ctx) {
    const { model, derived } = ctx;
    let substantive = 0;
    let bare = 0;
    let placeholders = 0;
    for (const b of derived.bodyBlocks) {
      const blk = model.blocks[b];
      if (model.blockRole[b] !== 'achievements' || blk.kind === 'heading' || blk.kind === 'table' || blk.units < MIN_UNITS) continue;
      substantive++;
      const ev = model.evidence(b);
      if (ev.figure || ev.name || derived.signalsInBlock(b, 'example') > 0) continue;
      bare++;
      if (ev.placeholder) placeholders++;
      const lineEnd = model.index.lineEnd(blk.line);
      ctx.report({
        start: blk.contentStart,
        end: Math.min(lineEnd, blk.contentStart + 40),
        message: ev.placeholder
          ? { zh: '这段成绩里只有占位符（如20XX年、X次），还没有真实数据：请填上实际的时间、次数、人数或金额（002：提倡用实例、数据说话）。', en: 'This achievement paragraph has only placeholders (20XX, X times), no real figures yet.' }
          : { zh: '这段成绩没有数据、时间、名称或实例，评议时无从核实：请写明做了几次、覆盖多少人、办成哪件事（002：提倡用实例、数据说话）。', en: 'This achievement paragraph has no figure, date, name or example (seed 002: let examples and figures speak).' },
        weight: 1,
      });
    }
    // The whole part without one figure is a different matter from one thin paragraph.
    if (substantive >= 2 && bare === substantive) {
      ctx.report({
        ...roleAnchor(ctx, 'achievements'),
        severity: 'warning',
        message: {
          zh: `成绩部分 ${substantive} 段都没有数据、时间或实例${placeholders ? '（占位符不算数据）' : ''}，整体“虚、空、飘”（002：提倡用实例、数据说话，切忌“虚、空、飘”）。`,
          en: `None of the ${substantive} achievement paragraphs gives a figure, date or example (seed 002).`,
        },
        weight: 8,
      });
    }
  },
};
