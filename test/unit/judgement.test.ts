import * as assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/core/config';
import { analyze, AnalysisResult, Finding } from '../../server/src/core/index';
import { inlineEnumerators } from '../../server/src/core/items';
import { scanEvidence } from '../../server/src/core/evidence';
import { PhraseMatcher } from '../../server/src/core/phraseMatcher';

/**
 * Issue 13: judgement per item, clause facts, causes where they are written, and tiers from
 * what a reviewer sends back. Every report here is written for these tests.
 */
const report = (...parts: string[]) => parts.join('\n\n') + '\n';
const ACHIEVEMENTS =
  '## 一、主要工作\n\n全年我牵头为桃溪镇12个村办理集体资产登记，清理出闲置厂房3处，年底前全部公开招租，村集体增收21.4万元。';
const at = (r: AnalysisResult, rule: string) => r.findings.filter((f) => f.rule === rule);
const lineOf = (text: string, f: Finding) => text.split('\n')[f.range.start.line];
const flagged = (text: string, f: Finding) => lineOf(text, f).slice(f.range.start.character, f.range.end.character);

describe('items inside one paragraph', () => {
  const problems =
    '主要存在三个问题：一是理论学习不够系统深入；二是桃溪村集体资产台账漏登2处仓库，直到8月审计才发现；三是服务群众的意识还有待加强。';
  const text = report('# 2025年度个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', problems, '## 三、下步打算', '一是6月底前由我牵头补登全部漏项资产，并逐村公示。');
  const r = analyze(text, { profile: 'general' });

  it('judges each 一是…；二是… item on its own: the concrete one excuses no sibling', () => {
    const g = at(r, 'generic-problem');
    assert.deepEqual(
      g.map((f) => flagged(text, f).slice(0, 2)),
      ['一是', '三是'],
      JSON.stringify(g.map((f) => f.message)),
    );
  });

  it('anchors on the item in UTF-16 columns, and the lead-in is no item', () => {
    const g = at(r, 'generic-problem');
    const line = lineOf(text, g[0]);
    assert.equal(g[0].range.start.character, line.indexOf('一是'));
    assert.equal(g[1].range.start.character, line.indexOf('三是'));
    assert.ok(!g.some((f) => flagged(text, f).startsWith('主要存在')));
  });

  it('sums the part up in related information and in the stats, not as a finding on the heading', () => {
    const g = at(r, 'generic-problem');
    assert.ok(g.every((f) => f.related?.some((x) => x.message === '问题部分共 3 条，其中 2 条没有写出具体的人和事')));
    assert.ok(!g.some((f) => lineOf(text, f).startsWith('## ')));
    assert.deepEqual(r.stats.items?.problems, { total: 3, generic: 2 });
  });

  it('finds only counting runs: a stray 三是 or a decimal splits nothing', () => {
    const t = '这三是不够的，增长1.5倍';
    assert.deepEqual(inlineEnumerators(t, 0, t.length), []);
    const u = '1.2026年3月底前完成；2.每季度公示一次';
    assert.deepEqual(
      inlineEnumerators(u, 0, u.length).map((e) => e.value),
      [1, 2],
    );
  });
});

describe('measures, item by item', () => {
  const plans = [
    '一是2026年6月底前，由我牵头完成全镇12个村集体资产的复核，逐村张榜公示。',
    '二是进一步加强理论学习，不断提高履职能力。',
    '三是恳请县里加大对我镇道路改造的资金支持。',
    '四是2026年，我将继续做好群众工作。',
  ].join('');
  const text = report('# 个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月，致使一季度租金没有及时收缴。', '## 三、下步打算', plans);
  const r = analyze(text, { profile: 'general' });
  const v = at(r, 'vague-measure');

  it('flags the empty ones and spares the one with a deadline and an owner', () => {
    assert.deepEqual(
      v.map((f) => flagged(text, f).slice(0, 2)),
      ['二是', '三是', '四是'],
    );
  });

  it('says when a measure asks others to act', () => {
    const ask = v.find((f) => flagged(text, f).startsWith('三是'));
    assert.equal(ask?.data?.asksOthers, true);
    assert.match(ask!.message, /请上级或别人去做/);
  });

  it('does not take a bare year for a deadline', () => {
    assert.ok(v.some((f) => flagged(text, f).startsWith('四是2026年')));
  });
});

describe('figures that are not the problem', () => {
  const problems = (item: string) => at(analyze(report('# 个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', item, '## 三、下步打算', '一是3月底前由我牵头制定走访计划。'), { profile: 'general' }), 'generic-problem');

  it('does not take how long a shortfall has lasted, or a concession, for the matter', () => {
    assert.equal(problems('一是联系群众不够紧密，2023年以来深入基层的主动性还不强。').length, 1);
    assert.equal(problems('一是尽管全年走访农户200余户，但联系群众不够紧密，服务意识有待加强。').length, 1);
  });

  it('still takes a figure of the problem itself', () => {
    assert.equal(problems('一是联系群众不够紧密，2023年以来有5件群众来信超过30天才答复。').length, 0);
    assert.equal(problems('一是虽然全年走访农户200余户，但桃溪村3户低保户的复核拖到了11月。').length, 0);
  });
});

