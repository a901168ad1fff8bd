import type { Rule } from '../rule';
import { citeEn } from '../documents';

const SOURCE_ZH = '《党建述职评价考核工作实施方案》：要深入分析存在问题的原因，特别是主观方面的原因';
const SOURCE_EN = `${citeEn('党建述职评价考核工作实施方案')}: analyse the causes of the problems in depth, above all the subjective ones`;

export const noSubjectiveCause: Rule = {
  order: 9,
  name: { zh: '原因只讲客观', en: 'Only objective causes' },
  cap: 5,
  id: 'no-subjective-cause',
  description: { zh: '原因（原因分析部分或问题条目里的“究其原因……”）只讲客观、不讲主观', en: 'Causes, in a causes part or inside problem items, that are all circumstances and none the reporter\'s own' },
  defaultSeverity: 'warning',
  tags: ['content'],
  source: '《党建述职评价考核工作实施方案》：“要深入分析存在问题的原因，特别是主观方面的原因”',
  check(ctx) {
    const { model, derived } = ctx;
    // The reporter taking the cause on (我对, 我们, 自身, 思想上…); not any 个人, which is
    // also "两个人" in "审核岗只有两个人".
    const selfIn = (start: number, end: number) =>
      derived.countIn('cause-self', start, end);
    // Causes are read where they are written: a causes part, or inside the problem items
    // ("究其原因，主要是…").
    const spans: { start: number; end: number }[] = [];
    for (const b of derived.bodyBlocks) {
      if (model.blockRole[b] !== 'causes') continue;
      const blk = model.blocks[b];
      if (blk.kind === 'heading') continue;
      spans.push({ start: blk.contentStart, end: blk.end });
    }
    for (const item of derived.items) {
      if (item.role !== 'problems') continue;
      const at = derived.firstIn('cause-lead', item.bodyStart, item.end);
      if (at !== -1) spans.push({ start: at, end: item.end });
    }
    // A problems part that is itself a list of circumstances ("上级任务太多", "群众观念落后",
    // "底子薄") blames others as surely as a causes part does.
    const problemItems = derived.items.filter((it) => it.role === 'problems');
    const blaming = problemItems.filter((it) => derived.countIn('cause-external', it.bodyStart, it.end) + derived.countIn('cause-objective', it.bodyStart, it.end) > 0 && selfIn(it.bodyStart, it.end) === 0);
    const fromProblems = problemItems.length >= 2 && blaming.length * 2 > problemItems.length;
    if (fromProblems) for (const it of blaming) spans.push({ start: it.bodyStart, end: it.end });
    if (spans.length === 0) return;
    let self = 0;
    let external = 0;
    for (const s of spans) {
      self += selfIn(s.start, s.end);
      external += derived.countIn('cause-external', s.start, s.end) + derived.countIn('cause-objective', s.start, s.end);
    }
    // Only a positive finding of blame: causes that name neither side are left to the reader.
    if (self > 0 || external === 0) return;
    const si = derived.sectionOfRole.causes;
    const sec = si !== undefined ? model.sections[si] : undefined;
    spans.sort((a, b) => a.start - b.start);
    const first = spans[0];
    ctx.report({
      start: sec ? sec.titleStart : first.start,
      end: sec ? sec.titleEnd : Math.min(model.index.lineEnd(model.index.lineOf(first.start)), first.start + 30),
      message: {
        zh: `原因分析只讲了任务重、条件差、上级和群众等客观原因，没有从自身找原因（${SOURCE_ZH}）。请写明本人在思想认识、责任落实、能力作风上的原因。`,
        en: `The cause analysis names only objective causes (heavy tasks, poor conditions, superiors, the public) and none in yourself (${SOURCE_EN}). Say what in your own thinking, sense of responsibility, ability and style of work caused the problems.`,
      },
      data: { objective: external, fromProblems },
      weight: 5,
    });
  },
};
