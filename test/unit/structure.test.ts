import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { countUnits } from '../../server/src/core/text';

/**
 * Structure: how headings, parts, closings and outline numbers are read. The passages are
 * written for these tests in the way real drafts are written (Word/WPS habits included).
 */
const lines = (...ls: string[]) => ls.join('\n');

describe('字数: the ideographic space', () => {
  it('counts a full-width space used as indentation as nothing, like an ASCII space', () => {
    assert.equal(countUnits('　　全年走访困难群众'), 8);
    assert.equal(countUnits('述职人：　　王某某'), 7);
    assert.equal(countUnits('　　　　'), 0);
  });
  it('still counts full-width punctuation', () => {
    assert.equal(countUnits('　　一是，'), 3);
  });
});

/** A short report around one part heading, to see which roles the heading gives. */
function withHeadings(problemsHeading: string, plansHeading: string) {
  return lines(
    '# 2024年度个人述职报告',
    '',
    '## 一、主要工作',
    '',
    '全年我牵头审核工程结算46项，审减资金312万元；组织业务培训6期，培训乡镇财政所人员150人次。',
    '',
    `## 二、${problemsHeading}`,
    '',
    '一是我下乡镇调研只有5次，对偏远的两个乡镇报账难掌握不及时，导致3笔资金拨付拖过了季度末。二是结算审核只看资料，很少到项目现场，有1个项目的土方量到审计时才发现多计了。',
    '',
    '究其原因，主要是我满足于坐在办公室看材料，怕跑路、怕麻烦。',
    '',
    `## 三、${plansHeading}`,
    '',
    '2025年3月底前，由我牵头制定下乡镇调研计划，每季度到每个乡镇至少一次；6月底前建立重点项目现场踏勘制度，金额50万元以上的结算一律到现场核量。',
    '',
    '以上述职，请予评议。',
  );
}

const missing = (text: string) =>
  analyze(text, { profile: 'general' })
    .findings.filter((f) => f.rule === 'missing-section')
    .map((f) => f.section);

describe('part headings and their roles', () => {
  for (const h of ['存在的困难和问题', '短板弱项', '不足与差距', '困难和不足', '问题和困难', '自身存在的差距']) {
    it(`reads "${h}" as the problems part`, () => {
      assert.deepEqual(missing(withHeadings(h, '下步打算')), []);
    });
  }
  for (const h of ['2025年工作规划', '未来规划', '明年工作目标', '下一年度工作安排', '工作目标', '2025年工作重点']) {
    it(`reads "${h}" as the plans part`, () => {
      assert.deepEqual(missing(withHeadings('存在的问题', h)), []);
    });
  }
  it('still reads a plan carried out as work done, not as plans', () => {
    const r = analyze(withHeadings('存在的问题', '年度目标任务完成情况'), { profile: 'general' });
    assert.ok(r.findings.some((f) => f.rule === 'missing-section' && f.section === 'plans'), JSON.stringify(r.findings.map((f) => f.message)));
  });
  it('still reports a missing plans part', () => {
    const text = withHeadings('存在的困难和问题', '下步打算').split('\n## 三、')[0] + '\n\n以上述职，请予评议。\n';
    assert.deepEqual(missing(text), ['plans']);
  });
});
