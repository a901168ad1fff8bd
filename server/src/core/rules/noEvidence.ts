import type { ReportModel } from '../model';
import type { Rule } from '../rule';
import { citeEn } from '../documents';

/** Paragraphs shorter than this are headings in disguise or one-line lists. */
const MIN_UNITS = 30;

/** A paragraph of the achievements that no-evidence reads (and the tier counts). */
export function isAchievementParagraph(model: ReportModel, b: number): boolean {
  const blk = model.blocks[b];
  return model.blockRole[b] === 'achievements' && blk.kind !== 'heading' && blk.kind !== 'table' && blk.units >= MIN_UNITS;
}
const SOURCE_ZH = '《党建述职评价考核工作实施方案》：提倡用实例、数据说话';
const SOURCE_EN = `${citeEn('党建述职评价考核工作实施方案')}: let examples and figures speak`;
/** A routine kept ("每月发一次政策提示") is a checkable fact; a deadline word alone is not. */
const FREQUENCY = /每(?:天|日|周|月|季度?|半年|年)/;
/**
 * One relative's own event, as integrity parts tell one ("今年女儿结婚，我按规定报告"): bare kin
 * words are not enough, they fill the formula too ("教育女儿儿子遵纪守法", "像儿子一样照顾老人").
 */
const KIN_EVENT = /(?:女儿|儿子|侄子|侄女|外甥|儿媳|女婿|岳父|岳母|父亲|母亲|弟弟|妹妹|哥哥|姐姐|爱人|妻子|丈夫)[^。；，,]{0,12}(?:结婚|出嫁|办婚礼|升学|考上|入伍|去世|病故|住院|申请|报考|应聘|承包|投标|参加招聘)/;
const routineOrKin = (t: string) => FREQUENCY.test(t) || KIN_EVENT.test(t);

export const noEvidence: Rule = {
  order: 7,
  name: { zh: '成绩缺实例数据', en: 'Achievement without evidence' },
  cap: 12,
  id: 'no-evidence',
  description: { zh: '一段成绩没有数据、时间、名称或实例（每段一条）', en: 'An achievement paragraph with no figure, date, name or example (one per paragraph)' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '《党建述职评价考核工作实施方案》：“提倡用实例、数据说话”',
  check(ctx) {
    const { model, derived } = ctx;
    for (const b of derived.bodyBlocks) {
      const blk = model.blocks[b];
      if (!isAchievementParagraph(model, b)) continue;
      const ev = model.evidence(b);
      const from = blk.marker ? blk.marker.end : blk.contentStart;
      // A figure, a name, two named activities, an example or a particular occasion.
      if (ev.figure || ev.name || ev.quoted >= 2 || derived.countIn('example', from, blk.end) > 0 || derived.countIn('event', from, blk.end) > 0 || routineOrKin(model.text.slice(from, Math.min(blk.end, from + 2000)))) continue;
      // A title line with its text on the next line and no blank between ("（二）人口计生工作"
      // then the paragraph, as Word pastes it): the finding is on the text, not on the title.
      let at = blk.contentStart;
      let line = blk.line;
      const firstEnd = model.index.lineEnd(blk.line);
      if (blk.endLine > blk.line && firstEnd - at <= 24 && !/[。；！？]/.test(model.text.slice(at, firstEnd))) {
        line = blk.line + 1;
        at = model.index.starts[line];
        while (at < blk.end && /[ \t　]/.test(model.text[at])) at++;
      }
      const lineEnd = model.index.lineEnd(line);
      ctx.report({
        start: at,
        end: Math.max(at + 1, Math.min(lineEnd, at + 40)),
        message: ev.placeholder
          ? { zh: `这段成绩里只有占位符（如20XX年、X次），还没有真实数据：请填上实际的时间、次数、人数或金额（${SOURCE_ZH}）。`, en: `This achievement paragraph has only placeholders (such as 20XX or X times), no real figures yet: fill in the actual dates, counts, numbers of people or amounts (${SOURCE_EN}).` }
          : { zh: `这段成绩没有数据、时间、名称或实例，评议时无从核实：请写明做了几次、覆盖多少人、办成哪件事（${SOURCE_ZH}）。`, en: `This achievement paragraph has no figure, date, name or example, so the reviewers cannot check it: say how many times, how many people it reached, which matter was settled (${SOURCE_EN}).` },
        data: ev.placeholder ? { placeholder: true } : undefined,
        weight: 1.5,
      });
    }
  },
};
