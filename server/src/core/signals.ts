import type { OutlineRole, Role } from './types';

/**
 * Literal phrase lists the model and rules look for in the body. They all go into the one
 * automaton with the lexicon and topic keywords, so adding a list costs no extra pass.
 */
export type SignalKind =
  | 'problem' // wording of shortcomings
  | 'plan' // wording of intentions
  | 'cause' // wording of cause analysis
  | 'cause-objective'
  | 'first-person' // 我 (checked: not 我们/我局…), 本人, 自己
  | 'unit-voice' // 我们, 我局, 我单位 …
  | 'example'; // 比如, 例如, 其中 …: a concrete example follows
// A measure's time, owner and target are clause facts (facts.ts), read item by item.

export const SIGNALS: Record<SignalKind, readonly string[]> = {
  problem: [
    '不足', '不够', '欠缺', '有待', '不强', '不高', '不到位', '薄弱', '缺乏', '差距', '短板',
    '不深入', '不扎实', '不细致', '不严格', '不及时', '还存在', '仍存在', '尚存在', '存在的问题', '存在问题',
    '滞后', '偏少', '偏低', '松懈', '不规范', '不平衡',
  ],
  plan: [
    '下一步', '下步', '今后', '我将', '将进一步', '将继续', '将着力', '将认真', '将坚持', '将把', '明年', '新的一年',
    '力争', '打算', '计划于', '计划在', '确保在', '拟于', '要进一步', '争取在',
  ],
  cause: [
    '原因', '究其', '根源', '之所以', '归根结底', '根子', '主观上', '客观上', '根本在于', '主要在于', '症结',
  ],
  'cause-objective': [
    '客观', '上级', '条件限制', '经费不足', '人手少', '人员少', '任务重', '时间紧', '基础差', '基础薄弱', '历史遗留',
    '疫情', '政策调整', '编制', '事务性工作多',
  ],
  'first-person': ['我', '本人', '自己', '个人'],
  'unit-voice': ['我们', '我局', '我单位', '我部门', '我支部', '我村', '我社区', '我镇', '我乡', '我委', '我办', '我院', '我校', '我司', '我公司', '我处', '我科', '本单位', '本部门', '支部', '班子'],
  example: ['比如', '例如', '譬如', '其中', '如：', '如:', '典型的是', '具体表现在', '表现在', '导致', '造成', '致使', '以致'],
};

/** Characters after 我 that make it the unit's voice (我们, 我局 …), not the reporter's. */
export const WE_FOLLOWERS = '们国省市县区镇乡村局单位院校司部所厅处科队委办社支班';

/** Paragraph openings that start a cause analysis inside a problems part. */
export const CAUSE_LEADS = ['究其原因', '原因分析', '原因剖析', '分析原因', '原因主要', '主要原因', '产生这些问题的', '产生上述问题的', '产生问题的', '问题产生的', '存在问题的原因', '存在这些问题的原因', '这些问题的原因', '之所以', '问题的根源', '深刻反思', '反思原因', '剖析原因'];
/** Paragraph openings that start plans. */
export const PLAN_LEADS = ['下一步', '下步', '今后', '针对以上问题', '针对上述问题', '针对这些问题', '针对存在的问题', '在今后', '新的一年', '明年', '我将', '整改措施', '改进措施', '努力方向'];
/** Paragraph openings that start problems in a report with no headings. */
export const PROBLEM_LEADS = ['存在的问题', '存在问题', '不足之处', '问题和不足', '问题与不足', '但也存在', '但也还存在', '但还存在', '也存在一些', '还存在一些', '但与', '回顾一年', '反思一年', '差距和不足', '工作中还存在', '工作中存在'];

/** Closing lines (SPEC: 以上述职，请予评议。). */
export const CLOSING = /以上(?:是我的|是本人的|就是我的|即是)?(?:述职|报告|汇报)|请(?:予|各位领导|大家|组织|领导)[^。]{0,12}(?:评议|批评|指正)|敬请(?:批评|评议|指正)|述职完毕|谢谢大家|不妥之处|汇报完毕|报告完毕/;
export const SIGN_OFF = /^(?:述职人|报告人|汇报人|姓名|签名)/;
/** A date line: only a date (2025年1月6日, 二〇二五年一月, 20XX年XX月), perhaps after a name. */
const DATE_AT_END = /(?:^|[\s　])(?:\d{4}|20[x×X_]{2}|二[〇○零][一二三四五六七八九〇○零]{2})[ \t　]*年(?:[ \t　]*[\d一二三四五六七八九十〇○零x×X_]{1,2}[ \t　]*月(?:[ \t　]*[\d一二三四五六七八九十〇○零x×X_]{1,3}[ \t　]*日)?)?$/;