describe('quotes, occasions and formulas (third review)', () => {
  const problems = (item: string) => at(analyze(report('# 个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', item, '## 三、下步打算', '一是3月底前由我牵头制定走访计划。'), { profile: 'general' }), 'generic-problem');

  it('does not take a fault or a motto in quotes for a named matter', () => {
    assert.equal(problems('一是工作中存在“重部署、轻落实”的倾向。').length, 1);
    assert.equal(problems('一是思想上存在“船到码头车到站”的想法，干劲不如从前。').length, 1);
    // A named programme in quotes still is one, after 以 or as a pair followed by 活动 too.
    assert.equal(problems('一是“银发课堂”开课后报名的老人不到一半，我没有去问原因。').length, 0);
    assert.equal(problems('一是以“积分超市”为载体的激励后劲不足，兑换物品经常断供。').length, 0);
    assert.equal(problems('一是“支部联建、党员联户”活动流于形式，联户党员很少上门。').length, 0);
  });

  it('keeps boilerplate about meetings and relatives generic (review of the review)', () => {
    assert.equal(problems('一是在组织生活会上没有真正红红脸、出出汗。').length, 1);
    assert.equal(problems('一是对儿子、女儿的要求不够严格，家风建设抓得不紧。').length, 1);
  });

  it('keeps the figures of a concession that runs over two clauses', () => {
    assert.equal(problems('一是虽然全年只参加了支部集中学习3次，远低于要求的12次，但我没有及时补学。').length, 0);
  });

  it('does not count 自己 in the integrity formulas as the reporter speaking', () => {
    const text = report('# 年度述职报告', '## 一、主要工作', '全年管住自己的嘴、管住自己的手，严格要求自己，班子成员分工负责，单位各项工作有序推进，全年完成招商项目6个，新增规上企业4家，园区道路改造2.6公里，办结企业诉求137件，按时办结率98%。', '单位组织开展安全生产检查24次，整改隐患81处，全年未发生较大安全事故；开展“企业服务日”活动12次，走访企业160家次，协调解决用工、用地、融资等问题43个。', '## 二、存在的问题', '单位对3个项目的跟踪服务拖到了年底。', '## 三、下步打算', '一是3月底前完成项目台账。');
    assert.equal(at(analyze(text, { profile: 'general' }), 'not-personal').length, 1);
  });

  it('covers the family-events topic with a wedding told as it happened', () => {
    const text = report('# 2024年度社区两委勤廉双述报告', '## 一、履职情况', '全年调处居民纠纷26起。我女儿10月结婚，事前向街道纪工委书面报告，只请了双方亲戚，没有收社区同事的礼金。', '## 二、存在的问题', '我对3个老旧小区的加装电梯协调拖到年底。', '## 三、下步打算', '一是3月底前召开加装电梯协调会。');
    const t = analyze(text, { profile: 'community-committee' }).stats.topics?.find((x) => x.id === 'family-events');
    assert.equal(t?.covered, true);
  });
});

describe('a deadline or an owner on a stock phrase', () => {
  const measures = (...items: string[]) => at(analyze(report('# 个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', ...items), { profile: 'general' }), 'vague-measure');

  it('holds nothing to account: the measure is flagged as having no content', () => {
    for (const item of ['一是6月底前切实增强宗旨意识，不断提升综合素质。', '一是由我负责，持续改进工作作风，狠抓各项工作落实。', '一是每季度进一步强化责任意识，力争全年工作再上新台阶。']) {
      const f = measures(item);
      assert.equal(f.length, 1, item);
      assert.equal(f[0].data?.noContent, true, item);
      assert.match(f[0].message, /有时限或责任人，却/);
    }
  });

  it('a terse act with its deadline is concrete', () => {
    assert.equal(measures('一是3月底前由我牵头补登。').length, 0);
    assert.equal(measures('一是6月底前建成村级议事会，每季度开会1次。').length, 0);
  });
});

describe('who carries a measure out', () => {
  const measures = (item: string) => at(analyze(report('# 个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', item), { profile: 'general' }), 'vague-measure');

  it('does not take the reporter\'s portfolio (分管工作) for an owner', () => {
    assert.equal(measures('一是要开阔视野，多向兄弟单位取经，把分管领域的各项工作抓实抓好。').length, 1);
  });

  it('still takes a named owner among the leaders', () => {
    assert.equal(measures('一是明确分管领导专门盯办，把仓库复核的进度每周通报一遍。').length, 0);
    assert.equal(measures('一是仓库复核由分管副局长牵头，年内完成。').length, 0);
  });
});

