import type { Rule } from '../rule';

/** Paragraphs shorter than this are headings in disguise or one-line lists. */
const MIN_UNITS = 30;
const SOURCE_ZH = '《党建述职评价考核工作实施方案》：提倡用实例、数据说话';

export const noEvidence: Rule = {
  id: 'no-evidence',
  description: { zh: '成绩段落没有数据、时间、名称或实例', en: 'An achievement paragraph has no figure, date, name or example' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '002 “提倡用实例、数据说话”',
  check(ctx) {
    const { model, derived } = ctx;
    for (const b of derived.bodyBlocks) {
      const blk = model.blocks[b];
      if (model.blockRole[b] !== 'achievements' || blk.kind === 'heading' || blk.kind === 'table' || blk.units < MIN_UNITS) continue;
      const ev = model.evidence(b);
      const from = blk.marker ? blk.marker.end : blk.contentStart;
      // A figure, a name, two named activities, an example or a particular occasion.
      if (ev.figure || ev.name || ev.quoted >= 2 || derived.countIn('example', from, blk.end) > 0 || derived.countIn('event', from, blk.end) > 0 || derived.countIn('time', from, blk.end) > 0) continue;
      const lineEnd = model.index.lineEnd(blk.line);
      ctx.report({
        start: blk.contentStart,
        end: Math.min(lineEnd, blk.contentStart + 40),
        message: ev.placeholder
          ? { zh: `这段成绩里只有占位符（如20XX年、X次），还没有真实数据：请填上实际的时间、次数、人数或金额（${SOURCE_ZH}）。`, en: 'This achievement paragraph has only placeholders (20XX, X times), no real figures yet.' }
          : { zh: `这段成绩没有数据、时间、名称或实例，评议时无从核实：请写明做了几次、覆盖多少人、办成哪件事（${SOURCE_ZH}）。`, en: 'This achievement paragraph has no figure, date, name or example: let examples and figures speak.' },
        data: ev.placeholder ? { placeholder: true } : undefined,
        weight: 1.5,
      });
    }
  },
};