/**
 * The signature at the end: a few short lines, each a name, a unit or a date, none a sentence.
 * "2025年，我将……" and "2025年6月底前完成……" open measures and are never a signature.
 */
export function isSignOff(block: string): boolean {
  const ls = block.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (ls.length === 0 || ls.length > 3) return false;
  let signed = false;
  for (const l of ls) {
    if (l.length > 40 || /[。，；！？,;!?]/.test(l)) return false;
    if (SIGN_OFF.test(l) || DATE_AT_END.test(l)) signed = true;
  }
  return signed;
}

/**
 * A reflection or vow after the last part ("总之，……", "新的一年，我将以更加饱满的热情……"):
 * it closes the report and is not a measure. The pledge form counts only without figures.
 */
export const REFLECTION_LEAD = /^[\s　*]*(?:总之|总而言之|综上所述|综上|总的来说|总体来说)/;
export const PLEDGE = /以更加[^。！；]{1,16}的|再接再厉|不辜负|回报组织|作出新的更大贡献|不忘初心/;

/**
 * Causes written inside a problem item ("……。究其原因，主要是我……", "根子在……",
 * "这些不足主要是由于……造成的"). "主要是" counts only where it opens a sentence: after a
 * comma it usually lists the problems themselves ("仍有差距，主要是创新不够").
 */
export const INLINE_CAUSE =
  /究其原因|原因(?:主要)?(?:在于|在|是)|根子(?:主要|还是)?在|根源(?:主要)?在于?|症结(?:主要)?在|归根结底|之所以|主要是由于|是由于[^。；！？]{1,40}(?:造成|导致|引起)|(?:^|[。；！？])[\s　]*(?:这些?(?:问题|不足)?)?(?:主要)?是(?:由于|因为)|(?:^|[。；！？])[\s　]*主要是(?![：:]|一是)/;

/** A paragraph that opens with a coming year and a deadline or intention ("2025年3月底前，……", "2025年起，……"). */
const YEAR_LED = /^[\s　*]*(\d{4})[ \t　]*年(?:度)?(?:[ \t　]*\d{1,2}[ \t　]*月(?:份)?)?(底前|前|底|起|内|上半年|下半年|，|,|、)?[\s　]*(我将|将|要|力争|计划|争取)?/;

/** Whether text[from…] opens with a year-led measure: a year after the report's own, or any year with 将/前/起. */
export function yearLedPlan(text: string, from: number, end: number, reportYear: number | undefined): boolean {
  const m = YEAR_LED.exec(text.slice(from, Math.min(end, from + 40)));
  if (!m) return false;
  const year = Number(m[1]);
  if (reportYear !== undefined) return year > reportYear;
  return (m[2] !== undefined && m[2] !== '，' && m[2] !== ',' && m[2] !== '、') || m[3] !== undefined;
}
export const SALUTATION_WORDS = /(?:领导|同志|代表|委员|大家|各位|尊敬|老师|选民|党员|村民|居民|朋友)/;
export const INTRO = /(?:报告如下|汇报如下|述职如下|情况如下|述职报告如下|汇报一下|报告一下|总结如下|简要汇报)/;

/**
 * The standard outline's part headings as they open a line, by role: what tells a 述职报告
 * from other Markdown (recognize.ts), so stricter than ROLE_PATTERNS below, which reads the
 * role of a heading in a text already known to be a report. A test holds the two together:
 * every heading these accept, ROLE_PATTERNS reads as the same role.
 */
export const PART_HEADINGS: readonly [OutlineRole, RegExp][] = [
  ['achievements', /^(?:主要工作|工作成效|主要成效|履职情况|履职尽责情况|工作完成情况|工作开展情况|取得的成效|主要做法|.{0,6}工作情况$)/],
  ['problems', /^(?:存在的?(?:主要)?(?:问题|不足)|问题与不足|不足之处|差距和不足|存在问题和不足)/],
  ['causes', /^(?:原因分析|问题原因|产生问题的原因|存在问题的原因|问题产生的原因)/],
  ['plans', /^(?:下一?步(?:工作)?(?:打算|计划|思路|措施)|整改措施|今后(?:工作)?(?:打算|努力方向)|努力方向|改进措施)/],
];