describe('required topics written as cases rather than keywords', () => {
  const topic = (profile: string, id: string, body: string) => {
    const r = analyze(report('# 2024年度述职报告', '## 一、主要工作', body, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', '一是3月底前由我牵头制定走访计划。'), { profile });
    const t = r.stats.topics?.find((x) => x.id === id);
    assert.ok(t, `${profile} has the topic ${id}`);
    return t.covered;
  };

  it("reads a deputy taking voters' matters to county departments as assisting the government", () => {
    assert.equal(topic('npc-deputy', 'assisting-government', '选民反映镇中学门口没有红绿灯，我向县公安交警大队提出建议，交警大队书面答复后于9月装好了信号灯。'), true);
    assert.equal(topic('npc-deputy', 'assisting-government', '我认真学习了代表法，按时参加代表小组活动。'), false);
  });

  it("reads a party member's 工作上 paragraph with its cases as the job duties", () => {
    assert.equal(topic('party-member', 'job-duties', '业务上，全年受理退税申请312笔，办结率100%，平均办理时间压缩到3个工作日。'), true);
    assert.equal(topic('party-member', 'job-duties', '我按时参加支部的三会一课，认真做好学习笔记。'), false);
  });

  it('reads a long-standing dispute settled at coordination meetings as a hot issue handled', () => {
    assert.equal(topic('community-committee', 'hot-issues', '3号楼加装电梯的事吵了两年，我组织楼里住户开了四次协调会，最后按楼层分摊费用，矛盾得到化解，电梯10月投用。'), true);
    assert.equal(topic('community-committee', 'hot-issues', '我按时参加街道组织的业务培训，认真完成了各项报表。'), false);
  });
});

describe('causes where they are written', () => {
  const base = (problems: string) => report('# 个人述职报告', ACHIEVEMENTS, '## 二、存在的问题', problems, '## 三、下步打算', '一是3月底前由我牵头制定走访计划，每月入户不少于8次。');

  it('reads a cause inside a problem item and flags one that blames only circumstances', () => {
    const r = analyze(base('一是桃溪村的矛盾纠纷调处拖了两个月。究其原因，主要是上级任务多、经费不足。'), { profile: 'general' });
    assert.equal(at(r, 'no-subjective-cause').length, 1);
  });

  it('is silent when the reporter takes the cause on', () => {
    const r = analyze(base('一是桃溪村的矛盾纠纷调处拖了两个月。究其原因，主要是我对调解工作重视不够，没有及时到场。'), { profile: 'general' });
    assert.equal(at(r, 'no-subjective-cause').length, 0);
  });

  it('reads a problems part made of circumstances as blame, without a causes part', () => {
    const r = analyze(
      base('一是上级安排的任务多，经费不足，工作难以开展。二是村里人手不足，年轻人外出务工，老龄化严重。三是群众观念落后，群众不配合，交通不便。'),
      { profile: 'general' },
    );
    const f = at(r, 'no-subjective-cause');
    assert.equal(f.length, 1);
    assert.equal(f[0].data?.fromProblems, true);
  });

  it('does not take "我们社区" or "我认为" for a cause in the reporter', () => {
    for (const cause of ['究其原因，主要是我们社区老旧小区多、物业缺位，上级拨付的经费少。', '究其原因，我认为主要是上级任务多，社区人手少。']) {
      const r = analyze(base(`一是12号楼化粪池外溢的投诉拖了三周才处理完。${cause}`), { profile: 'general' });
      assert.equal(at(r, 'no-subjective-cause').length, 1, cause);
    }
  });

  it('still reads a cause the reporter takes on after "我认为"', () => {
    const r = analyze(base('一是12号楼化粪池外溢的投诉拖了三周才处理完。究其原因，我认为主要是我对老旧小区的设施排查不细，等群众投诉才去看。'), { profile: 'general' });
    assert.equal(at(r, 'no-subjective-cause').length, 0);
  });
});

describe('clause facts', () => {
  it('does not count set phrases with numerals as figures', () => {
    for (const t of ['增强“四个意识”、坚定“四个自信”、做到“两个维护”', '认真学习党的二十届三中全会精神', '落实“三会一课”制度']) {
      assert.equal(scanEvidence(t, 0, t.length).figure, false, t);
    }
    assert.equal(scanEvidence('走访了三个村', 0, 6).figure, true);
    assert.equal(scanEvidence('只有十几个人参加', 0, 8).figure, true);
  });

  it('does not take a title studied for work done, but a title acted on is named', () => {
    assert.equal(scanEvidence('认真学习了《中华人民共和国村民委员会组织法》', 0, 24).name, false);
    assert.equal(scanEvidence('牵头修订《桃溪村村规民约》', 0, 13).name, true);
  });

  it('takes one relative and what was done about them for an occasion, not the 述廉 formula', () => {
    const evidence = (para: string) => at(analyze(report('# 个人述职报告', '## 一、主要工作', '我全年牵头完成项目审核37个，审减金额186万元。', para, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', '一是3月底前由我牵头制定走访计划。'), { profile: 'general' }), 'no-evidence');
    assert.equal(evidence('今年我外甥报考本单位的编外岗位，我主动回避，没有参加面试和评分环节，也没有向考官打过招呼。').length, 0);
    assert.equal(evidence('我严格要求配偶子女和身边工作人员，教育家属亲属遵纪守法，从不利用职务之便为他们谋取私利。').length, 1);
  });

  it('names a village or an estate, not a verb before 村', () => {
    assert.equal(scanEvidence('桃溪村的排水渠', 0, 7).name, true);
    assert.equal(scanEvidence('金桂园小区的电梯', 0, 8).name, true);
    assert.equal(scanEvidence('我经常走村入户', 0, 7).name, false);
    assert.equal(scanEvidence('全村党员', 0, 4).name, false);
    assert.equal(scanEvidence('组织集中学习', 0, 6).name, false);
  });

  it('does not count a service number or a reduplicated village word', () => {
    assert.equal(scanEvidence('认真办理12345热线交办件', 0, 14).figure, false);
    assert.equal(scanEvidence('办理热线交办件37件', 0, 10).figure, true);
    assert.equal(scanEvidence('通过村村响广播宣传', 0, 9).name, false);
    assert.equal(scanEvidence('帮助小区居民解决难题', 0, 10).name, false);
  });

  it('counts quoted names apart, so one campaign name alone is weighed less', () => {
    assert.equal(scanEvidence('开展“邻里守望互助行”活动', 0, 13).quoted, 1);
    assert.equal(scanEvidence('落实“三会一课”', 0, 8).quoted, 0);
  });
});

describe('phrase matching across inserted function words', () => {
  it('steps over 还/比较 inside a phrase and reports the whole span', () => {
    const m = new PhraseMatcher<string>('还仍都了的也很较比得尚更');
    m.add('理论学习不够系统', 'a');
    m.add('工作方法简单', 'b');
    const t = '我的理论学习还不够系统，工作方法比较简单。';
    const found: string[] = [];
    m.scan(t, 0, t.length, (s, e) => found.push(t.slice(s, e)));
    assert.deepEqual(found, ['理论学习还不够系统', '工作方法比较简单']);
  });

  it('still matches a pattern that holds a skippable character itself', () => {
    const m = new PhraseMatcher<string>('的');
    m.add('我的', 'x');
    const found: string[] = [];
    m.scan('这是我的责任', 0, 6, (s, e) => found.push('这是我的责任'.slice(s, e)));
    assert.deepEqual(found, ['我的']);
  });

  it('fills a slot within a clause, never across a stop', () => {
    const config = { lexicon: { add: [{ phrase: '在…的坚强领导下', kind: 'empty-filler', reason: '铺垫语', always: true }] } };
    const hit = analyze(report('# 述职报告', '## 一、主要工作', '在县委、县政府的坚强领导下，我牵头完成3个项目。'), { profile: 'general', config });
    assert.ok(at(hit, 'vague-phrase').some((f) => f.data?.phrase === '在…的坚强领导下'));
    const miss = analyze(report('# 述职报告', '## 一、主要工作', '我在桃溪村驻点。县委的坚强领导下的项目完成3个。'), { profile: 'general', config });
    assert.ok(!at(miss, 'vague-phrase').some((f) => f.data?.phrase === '在…的坚强领导下'));
  });
});

describe('tiers a reviewer would sign', () => {
  const sendBack = report(
    '# 个人述职报告',
    '## 一、主要工作',
    '全年我审核低保申请136件，办结率100%，纠正错发3户。',
    '## 二、存在的问题',
    '一是上级布置的任务多，经费不足。二是人手少，年轻人外出务工，群众不配合。',
    '## 三、原因分析',
    '主要是任务重、时间紧，上级培训少，群众观念落后。',
    '## 四、下步打算',
    '一是恳请上级加大资金支持。二是希望上级增加人员编制。',
  );

  it('sends back a report that blames circumstances and asks others to act', () => {
    const r = analyze(sendBack, { profile: 'general' });
    assert.equal(r.tier, '差', `${r.score} ${JSON.stringify(r.tierReasons)}`);
    assert.ok(r.tierReasons?.some((x) => x.includes('客观')));
  });

  it('keeps the tier whatever severity the user sets, and when rules are off', () => {
    const off = analyze(sendBack, { profile: 'general', config: { rules: { 'no-subjective-cause': 'off', 'vague-measure': 'off' } } });
    assert.equal(off.tier, '差');
    assert.equal(at(off, 'no-subjective-cause').length, 0, 'an off rule shows nothing');
    const noProblems = report('# 个人述职报告', '## 一、主要工作', '全年我审核低保申请136件，办结率100%，纠正错发3户。', '## 二、下步打算', '一是3月底前由我牵头完成复核。');
    for (const severity of ['error', 'warning', 'hint'] as const) {
      const r = analyze(noProblems, { profile: 'general', config: { rules: { 'missing-section': severity } } });
      assert.equal(r.tier, '差', severity);
    }
  });

  it('does not let paragraphs without evidence depend on a severity setting', () => {
    const bare = report(
      '# 个人述职报告',
      '## 一、主要工作',
      '我始终坚持高标准、严要求，认真做好分管的各项工作，积极配合领导完成交办任务，工作质量不断提升。',
      '## 二、存在的问题',
      '我对2处漏登仓库的复核拖到8月。',
      '## 三、下步打算',
      '一是3月底前由我牵头补登。',
    );
    const counts = ['info', 'warning', 'hint', 'off'].map((sev) => analyze(bare, { profile: 'general', config: { rules: { 'no-evidence': sev as 'info' } } }).stats.paragraphsWithoutEvidence);
    assert.deepEqual(counts, [1, 1, 1, 1]);
  });

  it('keeps the tier when a setting takes the points away', () => {
    const fair = report(
      '# 个人述职报告',
      '## 一、主要工作',
      '全年我审核低保申请136件，办结率100%，纠正错发3户。',
      ...['（一）抓作风建设。始终坚持高标准严要求，扎实推进各项工作，取得了明显成效，得到了一致好评。', '（二）抓廉政建设。认真贯彻落实各项要求，全面加强廉政教育，形成了风清气正的良好氛围。', '（三）抓统战工作。积极主动作为，认真做好各项统战工作，圆满完成了上级交办的各项任务。', '（四）抓群团工作。高度重视群团组织建设，不断加强指导，充分发挥桥梁纽带作用，各项工作取得了新的进展。', '（五）抓宣传工作。大力弘扬主旋律，切实加强阵地建设，宣传工作亮点纷呈，营造了良好的舆论氛围。'],
      '## 二、存在的问题',
      '我对2处漏登仓库的复核拖到8月，一季度租金没有及时收缴。',
      '## 三、下步打算',
      '一是3月底前由我牵头补登全部漏项资产。',
    );
    const base = analyze(fair, { profile: 'general' });
    const quiet = analyze(fair, { profile: 'general', config: { rules: { 'vague-phrase': 'off', 'no-evidence': 'hint' } } });
    assert.ok(base.score < 85 && quiet.score > base.score, `${base.score} → ${quiet.score}`);
    assert.equal(quiet.tier, base.tier);
  });
});

describe('a configured lexicon entry with a slot', () => {
  it('takes the families of the built-in lexicon and a gap, and refuses a gap out of range', () => {
    const text = JSON.stringify({ lexicon: { add: [{ phrase: '在…的精心指导下', kind: 'leadership-preamble', gap: 12 }, { phrase: '以…为抓手', kind: 'empty-filler', gap: 99 }] } });
    const r = parseConfig(text, '/ws/.duty-report.json', { profileIds: ['general'] });
    assert.equal(r.config.lexicon?.add?.[0].kind, 'leadership-preamble');
    assert.equal(r.config.lexicon?.add?.[0].gap, 12);
    assert.equal(r.config.lexicon?.add?.[1].gap, undefined);
    assert.ok(r.problems.some((p) => p.message.includes('gap')));
    const used = analyze(report('# 述职报告', '## 一、主要工作', '在县住建局的精心指导下，我们完成了改造。'), { profile: 'general', config: r.config });
    assert.ok(at(used, 'vague-phrase').some((f) => f.data?.phrase === '在…的精心指导下'));
  });
});

describe('unfinished drafts', () => {
  const outline = report(
    '# 20XX年度个人述职报告',
    '## 一、主要工作',
    '写明本人履职所做的工作、采取的措施和取得的成效，用实例和数据说话。',
    '## 二、存在的问题',
    '一是写明工作中的具体问题：哪项工作、哪件事、涉及哪些人、造成什么后果。',
    '## 三、下步打算',
    '一是针对问题一，写明整改内容、责任人和完成时限（如X月底前完成）。',
  );

  it('reports each instruction as 待填写, counts it no 字, and grades the outline 差', () => {
    const r = analyze(outline, { profile: 'general' });
    const u = at(r, 'unfilled');
    assert.equal(u.length, 3, JSON.stringify(u.map((f) => f.message)));
    assert.ok(u.every((f) => f.message.startsWith('待填写')));
    // What is left is headings and numbering: the part's heading alone, 6 字.
    assert.ok(r.stats.unitsByRole.achievements <= 7, `字数 ${JSON.stringify(r.stats.unitsByRole)}`);
    assert.equal(r.tier, '差');
    // Judged as unfilled only: no generic-problem or vague-measure on an instruction.
    assert.equal(at(r, 'generic-problem').length + at(r, 'vague-measure').length, 0);
  });

  it('lets an instruction cover no required topic', () => {
    const text = report(
      '---\nprofile: 党员述职\n---',
      '# 党员述职报告',
      '## 一、履职情况',
      '全年我审核低保申请136件，纠正错发3户。',
      '写明本人联系服务群众情况：年初公开承诺、走访服务群众、志愿服务的次数。',
      '## 二、存在的问题',
      '我对2处漏登仓库的复核拖到8月。',
      '## 三、下步打算',
      '一是3月底前由我牵头补登。',
    );
    const r = analyze(text);
    const topic = r.stats.topics.find((t) => t.title.includes('联系服务群众'));
    assert.equal(topic?.covered, false, JSON.stringify(topic));
  });

  it('does not take a deed written with 写明了 for an instruction', () => {
    const r = analyze(report('# 述职报告', '## 一、主要工作', '我在村务公开栏上写明了每笔支出的经手人，全年公开12次。'), { profile: 'general' });
    assert.equal(at(r, 'unfilled').length, 0);
  });

  it('names a placeholder inside a measure', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', '一是X月底前由我牵头补登漏项资产。');
    const u = at(analyze(text, { profile: 'general' }), 'unfilled');
    assert.equal(u.length, 1);
    assert.equal(flagged(text, u[0]), 'X月');
  });
});

describe('achievement paragraphs', () => {
  it('anchors on the text under a title line pasted without a blank line, and takes a routine for a fact', () => {
    const text = report(
      '# 述职报告',
      '## 一、主要工作',
      '（一）信访维稳工作\n　　坚持把信访维稳作为头等大事来抓，扎实开展矛盾纠纷排查化解，营造了和谐稳定的良好氛围。',
      '（二）政策宣传\n　　在村民微信群里每周推送一次惠农政策解读，外出务工的年轻人再转给家里老人看。',
      '## 二、存在的问题',
      '我对2处漏登仓库的复核拖到8月。',
      '## 三、下步打算',
      '一是3月底前由我牵头补登。',
    );
    const r = analyze(text, { profile: 'general' });
    const e = at(r, 'no-evidence');
    assert.equal(e.length, 1, JSON.stringify(e.map((f) => f.message)));
    assert.ok(lineOf(text, e[0]).startsWith('　　坚持把信访维稳'));
    assert.equal(e[0].range.start.character, 2);
  });
});

describe('review fixes', () => {
  it('judges a numbered item even when it reads like a lead-in', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '一是理论学习不够系统深入。', '二是工作方法有待改进，在几个方面还存在畏难情绪。', '## 三、下步打算', '一是3月底前由我牵头补登。');
    const g = at(analyze(text, { profile: 'general' }), 'generic-problem');
    assert.ok(g.some((f) => flagged(text, f).startsWith('二是')), JSON.stringify(g.map((f) => flagged(text, f))));
  });

  it('lets an allowed wording silence the template that matched it', () => {
    const config = { lexicon: { allow: ['在县委的坚强领导下'] } };
    const text = report('# 述职报告', '## 一、主要工作', '在县委的坚强领导下，我牵头修建了3公里产业路。');
    const r = analyze(text, { profile: 'general', config });
    assert.ok(!at(r, 'vague-phrase').some((f) => flagged(text, f).includes('坚强领导')), JSON.stringify(at(r, 'vague-phrase').map((f) => f.data)));
  });

  it('takes 认真负责 for no owner and 杜绝 for no target', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', '一是认真负责地抓好各项工作，杜绝形式主义。');
    assert.equal(at(analyze(text, { profile: 'general' }), 'vague-measure').length, 1);
  });

  it('keeps the judgement counts in the stats when a rule is switched off', () => {
    const text = report('# 述职报告', '## 一、主要工作', '我积极参加各项活动，认真完成领导交办的各项工作任务，工作效率和质量不断提升，得到了领导和同事的好评。', '## 二、存在的问题', '一是学习不够深入。', '## 三、下步打算', '一是进一步加强学习。');
    const on = analyze(text, { profile: 'general' });
    const off = analyze(text, { profile: 'general', config: { rules: { 'no-evidence': 'off', 'generic-problem': 'off' } } });
    assert.equal(off.stats.paragraphsWithoutEvidence, on.stats.paragraphsWithoutEvidence);
    assert.deepEqual(off.stats.items, on.stats.items);
    assert.ok(on.stats.paragraphsWithoutEvidence >= 1);
  });
});

describe('second review: ordinary writing read as it is meant', () => {
  it('takes 写明 inside a sentence for a deed, not an instruction', () => {
    const text = report('# 述职报告', '## 一、主要工作', '为全镇1460户困难群众发放连心卡，写明包联干部姓名和联系电话，全年接到求助电话214个。');
    const r = analyze(text, { profile: 'general' });
    assert.equal(at(r, 'unfilled').length, 0);
  });

  it('reads 一是…… left as dots as unfilled', () => {
    const text = report('# 述职报告', '## 一、主要工作', '一是……', '二是……', '## 二、存在的问题', '一是……', '## 三、下步打算', '……');
    const r = analyze(text, { profile: 'general' });
    assert.equal(at(r, 'unfilled').length, 4);
    assert.equal(r.tier, '差');
  });

  it('splits bold enumerators inside one paragraph', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '**一是**桃溪村2处仓库漏登，8月审计才发现。**二是**理论学习不够系统深入。', '## 三、下步打算', '**一是**3月底前由我牵头补登。**二是**进一步加强理论学习。');
    const r = analyze(text, { profile: 'general' });
    assert.deepEqual([at(r, 'generic-problem').length, at(r, 'vague-measure').length], [1, 1]);
    assert.ok(!at(r, 'generic-problem')[0].message.includes('**'));
  });

  it('takes a frequency or a holiday deadline in words for a time', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', '一是每两周到联系户家里走访一次。', '二是五一以前把剩余危房改造全部完成。', '三是每个月召开一次村干部碰头会。');
    assert.equal(at(analyze(text, { profile: 'general' }), 'vague-measure').length, 0);
  });

  it('reads a cause written about the reporter\'s own way of working as subjective', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、原因分析', '究其原因，主要是面对任务重、时间紧的情况，没有沉下心来研究，习惯用开会代替落实。', '## 四、下步打算', '一是3月底前由我牵头补登。');
    assert.equal(at(analyze(text, { profile: 'general' }), 'no-subjective-cause').length, 0);
  });

  it('does not let one 我的 cancel a list of circumstances blamed', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、原因分析', '主要是上级交给我的任务多、时间紧，村里人手不足，经费不足，群众观念落后。', '## 四、下步打算', '一是3月底前由我牵头补登。');
    assert.equal(at(analyze(text, { profile: 'general' }), 'no-subjective-cause').length, 1);
  });

  it('takes a person named as villagers name one for a name', () => {
    assert.equal(scanEvidence('终于说服了一直不肯让地的老刘', 0, 14).name, true);
    assert.equal(scanEvidence('关心老人和小孩', 0, 7).name, false);
  });

  it('finds a phrase that opens with a function word after the start of another phrase', () => {
    const text = report('# 述职报告', '## 一、主要工作', '我牵头的重点任务较好完成。');
    assert.ok(at(analyze(text, { profile: 'general' }), 'vague-phrase').some((f) => f.data?.phrase === '较好完成'));
  });

  it('never cuts a surrogate pair in a quoted item', () => {
    const text = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '一是理论学习不够系统深入不够扎实不够𠮷𠮷𠮷深入。', '## 三、下步打算', '一是3月底前由我牵头补登。');
    for (const f of analyze(text, { profile: 'general' }).findings) assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(f.message), f.message);
  });

  it('does not split the idiom 一是一，二是二', () => {
    const t = '说到底，一是一，二是二，来不得半点虚假。';
    assert.deepEqual(inlineEnumerators(t, 0, t.length), []);
  });
});

