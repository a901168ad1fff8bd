import type { Position, Range } from './types';

/**
 * Line index over a text. Offsets are JavaScript string indices, i.e. UTF-16 code units,
 * which is what LSP positions count, so characters outside the BMP take two columns and
 * nothing needs converting. Line breaks are \r\n, \r or \n, as LSP defines them.
 */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    // Never report a column inside a line break or between a surrogate pair's halves.
    let character = Math.min(o, this.lineEnd(line)) - this.starts[line];
    const abs = this.starts[line] + character;
    if (character > 0 && isLowSurrogate(this.text.charCodeAt(abs)) && isHighSurrogate(this.text.charCodeAt(abs - 1))) character--;
    return { line, character };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}

/** The first index of a sorted list whose value is x or more (the list's length if none). */
export function lowerBound(list: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** text.slice(start, end) for a message, never cutting a surrogate pair in half. */
export function sliceWhole(text: string, start: number, end: number): string {
  if (end > start && end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Letters and digits that form words: a run of them counts as one unit of 字数. */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x52f) ||
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/** Characters that count one each: CJK, kana, Hangul, full-width and CJK punctuation, symbols. */
function isWideChar(c: number): boolean {
  // The ideographic space (　　 as paragraph indent) is white space, like an ASCII space.
  if (c === 0x3000) return false;
  if (c >= 0x2e80) return !(c >= 0xfe00 && c <= 0xfe0f) && c !== 0xfeff; // skip variation selectors, BOM
  return c >= 0x2010 && c <= 0x2bff; // general punctuation (“”—…), arrows, circled numbers, symbols
}

/**
 * 字数 of text[start, end) as SPEC.md defines it: each CJK character and each full-width
 * punctuation mark is one; a run of Latin letters or digits (with inner . , %) is one word;
 * ASCII punctuation and white space (the ideographic space 　 too) count nothing. Markdown
 * syntax is ASCII, so it drops out, except link targets, which the caller excludes (see countInline).
 */
export function countUnits(text: string, start = 0, end = text.length): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      if (!inWord) n++;
      inWord = true;
      continue;
    }
    // 3.5 / 1,200 / 95% stay one word
    if (inWord && (c === 46 || c === 44) && i + 1 < end && isWordChar(text.charCodeAt(i + 1))) continue;
    inWord = false;
    if (isHighSurrogate(c)) {
      if (i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) i++;
      n++; // 𠮷 and emoji: one character each
    } else if (isLowSurrogate(c)) {
      n++; // a lone surrogate is still something the writer typed
    } else if (isWideChar(c)) n++;
  }
  return n;
}

/**
 * indexOf that stops at `end`: an unclosed bracket must cost the rest of its line, not the rest
 * of the document, or a draft full of them goes quadratic.
 */
export function indexWithin(text: string, needle: string, from: number, end: number): number {
  const last = end - needle.length;
  const first = needle.charCodeAt(0);
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && (needle.length === 1 || text.startsWith(needle, i))) return i;
  }
  return -1;
}

/**
 * 字数 of one line of Markdown inline text: like countUnits, but the targets of links and
 * images `](…)`, autolinks `<http…>` and inline HTML tags are not report text.
 */
export function countInline(text: string, start: number, end: number): number {
  let n = 0;
  let from = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */ && text.charCodeAt(i + 1) === 40 /* ( */) {
      const close = indexWithin(text, ')', i + 2, end);
      if (close !== -1) {
        n += countUnits(text, from, i);
        i = from = close + 1;
        continue;
      }
    } else if (c === 60 /* < */) {
      const next = text.charCodeAt(i + 1);
      if (next === 33 /* ! */ && text.startsWith('<!--', i)) {
        const close = indexWithin(text, '-->', i + 4, end);
        const stop = close === -1 ? end : close + 3;
        n += countUnits(text, from, i);
        i = from = stop;
        continue;
      }
      if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47) {
        const close = indexWithin(text, '>', i + 1, Math.min(end, i + 200));
        if (close !== -1) {
          n += countUnits(text, from, i);
          i = from = close + 1;
          continue;
        }
      }
    }
    i++;
  }
  return n + countUnits(text, from, end);
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// Digit values by code unit (−1: not a digit), so the outline scanner's numeral reads are lookups.
const CN_VALUE = new Int8Array(0x10000).fill(-1);
for (const [ch, v] of Object.entries(CN_DIGITS)) CN_VALUE[ch.charCodeAt(0)] = v;

/** Value of a Chinese numeral up to 九十九 (outline numbers never go higher in practice). */
export function chineseNumberValue(s: string): number | undefined {
  if (s.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5341 /* 十 */) {
      total += (current || 1) * 10;
      current = 0;
    } else if (c === 0x767e /* 百 */) {
      total += (current || 1) * 100;
      current = 0;
    } else if (CN_VALUE[c] >= 0) current = CN_VALUE[c];
    else return undefined;
  }
  return total + current;
}

export function chineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export function circledValue(ch: string): number | undefined {
  const i = CIRCLED.indexOf(ch);
  return i === -1 ? undefined : i + 1;
}
export function circledNumeral(n: number): string {
  return n >= 1 && n <= 20 ? CIRCLED[n - 1] : `(${n})`;
}

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
        if (inner >= 4 && setPhraseAt(text, i + 1, close) !== inner && !/[，。；]/.test(text.slice(i + 1, close))) quoted++;
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

// ---------------------------------------------------------------------------------------

