/**
 * What makes a stretch of report text concrete: a figure (not an outline number or a set
 * phrase such as 四个意识), a name (a quoted title, a place, a person, a hotline), a
 * placeholder still to fill in, or the title of something studied (not evidence of work done).
 */
import { indexWithin } from './text';

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** x, X, ×, ＊, *, _ and full-width ｘ／Ｘ: what drafts use for numbers not yet filled in. */
function isPlaceholderChar(c: number): boolean {
  return c === 120 || c === 88 || c === 0xd7 || c === 0xff0a || c === 42 || c === 95 || c === 0xff58 || c === 0xff38;
}

const CN_FIGURE_NUMERALS = '二三四五六七八九十百千两';
// Measure words after which a Chinese numeral is a real quantity (三次, 五名, 十二户).
const CLASSIFIERS = '次名人个项场期篇件户家所条万亿元天轮份位支村届批处组份座台辆套本册条成倍趟遍周回';

// Per-code-unit class bits: scanEvidence looks at every character of every sentence around a
// vague phrase, and a table lookup there costs nothing where a string search per char showed up
// in profiles.
const NUMERAL = 1;
const NUMERAL_CONT = 2; // numerals plus 一 and 零, which continue but do not open a figure
const QUANTITY_END = 4; // classifiers plus 月, 日 and 年
const CLASSIFIER = 8;
const CHAR_CLASS = new Uint8Array(0x10000);
for (const ch of CN_FIGURE_NUMERALS) CHAR_CLASS[ch.charCodeAt(0)] |= NUMERAL | NUMERAL_CONT;
for (const ch of '一零几余') CHAR_CLASS[ch.charCodeAt(0)] |= NUMERAL_CONT; // 十几个人, 二十余户
for (const ch of CLASSIFIERS + '月日年') CHAR_CLASS[ch.charCodeAt(0)] |= QUANTITY_END; // 两年, 三月十五日
for (const ch of CLASSIFIERS) CHAR_CLASS[ch.charCodeAt(0)] |= CLASSIFIER;

export interface Evidence {
  /** A figure, a date or a percentage that is real data, not a placeholder like 20xx年 or X次. */
  figure: boolean;
  /**
   * Something named: a project, brand or activity in quotes (“麻石云雾”), a person (张某某同志),
   * a village, community or estate by name (河湾村, 金桂园小区), a document acted on (not one
   * merely studied: 学习《宪法》 is not work done).
   */
  name: boolean;
  /** A placeholder such as 20xx年, X次, ×× or ____ was seen. */
  placeholder: boolean;
  /**
   * Quoted names of four or more characters (“麻石云雾”, “党员示范岗”): one may be a campaign
   * every report names (“头雁工程”), so callers weigh one as less than a figure.
   */
  quoted: number;
}

/**
 * Set phrases with a numeral in them: the genre's vocabulary, not a count of anything
 * (四个意识, 两个维护, 三会一课, 二十届三中全会).
 */
const SET_PHRASES = [
  '两个确立', '两个维护', '四个意识', '四个自信', '四个全面', '四个伟大', '五位一体', '三会一课', '两学一做', '三重一大', '四议两公开',
  '四下基层', '八项规定', '两个务必', '三个代表', '一岗双责', '两个责任', '三严三实', '五个一', '三大攻坚战', '四个不摘', '一肩挑',
  '三务公开', '两委', '四风', '三个务必', '六稳', '六保', '两个结合', '五个必由之路', '三个区分开来', '四个不放过', '五星级',
  '二十大', '十九大', '十八大', '二十届', '十九届', '十八届', '三中全会', '四中全会', '五中全会', '六中全会', '二中全会', '一中全会',
  '两新', '两山', '四个清单', '三个一批', '两不愁三保障', '两个先锋队', '三治融合', '五个到位', '两项补贴',
];
const SET_BY_FIRST = new Map<number, string[]>();
for (const p of SET_PHRASES) {
  const c = p.charCodeAt(0);
  const list = SET_BY_FIRST.get(c) ?? [];
  list.push(p);
  SET_BY_FIRST.set(c, list);
}
function setPhraseAt(text: string, i: number, end: number): number {
  const list = SET_BY_FIRST.get(text.charCodeAt(i));
  if (!list) return 0;
  for (const p of list) if (i + p.length <= end && text.startsWith(p, i)) return p.length;
  return 0;
}

