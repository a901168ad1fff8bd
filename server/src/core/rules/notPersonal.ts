import type { Rule } from '../rule';
import { roleAnchor } from './shares';
import { citeEn } from '../documents';

const PLAN_EN = citeEn('党建述职评价考核工作实施方案');

export const notPersonal: Rule = {
  order: 10,
  name: { zh: '不讲个人履职', en: 'Not about the reporter' },
  cap: 8,
  id: 'not-personal',
  description: { zh: '只讲面上工作，不讲个人履职', en: 'The report speaks of the unit, not of the reporter\'s own duty' },
  defaultSeverity: 'warning',
  tags: ['content'],
  source: '《党建述职评价考核工作实施方案》：“防止就事论事，只讲面上工作，不讲个人履职尽责情况”',
  check(ctx) {
    const { model, derived } = ctx;
    let mine = 0;
    let ours = 0;
    let mineInProblems = 0;
    let problemBlocks = 0;
    let oursInProblems = 0;
    for (const b of derived.bodyBlocks) {
      const m = derived.signalsInBlock(b, 'first-person');
      mine += m;
      ours += derived.signalsInBlock(b, 'unit-voice');
      if (model.blockRole[b] === 'problems' && model.blocks[b].units >= 8) {
        problemBlocks++;
        mineInProblems += m;
        oursInProblems += derived.signalsInBlock(b, 'unit-voice');
      }
    }
    // A short draft has not had the chance yet.
    if (model.units < 150) return;
    if (mine === 0 || (mine <= 2 && ours >= 8 * mine)) {
      ctx.report({
        ...derived.anchor,
        message: {
          zh: `全文${mine === 0 ? '没有一处' : `只有 ${mine} 处`}讲到“我”“本人”${ours ? `，却有 ${ours} 处“我们”“我单位”“支部”等，读来是单位工作总结而非个人述职` : '，看不出本人做了什么'}（《党建述职评价考核工作实施方案》：真正把自己摆进去，防止只讲面上工作，不讲个人履职尽责情况）。`,
          en: `The report ${mine === 0 ? 'never once says' : `says only ${mine} times`} "我" or "本人" (I, myself)${ours ? `, yet ${ours} times "我们", "我单位", "支部" and the like (we, our unit, the branch): it reads as a summary of the unit's work, not a personal duty report` : ': it does not show what you yourself did'} (${PLAN_EN}: truly put yourself into the report; do not speak only of the work in general and leave out how you performed your own duties).`,
        },
        data: { firstPerson: mine, unitVoice: ours },
        weight: 8,
      });
    } else if (problemBlocks > 0 && mineInProblems === 0 && oursInProblems >= 2) {
      ctx.report({
        ...roleAnchor(ctx, 'problems'),
        severity: 'info',
        message: {
          zh: '问题部分没有讲到本人，只讲了面上的问题（《党建述职评价考核工作实施方案》：既要查找本地工作中存在的突出问题，也要查找个人履职尽责方面存在的问题）。',
          en: `The problems part does not speak of you, only of problems in the work in general (${PLAN_EN}: find both the outstanding problems in the local work and the problems in your own performance of duty).`,
        },
        weight: 2,
      });
    }
  },
};
