import type { Rule } from '../rule';
import { sliceWhole } from '../text';
import { placeholderSpans } from '../unfilled';

export const unfilled: Rule = {
  order: 13,
  name: { zh: '待填写', en: 'Unfilled' },
  cap: 24,
  id: 'unfilled',
  description: { zh: '提纲的提示文字或占位符还没有换成实际内容', en: 'An outline instruction or a placeholder still stands in place of real content' },
  defaultSeverity: 'warning',
  tags: ['structure'],
  source: '《党建述职评价考核工作实施方案》：“提倡用实例、数据说话”',
  check(ctx) {
    const { model, derived } = ctx;
    const { text } = model;
    for (const h of model.hints) {
      const lineEnd = model.index.lineEnd(model.index.lineOf(h.start));
      const end = Math.min(h.end, lineEnd, h.start + 40);
      const shown = sliceWhole(text, h.start, Math.min(h.end, h.start + 16));
      ctx.report({
        start: h.start,
        end: Math.max(end, h.start + 1),
        message: {
          zh: `待填写：“${shown}${h.end - h.start > 16 ? '……' : ''}”是提纲的提示文字，还没有换成本人的实际内容；它不计字数，也不算写到了哪项必述内容。`,
          en: `Unfilled: "${shown}${h.end - h.start > 16 ? '…' : ''}" is an outline instruction, not yet replaced by your own content; it counts no characters and covers no required topic.`,
        },
        data: { hint: true },
        weight: 4,
      });
    }
    // Placeholders inside problems, causes and measures, where no other rule speaks of them
    // (no-evidence already names those in achievement paragraphs): one finding per item.
    for (const item of derived.items) {
      if (item.unfilled || item.role === 'achievements') continue;
      const ph = placeholderSpans(text, item.bodyStart, item.end);
      if (!ph.length) continue;
      const p = ph[0];
      ctx.report({
        start: p.start,
        end: p.end,
        message: {
          zh: `待填写：“${text.slice(p.start, p.end)}”还是占位符，请填上实际的时间、次数或比例${ph.length > 1 ? `（这一条共有 ${ph.length} 处）` : ''}。`,
          en: `Unfilled: "${text.slice(p.start, p.end)}" is a placeholder; fill in the real date, count or share${ph.length > 1 ? ` (${ph.length} in this item)` : ''}.`,
        },
        data: { placeholder: true },
        weight: 2,
      });
    }
  },
};