/**
 * A quote that holds a stance, not a name: a fault owned (存在“学用脱节”), a motto kept
 * (坚持“人民至上、生命至上”), a pair of slogans not naming a programme, or 重…轻….
 */
const STANCE_BEFORE = /(?:存在|坚持|树立|克服|防止|杜绝|做到|破除|纠正|出现|带有|牢记|践行|秉持|弘扬|发扬|强化|增强)(?:着|了|的)?$/;
/** After the quote, what a programme's name is followed by: “支部联建、党员联户”活动. */
const PROGRAMME_AFTER = /^(?:活动|工程|项目|行动|工作法|品牌|机制|模式|制度|平台|服务|课堂|超市|示范)/;
const SLOGAN_QUOTE = /^[^、，]{2,7}、[^、，]{2,7}$|^重.{1,5}、?轻/;

function stockQuote(text: string, open: number, close: number, start: number): boolean {
  if (PROGRAMME_AFTER.test(text.slice(close + 1, close + 4))) return false;
  return STANCE_BEFORE.test(text.slice(Math.max(start, open - 4), open)) || SLOGAN_QUOTE.test(text.slice(open + 1, close));
}

/** Verbs of study before a title: 学习《宪法》 names what was read, not what was done. */
const STUDY_BEFORE = /(?:学习|学|研读|研学|诵读|通读|精读|阅读|读|传达|领会|贯彻|自学)了?[^。；，]{0,6}$/;
/** Suffixes of named places and units; the words before must be a name, not 全/各/本/我. */
// Only suffixes that follow a name far more often than a verb (社区, 项目 follow 深入, 推进 …).
const PLACE_SUFFIX = /^(?:村(?![村民级务集里内委干两组班规容貌庄落镇])|小区|屯|片区|合作社|卫生院|小学(?!习)|中学(?!习)|幼儿园|水库|大桥|公司|项目部|服务站|养护站|联络站|敬老院|司法所|派出所|经管站|财政所|超市|工地)/;
const PLACE_FIRST = new Uint8Array(0x10000);
for (const ch of '村小屯片合卫中幼水大公项服养联敬司派经财超工') PLACE_FIRST[ch.charCodeAt(0)] = 1;
const NOT_NAME_BEFORE = '全各本我该每进入驻包回下到在邻外多个和等农乡城县镇市区省了的是把对为与及、，。新老大小好这那其此某重点访返离出山强走跑蹲住沉村助向往至给让使替帮务盖导促织动';
const GENERIC_BIGRAMS = new Set(['示范', '文明', '和谐', '美丽', '先进', '贫困', '行政', '自然', '城市', '农村', '城中', '重点', '薄弱', '软弱', '涣散', '宜居', '社区', '民生', '建设', '基础', '产业', '党建', '试点', '合格', '标准', '幸福', '平安', '健康', '特色', '经济', '集体', '周边', '相关', '有关', '辖区', '老旧', '偏远', '边远', '后进', '各类', '所有', '有的', '个别', '部分', '少数', '多数', '一些', '全体', '相邻']);