/** Title words that say a section's role. Order matters: the first role named wins. */
const ROLE_PATTERNS: { role: Role; re: RegExp }[] = [
  { role: 'causes', re: /原因|根源|剖析|症结/ },
  {
    role: 'plans',
    // 规划/目标/安排 are plans only as the coming year's (2025年工作规划, 明年工作目标, 下一年度工作安排)
    re: /下一步|下步|今后|打算|努力方向|改进方向|整改方向|整改措施|改进措施|整改思路|工作思路|工作计划|工作设想|展望|计划(?!生育)|规划|(?:工作|努力|奋斗)目标|工作安排|工作重点|明年|来年|新的一年|新一年|下一?年度?|未来|措施和|措施$/,
  },
  {
    role: 'problems',
    // 存在的困难和问题, 短板弱项, 不足与差距, 困难和不足, 问题和困难, 自身存在的差距 …
    re: /存在(?:的)?(?:主要|突出)?(?:困难|问题|不足|短板|差距)|(?:问题|缺点|困难)(?:和|与|及|、)(?:不足|差距|短板|困难|问题)|(?:不足|差距|短板)(?:和|与|及|、)(?:问题|不足|差距|弱项|困难)|短板弱项|弱项$|不足之处|差距$|短板$|不足$|^(?:主要|突出)?问题$|^(?:主要|突出)?问题(?:和|与|及)|^几点不足|^问题清单|^缺点/,
  },
  { role: 'other', re: /体会|感悟|收获|启示|心得/ },
  {
    role: 'achievements',
    re: /主要工作|工作成效|履职情况|工作情况|完成情况|成绩|成效|做法|工作回顾|履行职责|履职尽责|开展情况|落实情况|述职|述廉|述德|工作开展|主要成绩|工作亮点|取得/,
  },
];

/** Roles a heading names, in the order they appear in it ("存在问题及整改措施" → problems, plans). */
export function rolesFromTitle(title: string): Role[] {
  const found: { role: Role; at: number }[] = [];
  for (const p of ROLE_PATTERNS) {
    const m = p.re.exec(title);
    if (m) found.push({ role: p.role, at: m.index });
  }
  // "问题整改情况" / "解决突出问题" are work done, not problems; so is a plan carried out
  // ("年度目标任务完成情况", "工作计划落实情况")
  if (
    (/(?:整改|解决|化解|处理)/.test(title) && /情况|成效|落实/.test(title)) ||
    /(?:目标|规划|计划|安排|任务)[^，。]{0,6}(?:完成|落实|执行|推进|实施|兑现)/.test(title) ||
    // A plan made or a target met this year ("制定年度计划", "落实年初工作目标"), unless the
    // heading looks forward ("明年计划完成…") or is about correcting ("制定整改计划").
    (/计划|规划|目标|安排/.test(title) &&
      /(?:制定|编制|修订|出台|研究|完成|落实|实现|兑现|确定)[^，。]{0,8}(?:计划|规划|目标|安排)/.test(title) &&
      !/下一?步|今后|明年|来年|新的一年|打算|努力方向|整改|措施/.test(title))
  ) {
    return ['achievements'];
  }
  found.sort((a, b) => a.at - b.at);
  const roles: Role[] = [];
  for (const f of found) {
    if (!roles.includes(f.role)) roles.push(f.role);
  }
  // 'achievements' words like 情况 are weak next to a problems/plans word
  if (roles.length > 1 && roles.includes('achievements')) roles.splice(roles.indexOf('achievements'), 1);
  return roles;
}

/** The first lead phrase that begins within `within` characters of start (bounded: never scans the rest of the text). */
export function startsWithAny(text: string, start: number, end: number, leads: readonly string[], within = 12): string | undefined {
  const head = text.slice(start, Math.min(end, start + within + 12));
  for (const lead of leads) {
    const at = head.indexOf(lead);
    if (at !== -1 && at <= within) return lead;
  }
  return undefined;
}

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  achievements: { zh: '主要工作（成绩）', en: 'work done and achievements' },
  problems: { zh: '存在问题', en: 'problems and shortcomings' },
  causes: { zh: '原因分析', en: 'analysis of causes' },
  plans: { zh: '整改措施（下步打算）', en: 'rectification measures and plans' },
  other: { zh: '其他', en: 'other' },
};

export const ROLE_ORDER: Record<OutlineRole, number> = { achievements: 0, problems: 1, causes: 2, plans: 3 };