describe('third look: kinds of wording found by a second reviewer', () => {
  const plans = (...items: string[]) => report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、下步打算', ...items);

  it('takes a school or farm season and a named role for a time and an owner', () => {
    const text = plans('一是寒假前把困难学生名单汇总成清单交关工委。', '二是由组织委员负责记录发言并在群里公示。', '三是本月内完成全部台账的补录。');
    assert.equal(at(analyze(text, { profile: 'general' }), 'vague-measure').length, 0);
  });

  it('reads 达到领导满意 as no target, and asking 镇里 or 院里 as asking others', () => {
    const text = plans('一是确保各项工作达到领导满意。', '二是积极向镇里争取项目资金。', '三是希望院里增加培训机会。');
    const v = at(analyze(text, { profile: 'general' }), 'vague-measure');
    assert.equal(v.length, 3);
    assert.equal(v.filter((f) => f.data?.asksOthers).length, 2);
  });

  it('does not take reporting to the higher-ups for asking them', () => {
    const text = plans('一是每月向镇党委汇报一次整改进度。');
    assert.ok(!at(analyze(text, { profile: 'general' }), 'vague-measure').some((f) => f.data?.asksOthers));
  });

  it('reads circumstances with an intensifier as external, and 碍于情面 as the reporter\'s own', () => {
    const blame = report('# 述职报告', ACHIEVEMENTS, '## 二、存在的问题', '我对2处漏登仓库的复核拖到8月。', '## 三、原因分析', '主要是公共卫生任务繁重，科室人手严重不足，群众不理解、不配合。', '## 四、下步打算', '一是3月底前由我牵头补登。');
    assert.equal(at(analyze(blame, { profile: 'general' }), 'no-subjective-cause').length, 1);
    const own = blame.replace('群众不理解、不配合。', '我碍于情面，对老党员不好意思较真。');
    assert.equal(at(analyze(own, { profile: 'general' }), 'no-subjective-cause').length, 0);
  });

  it('takes a rough count for a count, but not 几个方面', () => {
    assert.equal(scanEvidence('我有好几回没去接待日', 0, 10).figure, true);
    assert.equal(scanEvidence('有一户老两口的儿子在城里买了房', 0, 15).figure, true);
    assert.equal(scanEvidence('在几个方面还存在畏难情绪', 0, 12).figure, false);
  });

  it('highlights a phrase with its leading function word', () => {
    const text = report('# 述职报告', '## 一、主要工作', '我牵头的重点任务较好地完成了。');
    const f = at(analyze(text, { profile: 'general' }), 'vague-phrase').find((x) => x.data?.phrase === '较好地完成');
    assert.ok(f, 'found');
    assert.equal(flagged(text, f!), '较好地完成');
  });
});