function isHan(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/** A name made of two or more Han characters ends at `at` (just before a place suffix). */
function nameBefore(text: string, at: number, start: number): boolean {
  if (at - 2 < start) return false;
  const a = text.charCodeAt(at - 2);
  const b = text.charCodeAt(at - 1);
  if (!isHan(a) || !isHan(b)) return false;
  if (NOT_NAME_BEFORE.includes(text[at - 1]) || '全各本我该每'.includes(text[at - 2])) return false;
  return !GENERIC_BIGRAMS.has(text.slice(at - 2, at));
}

// Surnames that, after 老 or 小, name a person and hardly ever make another word (not 高, 方, 金, 石, 白, 马 …).
const SURNAME = new Uint8Array(0x10000);
for (const ch of '王李张刘陈杨黄赵吴徐孙朱胡郭何罗郑梁谢宋唐韩冯邓曹彭曾肖董袁潘蒋蔡杜魏吕沈姚卢姜崔钟谭陆汪廖贾夏邹孟熊秦邱尹薛闫贺顾郝龚邵覃戴') SURNAME[ch.charCodeAt(0)] = 1;

const HOTLINE = /^(?:服务)?(?:热线|专线|平台|电话|报警)/;

/** What a stretch of text carries that makes it concrete (SPEC 002 "用实例、数据说话"). */
export function scanEvidence(text: string, start: number, end: number): Evidence {
  let figure = false;
  let name = false;
  let placeholder = false;
  let quoted = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      // A digit run touching a placeholder char (20xx, X0) is not data.
      let j = i;
      while (j < end && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      const before = i > start ? text.charCodeAt(i - 1) : 0;
      const after = j < end ? text.charCodeAt(j) : 0;
      if (isPlaceholderChar(before) || isPlaceholderChar(after)) placeholder = true;
      // 12345热线, 110: a service's number names it; it counts nothing.
      else if (!HOTLINE.test(text.slice(j, Math.min(end, j + 4)))) figure = true;
      i = j - 1;
    } else if (isPlaceholderChar(c) && c !== 95 && c !== 42) {
      // X次 / XX名 / ×× : a placeholder when it stands where a number would
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      const prev = i > start ? text.charCodeAt(i - 1) : 0;
      const nextIsUnit = (CHAR_CLASS[next] & CLASSIFIER) !== 0;
      if (nextIsUnit || isPlaceholderChar(next) || isPlaceholderChar(prev) || next === 0x5e74 /* 年 */) placeholder = true;
    } else if (c === 95 && text.charCodeAt(i + 1) === 95) {
      placeholder = true; // 20__年
    } else if (c === 0x300a /* 《 */) {
      // A title is short: an unclosed 《 must not cost the rest of the text (a run of them was quadratic).
      const close = indexWithin(text, '》', i + 1, Math.min(end, i + 80));
      if (close > i + 1) {
        if (!STUDY_BEFORE.test(text.slice(Math.max(start, i - 12), i)) && !(i > start && text.charCodeAt(i - 1) === 0x300b)) name = true;
        i = close;
      }
    } else if (c === 0x201c /* “ */ || c === 34 /* " */) {
      // A quoted name of four or more characters that is not the genre's set vocabulary:
      // a brand, an activity, a project. “三会一课” and “四个意识” say nothing particular.
      const close = indexWithin(text, c === 34 ? '"' : '\u201d', i + 1, Math.min(end, i + 30));
      if (close !== -1) {
        const inner = close - i - 1;
        if (inner >= 4 && setPhraseAt(text, i + 1, close) !== inner && !/[，。；]/.test(text.slice(i + 1, close)) && !stockQuote(text, i, close, start)) quoted++;
        i = close;
      }
    } else if ((c === 0x8001 /* 老 */ || c === 0x5c0f /* 小 */) && SURNAME[text.charCodeAt(i + 1)] === 1 && i + 1 < end) {
      name = true; // 老刘, 小王: a person as villagers name one
    } else if (c === 0x67d0 /* 某 */ && i > start && isHan(text.charCodeAt(i - 1)) && !NOT_NAME_BEFORE.includes(text[i - 1]) && text[i - 1] !== '某') {
      name = true; // 张某, 李某某: a person written the way reports anonymise one
    } else if (
      ((c === 0x51e0 /* 几 */ && (text.charCodeAt(i + 1) !== 0x4e2a /* 个 */ || (i > start && text.charCodeAt(i - 1) === 0x597d) /* 好 */)) ||
        (c === 0x4e00 /* 一 */ && i > start && text.charCodeAt(i - 1) === 0x6709 /* 有 */)) &&
      i + 1 < end &&
      CHAR_CLASS[text.charCodeAt(i + 1)] & CLASSIFIER
    ) {
      figure = true; // 好几回, 几户, 有一户: a count, if a rough one (not 几个方面, a formula)
    } else if ((CHAR_CLASS[c] & NUMERAL) || c === 0x4e24) {
      const set = setPhraseAt(text, i, end);
      if (set) {
        i += set - 1;
        continue;
      }
      let j = i + 1;
      while (j < end && CHAR_CLASS[text.charCodeAt(j)] & NUMERAL_CONT) j++;
      // 十二次 / 三个村, and dates written out: 三月十五日
      if (j < end && CHAR_CLASS[text.charCodeAt(j)] & QUANTITY_END) figure = true;
      i = j - 1;
    } else if (!name && PLACE_FIRST[c] === 1 && PLACE_SUFFIX.test(text.slice(i, i + 3)) && nameBefore(text, i, start)) {
      name = true;
    }
  }
  return { figure, name, placeholder, quoted };
}
