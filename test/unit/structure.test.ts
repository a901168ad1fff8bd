import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { matchMarker } from '../../server/src/core/blocks';
import { knowledgeFor } from '../../server/src/core/knowledge';
import { buildModel } from '../../server/src/core/model';
import { countUnits } from '../../server/src/core/text';
import { PART_HEADINGS, rolesFromTitle } from '../../server/src/core/signals';
import type { Role } from '../../server/src/core/types';

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

const knowledge = knowledgeFor(undefined);
/** The role the model gives the block holding `needle`. */
function roleAt(text: string, needle: string): string {
  const m = buildModel(text, knowledge.matcher);
  const at = text.indexOf(needle);
  assert.ok(at !== -1, needle);
  const b = m.blocks.findIndex((blk) => blk.start <= at && at < blk.end);
  assert.ok(b !== -1, `no block holds ${needle}`);
  return m.blockRole[b];
}

const HEAD = ['# 2024年度镇党委书记抓基层党建工作述职报告', '', '## 一、主要工作', '', '全年我主持召开党委会专题研究党建工作9次，走访全镇14个村党支部，调整充实村“两委”成员6名。', ''];
const CLOSE = ['', '以上述职，请予评议。', '', '述职人：马某某', '2025年1月8日'];

describe('combined part headings', () => {
  const problemsAndCauses = lines(
    ...HEAD,
    '## 二、存在问题及原因分析',
    '',
    '（一）村级后备力量储备不足。全镇有5个村没有35岁以下的后备干部。究其原因，是我把精力放在项目上，没有把育人当成硬任务。',
    '',
    '（二）软弱涣散村整顿不彻底。东坪村摘帽后半年又出现班子不和。根子在我验收时只看材料，没有回头看。',
    '',
    '## 三、下步打算',
    '',
    '2025年3月底前，由我牵头为5个村各物色2名后备人选，组织委员每季度向我报告一次培养情况。',
    ...CLOSE,
  );
  it('counts causes written inside the problem items as the causes part', () => {
    const r = analyze(problemsAndCauses, { profile: 'party-secretary' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section'), []);
  });
  it('does not read the heading "问题及原因分析" as a cause lead', () => {
    assert.equal(roleAt(problemsAndCauses, '（一）村级后备力量'), 'problems');
  });
  it('still reports missing causes when the problems give none', () => {
    const text = problemsAndCauses.replace('究其原因，是我把精力放在项目上，没有把育人当成硬任务。', '').replace('根子在我验收时只看材料，没有回头看。', '');
    const r = analyze(text, { profile: 'party-secretary' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section), ['causes']);
  });
  it('does not take "主要是" that lists the problems for a cause', () => {
    const text = problemsAndCauses
      .replace('究其原因，是我把精力放在项目上，没有把育人当成硬任务。', '')
      .replace('根子在我验收时只看材料，没有回头看。', '')
      .replace('（一）村级后备力量储备不足。', '（一）与上级要求相比仍有差距，主要是后备力量储备不足。');
    const r = analyze(text, { profile: 'party-secretary' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section), ['causes']);
  });

  const problemsAndMeasures = lines(
    ...HEAD,
    '## 二、存在问题及整改措施',
    '',
    '（一）党员教育方式单一。全年12次主题党日有9次是集中读文件，外出务工的31名党员基本没有参加。',
    '',
    '原因分析：主要是我对流动党员的情况掌握不细，图省事，没有想办法。',
    '',
    '（二）村务公开不及时。有3个村第三季度的财务账目到11月才公开，群众有意见。',
    '',
    '2025年3月底前，我牵头建立流动党员微信学习群，每月推送学习内容不少于4次；6月底前督促各村按季度公开财务，镇纪委每季度抽查一次。',
    ...CLOSE,
  );
  it('reads a "原因分析：" paragraph in a combined part as causes', () => {
    assert.equal(roleAt(problemsAndMeasures, '原因分析：主要是'), 'causes');
  });
  it('returns to problems at the next item of the problem list after a cause paragraph', () => {
    assert.equal(roleAt(problemsAndMeasures, '（二）村务公开不及时'), 'problems');
  });
  it('reads a measure led by the coming year as the plans of a part named "问题及整改措施"', () => {
    assert.equal(roleAt(problemsAndMeasures, '2025年3月底前，我牵头'), 'plans');
    const r = analyze(problemsAndMeasures, { profile: 'general' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section'), []);
  });
  it('does not take last year for the coming one', () => {
    const text = problemsAndMeasures.replace('（二）村务公开不及时。', '（二）2024年9月起，村务公开不及时。');
    assert.equal(roleAt(text, '（二）2024年9月起'), 'problems');
  });
});

describe('items that do not name a part', () => {
  it('keeps "三是本领有短板" inside a causes part a cause', () => {
    const text = lines(
      ...HEAD,
      '## 二、存在的问题',
      '',
      '一是抓村级后备力量不够，全镇5个村没有35岁以下的后备干部。',
      '',
      '## 三、原因分析',
      '',
      '一是重经济轻党建，今年专题研究党建只有两次。',
      '二是督促不够，对各村的任务只开会布置、不跟踪。',
      '三是本领有短板。我对两新组织党建的做法不熟悉，遇到难题习惯等上级出政策。',
      '',
      '## 四、下步打算',
      '',
      '2025年6月底前，我到每个村讲一次党课，并为每村物色2名后备人选。',
      ...CLOSE,
    );
    assert.equal(roleAt(text, '三是本领有短板'), 'causes');
  });
});

describe('the end of a report', () => {
  const plansThenVow = (vow: string) =>
    lines(
      ...HEAD,
      '## 二、存在的问题',
      '',
      '我下村调研只有8次，对东坪村班子不和的苗头发现晚了，直到村民到镇里反映才去处理。',
      '',
      '## 三、下步打算',
      '',
      '一是2025年起，我每月至少到2个村蹲点一天，年底前走遍14个村。二是3月底前由组织委员牵头，为东坪村调整1名支委。',
      '',
      vow,
      ...CLOSE,
    );
  for (const vow of ['总之，在新的一年里，我将继续努力，扬长避短，不辜负组织的信任。', '新的一年，我将以更加饱满的热情、更加务实的作风，为全镇发展作出新的更大贡献。']) {
    it(`reads a closing vow as the closing, not a measure: ${vow.slice(0, 8)}`, () => {
      const text = plansThenVow(vow);
      assert.equal(roleAt(text, vow.slice(0, 12)), 'other');
      assert.equal(roleAt(text, '一是2025年起'), 'plans');
    });
  }
  it('keeps a pledge with figures a measure', () => {
    const vow = '新的一年，我将以更加务实的作风，力争全镇发展党员不少于20名。';
    assert.equal(roleAt(plansThenVow(vow), vow.slice(0, 12)), 'plans');
  });
  it('reports missing plans when the only "plan" is a vow after the problems', () => {
    const text = lines(
      ...HEAD,
      '## 二、存在的问题',
      '',
      '我下村调研只有8次，对东坪村班子不和的苗头发现晚了，直到村民到镇里反映才去处理。',
      '',
      '总之，在今后的工作中，我将一如既往，再接再厉，以更加优异的成绩回报组织的信任。',
      ...CLOSE,
    );
    const r = analyze(text, { profile: 'general' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section), ['plans']);
  });
  it('keeps a vow that is the only measure of a combined part as that measure', () => {
    const text = lines(
      ...HEAD,
      '## 二、存在的不足和今后打算',
      '',
      '我下村调研只有8次，对东坪村班子不和的苗头发现晚了，直到村民到镇里反映才去处理。',
      '',
      '今后，我将进一步改进作风，以更加饱满的热情投入到工作中去。',
      ...CLOSE,
    );
    assert.equal(roleAt(text, '今后，我将'), 'plans');
  });
  it('keeps a pledge that is the only paragraph under a plans heading as that part', () => {
    const text = lines(
      ...HEAD,
      '## 二、存在的问题',
      '',
      '我下村调研只有8次，对东坪村班子不和的苗头发现晚了，直到村民到镇里反映才去处理。',
      '',
      '## 三、下步打算',
      '',
      '新的一年，我将以更加饱满的热情、更加务实的作风，努力把各项工作做得更好。',
      ...CLOSE,
    );
    assert.equal(roleAt(text, '新的一年，我将'), 'plans');
  });
  it('does not take a short measure led by a year for the signature date', () => {
    const text = lines(
      ...HEAD,
      '## 二、存在的问题',
      '',
      '我下村调研只有8次，对东坪村班子不和的苗头发现晚了，直到村民到镇里反映才去处理。',
      '',
      '## 三、下步打算',
      '',
      '2025年，我将每月下村不少于4次。',
      '',
      '2025年6月底前完成东坪村班子调整',
    );
    assert.equal(roleAt(text, '2025年，我将'), 'plans');
    assert.equal(roleAt(text, '2025年6月底前'), 'plans');
  });
  it('still reads the signature and its date as the closing', () => {
    const text = lines(...HEAD, '## 二、存在的问题', '', '我下村调研只有8次，发现问题晚。', '', '## 三、下步打算', '', '2025年，我将每月下村不少于4次。', '', '马某某', '', '二〇二五年一月八日');
    assert.equal(roleAt(text, '马某某'), 'other');
    assert.equal(roleAt(text, '二〇二五年'), 'other');
  });
});

describe('outline markers', () => {
  it('reads "1.2025年…" as item 1 followed by a year, not as a decimal', () => {
    const m = matchMarker('1.2025年3月底前完成', 0, 12);
    assert.equal(m?.kind, 'arabic');
    assert.equal(m?.value, 1);
    assert.equal(m?.text, '1.');
  });
  it('still reads 1.5万 and 2024.3 as figures', () => {
    assert.equal(matchMarker('1.5万元', 0, 5), undefined);
    assert.equal(matchMarker('2024.3', 0, 6), undefined);
    assert.equal(matchMarker('1.2025万元', 0, 9), undefined);
  });
  it('reads bold numbered paragraph headings as parts of their level', () => {
    const text = lines(
      '2024年度社区党委书记述职报告',
      '',
      '**一、主要工作**',
      '',
      '全年我带领社区党委组织志愿服务活动48场，参与党员群众1900人次，化解邻里纠纷37起。',
      '',
      '**二、存在的问题**',
      '',
      '我对辖区3个老旧小区的物业矛盾介入晚，直到居民联名反映才召集协调会。',
      '',
      '**三、下步打算**',
      '',
      '**（一）整改措施**',
      '',
      '2025年3月底前，由我牵头为3个老旧小区各成立1个业主议事会，每月召开一次协调会。',
      '',
      '**（二）努力方向**',
      '',
      '每季度向居民代表通报一次整改进展。',
      '',
      '以上述职，请予评议。',
    );
    const m = buildModel(text, knowledge.matcher);
    const byTitle = (t: string) => m.sections.find((s) => s.title === t);
    assert.equal(byTitle('存在的问题')?.role, 'problems');
    assert.equal(byTitle('下步打算')?.role, 'plans');
    assert.equal(byTitle('整改措施')?.parent, byTitle('下步打算')?.index);
    assert.equal(roleAt(text, '2025年3月底前'), 'plans');
    const r = analyze(text, { profile: 'general' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section' || f.rule === 'outline-numbering'), []);
  });
});

describe('part-heading vocabularies', () => {
  // Headings of the standard outline as reports write them, by role.
  const SAMPLES: Record<string, string[]> = {
    achievements: ['主要工作', '工作成效', '主要成效', '履职情况', '履职尽责情况', '工作完成情况', '工作开展情况', '取得的成效', '主要做法', '党建工作情况'],
    problems: ['存在的问题', '存在问题', '存在的主要问题', '存在的不足', '问题与不足', '不足之处', '差距和不足', '存在问题和不足'],
    causes: ['原因分析', '问题原因', '产生问题的原因', '存在问题的原因', '问题产生的原因'],
    plans: ['下一步打算', '下步打算', '下一步工作计划', '下步思路', '下一步措施', '整改措施', '今后打算', '今后工作努力方向', '努力方向', '改进措施'],
  };

  it('reads a plan made or a target met this year as work done, and a plan for next year as plans', () => {
    for (const h of ['制定年度计划', '落实年初工作目标', '编制村级发展规划', '研究确定年度党建工作安排', '完成三年行动计划']) {
      assert.deepEqual(rolesFromTitle(h), ['achievements'], h);
    }
    for (const h of ['明年工作计划', '下一步工作计划', '2025年工作目标', '今后打算']) assert.deepEqual(rolesFromTitle(h), ['plans'], h);
  });

  for (const [role, headings] of Object.entries(SAMPLES)) {
    it(`the recogniser's ${role} headings are read as ${role} in a report too`, () => {
      for (const h of headings) {
        const strict = PART_HEADINGS.filter(([, re]) => re.test(h)).map(([r]) => r);
        assert.ok(strict.includes(role as (typeof strict)[number]), `${h}: the recogniser reads ${JSON.stringify(strict)}`);
        assert.ok(rolesFromTitle(h).includes(role as Role), `${h}: a report's heading reads ${JSON.stringify(rolesFromTitle(h))}`);
      }
    });
  }
});

describe('plain text drafts (format: text)', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const dir = path.resolve(__dirname, '..', '..', 'samples');
  const rulesOf = (r: ReturnType<typeof analyze>) => r.findings.map((f) => `${f.rule}:${f.message}`).sort();
  for (const file of fs.readdirSync(dir).filter((f: string) => f.endsWith('.md'))) {
    it(`reads Word's "save as text" of ${file} as its Markdown, indented or not`, () => {
      const md = fs.readFileSync(path.join(dir, file), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      // What Word writes: no Markdown marks, a paragraph per line, no blank lines between.
      const paras = md
        .split(/\n\s*\n/)
        .map((p: string) => p.replace(/\n/g, '').replace(/^#+\s*/, '').replace(/\*\*/g, '').trim())
        .filter(Boolean);
      const want = analyze(md);
      for (const text of [paras.map((p: string, i: number) => (i === 0 ? p : '\u3000\u3000' + p)).join('\r\n') + '\r\n', paras.join('\n') + '\n']) {
        const got = analyze(text, { format: 'text' });
        assert.equal(got.profile.id, want.profile.id);
        assert.equal(got.score, want.score);
        assert.deepEqual(rulesOf(got), rulesOf(want));
      }
    });
  }

  it('keeps a Markdown line broken mid-sentence in its paragraph, and splits it in plain text', () => {
    const text = '# 2024年度述职报告\n\n组织学习12次\n\u3000\u3000走访群众30户。\n';
    const paragraphs = (format: 'markdown' | 'text') => buildModel(text, knowledgeFor(undefined).matcher, format).blocks.filter((b) => b.kind === 'paragraph').length;
    assert.equal(paragraphs('markdown'), 1);
    assert.equal(paragraphs('text'), 2);
  });
});

describe('recognising a report by its title (issue 16)', () => {
  const { recognizeReport } = require('../../server/src/core/recognize') as typeof import('../../server/src/core/recognize');
  for (const [text, why] of [
    ['述　职　报　告\n\n各位领导：\n\n我任支部书记。\n', 'a title spaced out with full-width spaces'],
    ['# 述 职 报 告\n\n正文。\n', 'a title spaced out with ASCII spaces'],
    ['---\ntitle: 2024年度个人述职报告\n---\n\n各位领导：\n', 'a title only in the front matter'],
    ['# 述职报告（篇一）\n\n正文。\n', 'a title with a numbered note'],
    ['# 个人工作总结（述职）\n\n各位领导：\n', 'a summary titled as a 述职 in brackets'],
    ['# 2024年度人大代表履职情况报告\n\n正文。\n', "a deputy's 履职 report"],
    ['# 某某街道党工委书记抓基层党建工作述职\n\n正文。\n', 'a short title ending in 述职'],
    ['# 2024年度述职述廉\n\n正文。\n', 'a title ending in 述职述廉'],
    ['# 述职报告——张某某\n\n正文。\n', 'a title with the name after a dash'],
  ]) {
    it(`recognises ${why}`, () => assert.equal(recognizeReport(text).report, true));
  }
  for (const [text, why] of [
    ['# 述职报告助手\n\n一个 VS Code 扩展。\n', "a tool's name"],
    ['# 关于 述职 报告 的 说明\n', 'a sentence about reports'],
    ['---\ntitle: 项目说明\n---\n\n正文\n', 'another front-matter title'],
    ['# 关于做好年度述职工作的通知\n\n各单位：\n', 'a notice about the reporting'],
    ['# 述职评议工作方案\n\n一、目的\n', 'a plan for the review'],
    ['# 述职报告助手 - 使用说明\n\n安装。\n', "a tool's manual with a dash"],
    ['我在会上听了他的述职\n\n正文。\n', 'a sentence ending in 述职'],
  ]) {
    it(`does not take ${why} for a report`, () => assert.equal(recognizeReport(text).report, false));
  }
});

describe('waivers: checks switched off by comments (issue 16)', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', name, 'input.md'), 'utf8');

  it('lists each waiver with what it switched off, where, why and what it hid', () => {
    const r = analyze(fixture('rule-waiver-without-reason-negative'), { profile: 'general' });
    assert.deepEqual(r.waivers, [{ kind: 'disable-line', rules: ['vague-phrase'], line: 10, reason: '引用会上表态原话', hidden: 1 }]);
    assert.ok(!r.findings.some((f) => f.rule === 'waiver-without-reason'));
  });

  it('reports a waiver without a reason, which no comment can hide, and keeps the tier', () => {
    const r = analyze(fixture('rule-waiver-without-reason-positive'), { profile: 'general' });
    assert.equal(r.findings.filter((f) => f.rule === 'waiver-without-reason').length, 1);
    assert.equal(r.waivers?.[0].kind, 'disable');
    assert.ok((r.waivers?.[0].hidden ?? 0) > 0);
    assert.equal(r.tier, '差');
  });

  it('reads the reason after "--", with or without 理由：', () => {
    const r = analyze('# 2024年度述职报告\n\n<!-- duty-report-disable vague-phrase generic-problem -- 本单位另有规定 -->\n\n正文。\n');
    assert.deepEqual(r.waivers?.map((w) => [w.rules, w.reason]), [[['vague-phrase', 'generic-problem'], '本单位另有规定']]);
  });
});

describe('recognising a report by its title: what speaks of reports is none (review)', () => {
  const { recognizeReport } = require('../../server/src/core/recognize') as typeof import('../../server/src/core/recognize');
  for (const text of ['# 述职报告——写作要求\n\n正文。\n', '# 述职报告 - 使用说明\n\n正文。\n', '# 关于做好年度述职\n\n正文。\n', '下午组织村干部述职\n\n正文。\n']) {
    it(`does not take "${text.split('\n')[0]}" for a report`, () => assert.equal(recognizeReport(text).report, false));
  }
});