describe('paragraphs after the work items, read with care (review of the review)', () => {
  const roleOf = (text: string, needle: string) => {
    const r = analyze(text, { profile: 'branch-secretary' });
    const line = text.split('\n').findIndex((l) => l.includes(needle));
    return { r, line };
  };

  it('does not take 我将 meaning 把, or a problem solved, for the start of a part', () => {
    const text = report(
      '# 2024年度机关党支部书记述职报告',
      '## 一、主要工作',
      '（一）抓学习。全年组织集中学习12次。',
      '我将每次学习的签到表和记录整理归档，共形成台账3本。',
      '回顾一年来的支部工作，我着力解决了党员参加组织生活不经常的问题，缺席人次由上年的41降到9。',
      '（二）抓作风。全年开展作风纪律检查4次。',
    );
    const { r } = roleOf(text, '签到表');
    assert.ok(r.findings.some((f) => f.rule === 'missing-section' && f.section === 'problems'), JSON.stringify(r.findings.map((f) => f.rule)));
    assert.ok(r.findings.some((f) => f.rule === 'missing-section' && f.section === 'plans'));
    assert.equal(at(r, 'vague-measure').length, 0);
    assert.equal(at(r, 'generic-problem').length, 0);
  });

  it('reads a heading for a plan to correct the problems as plans', () => {
    for (const h of ['制定整改计划', '研究制定整改措施和计划', '完成整改目标的措施']) {
      const { rolesFromTitle } = require('../../server/src/core/signals') as typeof import('../../server/src/core/signals');
      assert.deepEqual(rolesFromTitle(h), ['plans'], h);
    }
  });

  it('keeps a part heading shaped like a byline when text follows it, not the salutation', () => {
    const text = report('# 2024年度人大代表述职报告', '## 当好人民代表　服务选民', '全年接待选民41人次，收集意见18条。', '## 二、存在的问题', '我对3件选民来信的回复拖了一个多月。', '## 三、下步打算', '一是3月底前建立选民意见回复台账。');
    const r = analyze(text, { profile: 'npc-deputy' });
    assert.ok(r.stats.sections.some((x) => x.title.includes('当好人民代表')), JSON.stringify(r.stats.sections.map((x) => x.title)));
  });

  it('does not let the stock 工作上 in a problem, or a dispute over a wedding, cover a topic', () => {
    const pm = analyze(report('# 党员述职报告', '## 一、主要工作', '全年参加支部主题党日12次，按月缴纳党费。', '## 二、存在的问题', '我在思想上、工作上还存在一些差距，对3件群众来信回复不及时。', '## 三、下步打算', '一是3月底前学完新修订的条例。'), { profile: 'party-member' });
    assert.equal(pm.stats.topics?.find((t) => t.id === 'job-duties')?.covered, false);
    const cc = analyze(report('# 社区两委勤廉双述报告', '## 一、履职情况', '全年调处因结婚彩礼引发的纠纷3起，调解成功2起。', '## 二、存在的问题', '我对2个小区的停车纠纷协调拖到年底。', '## 三、下步打算', '一是3月底前召开停车协调会。'), { profile: 'community-committee' });
    assert.equal(cc.stats.topics?.find((t) => t.id === 'family-events')?.covered, false);
  });
});