export interface PatternHit<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Aho–Corasick automaton over UTF-16 code units: every pattern found in one left-to-right
 * pass, overlapping matches included, in time linear in the text plus the matches. All the
 * core's phrase lists (lexicon, topic keywords, role and cause signals) share one automaton,
 * so the text is scanned once, whatever the number of rules.
 */
export class PhraseMatcher<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Output patterns ending at each state: indices into values, own and via fail links. */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[] = [];
  private readonly values: T[] = [];
  private readonly depth: number[] = [0];
  private built = false;
  private root: Int32Array = new Int32Array(0);
  private maxLength = 1;

  /**
   * `skippable`: function characters a writer drops into a set phrase ("理论学习还不够系统",
   * "方法比较简单") that a match may step over where the pattern has no such character.
   */
  constructor(private readonly skippable: string = '') {}

  add(pattern: string, value: T): void {
    if (pattern.length === 0) return;
    if (this.built) throw new Error('PhraseMatcher: add after build');
    let s = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let t = this.next[s].get(c);
      if (t === undefined) {
        t = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.depth.push(this.depth[s] + 1);
        this.next[s].set(c, t);
      }
      s = t;
    }
    this.out[s].push(this.values.length);
    this.values.push(value);
    this.lengths.push(pattern.length);
    if (pattern.length > this.maxLength) this.maxLength = pattern.length;
  }

  private build(): void {
    const queue: number[] = [];
    for (const t of this.next[0].values()) {
      this.fail[t] = 0;
      queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [c, t] of this.next[s]) {
        let f = this.fail[s];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const ft = this.next[f].get(c);
        this.fail[t] = ft !== undefined && ft !== t ? ft : 0;
        if (this.out[this.fail[t]].length) this.out[t] = this.out[t].concat(this.out[this.fail[t]]);
        queue.push(t);
      }
    }
    // Most characters of running text leave the root at once; a dense table for the root's
    // moves spares a Map lookup on each of them.
    const root = new Int32Array(0x10000);
    for (const [c, t] of this.next[0]) root[c] = t;
    this.root = root;
    // Every other move in one open-addressed table of typed arrays: a Map per state cost more
    // than the rest of the scan on long drafts.
    let edges = 0;
    for (const m of this.next) edges += m.size;
    let bits = 4;
    while (1 << bits < edges * 2) bits++;
    const cap = 1 << bits;
    this.shift = 32 - bits;
    this.hState = new Int32Array(cap).fill(-1);
    this.hChar = new Uint16Array(cap);
    this.hTo = new Int32Array(cap);
    for (let st = 1; st < this.next.length; st++) {
      for (const [c, t] of this.next[st]) {
        let h = (Math.imul(st, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> this.shift;
        while (this.hState[h] !== -1) h = (h + 1) & (cap - 1);
        this.hState[h] = st;
        this.hChar[h] = c;
        this.hTo[h] = t;
      }
    }
    this.failA = Int32Array.from(this.fail);
    this.depthA = Int32Array.from(this.depth);
    this.hasOut = new Uint8Array(this.out.length);
    for (let k = 0; k < this.out.length; k++) if (this.out[k].length) this.hasOut[k] = 1;
    this.skipTable = new Uint8Array(0x10000);
    for (let k = 0; k < this.skippable.length; k++) this.skipTable[this.skippable.charCodeAt(k)] = 1;
    let ringSize = 1;
    while (ringSize < this.maxLength) ringSize <<= 1;
    this.ring = new Int32Array(ringSize);
    this.built = true;
  }

  /**
   * Calls back for every match in text[start, end), in order of end offset. A skippable
   * character that continues no partial match is stepped over (the match keeps its state), so
   * a match may hold a few inserted function words; its start is where its first matched
   * character stands, found in a ring of the last positions fed to the automaton.
   */
  scan(text: string, start: number, end: number, onHit: (start: number, end: number, value: T) => void): void {
    if (!this.built) this.build();
    const root = this.root;
    const skip = this.skipTable;
    const ring = this.ring;
    const mask = ring.length - 1;
    const { hState, hChar, hTo, shift, failA, depthA, hasOut } = this;
    const hMask = hState.length - 1;
    let fed = 0;
    let s = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      let u = s;
      let t = -1;
      while (u !== 0) {
        let h = (Math.imul(u, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> shift;
        for (let st = hState[h]; st !== -1; st = hState[(h = (h + 1) & hMask)]) {
          if (st === u && hChar[h] === c) {
            t = hTo[h];
            break;
          }
        }
        if (t !== -1) break;
        u = failA[u];
      }
      u = u === 0 ? root[c] : t;
      // Inside a partial match, a function word that only restarts matching is stepped over.
      if (s !== 0 && skip[c] === 1 && depthA[u] <= 1) continue;
      s = u;
      ring[fed & mask] = i;
      fed++;
      if (hasOut[s] === 0) continue;
      const outs = this.out[s];
      for (let k = 0; k < outs.length; k++) {
        const idx = outs[k];
        const len = this.lengths[idx];
        onHit(ring[(fed - len) & mask], i + 1, this.values[idx]);
      }
    }
  }

  /** Which code units may be stepped over, and the ring of fed positions: built once, reused by every scan. */
  private skipTable: Uint8Array = new Uint8Array(0);
  private ring: Int32Array = new Int32Array(1);
  private hState: Int32Array = new Int32Array(1).fill(-1);
  private hChar: Uint16Array = new Uint16Array(1);
  private hTo: Int32Array = new Int32Array(1);
  private shift = 31;
  private failA: Int32Array = new Int32Array(1);
  private depthA: Int32Array = new Int32Array(1);
  private hasOut: Uint8Array = new Uint8Array(1);

  get size(): number {
    return this.values.length;
  }
}
