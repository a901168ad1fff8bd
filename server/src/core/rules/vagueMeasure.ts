import { itemHead } from '../items';
import type { LexHit, Rule, RuleContext } from '../rule';
import { scanEvidence } from '../evidence';
import { FACTS } from '../facts';
import type { FindingInit } from '../types';
import { roleAnchor } from './shares';
import { citeEn } from '../documents';

const SOURCE_ZH = '《双述双评活动实施方案》：整改措施要明确整改内容、整改措施和整改时限';
const SOURCE_EN = `${citeEn('双述双评活动实施方案')}: a corrective measure states what will be corrected, how, and by when`;

/** "2025年，我将…": a bare year is when the plan is for, not a deadline or a target. */
const BARE_YEAR = /(?:19|20)\d\d\s*年(?:度)?(?![\d０-９一二三四五六七八九十]{1,2}月|起|底|初|内|前|中|上半年|下半年|第)/g;

/**
 * Times written in words a phrase list does not hold: a frequency (每两周, 每个月, 每季度) or a
 * deadline by a holiday or a season (五一以前, 春耕前, 汛期之前).
 */
const WHEN = /每(?:[两二三四五六七八九十半]|一个|个)?(?:天|日|周|星期|月|季度?|年|旬|次)|(?:五一|十一|国庆|春节|元旦|中秋|端午|清明|年底|年中|月底|汛期|汛|秋收|春耕|夏收|麦收|开学|寒假|暑假|学期|换届)(?:以前|之前|前|期间|开始前|结束前)|(?:下|本)(?:月|周|季度|学期)(?:起|内|底|前)|在下次[^，。；]{0,10}上/;
/** Who carries it out, named as a role: "由组织委员负责", "由一名党员领学". */
const OWNER = /由[\u4e00-\u9fa5]{1,8}(?:负责|牵头|领学|主持|落实)/;
/** Asking others, however worded: "积极向镇里争取", "希望院里", "需要县里支持". */
// "向上级汇报" is the reporter's own act: 向/争取 ask only with what is asked for (争取, 申请, 支持).
const ASKS = /^(?:积极|努力|主动|多)?(?:(?:请|希望|建议|恳请|盼望|需要|呼吁)(?:上级|镇里|县里|区里|市里|局里|院里|所里|村里|组织|领导|单位|中心|街道|政府|党委|党工委|部门|有关部门|支部)|(?:向|争取)(?:上级|镇里|县里|区里|市里|局里|院里|所里|组织|领导|单位|中心|街道|政府|党委|党工委|部门|有关部门)[^，。；]{0,6}(?:争取|申请|要|请求|支持|倾斜|拨付))/;

/** A measure can be held to account: a time, an owner or a measurable target. */
/**
 * How a measure can be held to account: 'concrete' with a time, an owner or a measurable target
 * and something to do; 'no-content' when a deadline or an owner sits on a stock phrase
 * ("年底前进一步提高政治站位"); 'vague' with neither.
 */
export function measureState(ctx: RuleContext, start: number, end: number): 'concrete' | 'no-content' | 'vague' {
  const { derived, model } = ctx;
  const body = model.text.slice(start, Math.min(end, start + 2000)).replace(BARE_YEAR, '');
  const accountable =
    derived.countIn('time', start, end) > 0 || derived.countIn('owner', start, end) > 0 || derived.countIn('target', start, end) > 0 || WHEN.test(body) || OWNER.test(body) || scanEvidence(body, 0, body.length).figure;
  if (!accountable) return 'vague';
  return hasContent(ctx, start, end) ? 'concrete' : 'no-content';
}

/**
 * Words that hold a measure to account, or that say nothing by themselves: what is left when
 * they and the lexicon's stock phrases are taken out is what the measure will actually do.
 * Kept by first character, longest first, for one linear pass.
 */
const NOT_CONTENT = new Map<string, string[]>();
for (const w of [
  ...FACTS.time,
  ...FACTS.owner,
  ...FACTS.target,
  ...['由我', '本人', '我将', '我要', '进一步', '切实', '全面', '不断', '持续', '努力', '力争', '确保', '坚持', '认真', '积极', '主动', '各项', '工作', '抓好', '做好'],
  ...['加强', '提高', '提升', '增强', '强化', '狠抓', '推动', '推进', '落实', '做到', '取得', '实效', '更大', '更好', '新的', '再上新台阶', '上新台阶', '水平', '能力', '全年', '今年', '明年', '来年', '年度'],
  // The objects every such vow takes: raising them names no act.
  ...['理论武装', '政治站位', '政治素养', '政治素质', '理论学习', '理论水平', '业务学习', '宗旨意识', '大局意识', '责任意识', '服务意识', '工作作风', '作风建设'],
  ...['思想认识', '党性修养', '自身建设', '自身素质', '综合素质', '业务素质', '履职能力', '本领'],
].sort((a, b) => b.length - a.length)) {
  const list = NOT_CONTENT.get(w[0]);
  if (list) list.push(w);
  else NOT_CONTENT.set(w[0], [w]);
}

const CLAUSE_END = new Set([...'，。；！？,;!?：:、 \t\n\r　']);

/**
 * A clause of the measure keeps two characters or more of its own once the lexicon's phrases
 * and the words above are gone ("由我牵头补登" keeps 补登). One pass over the item.
 */
function hasContent(ctx: RuleContext, start: number, end: number): boolean {
  const { model, derived } = ctx;
  const text = model.text;
  const stop = Math.min(end, start + 2000);
  const lex = derived.lex;
  // The hits are in start order: find the first that can reach into the item.
  let lo = 0;
  let hi = lex.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lex[mid].start < start - 64) lo = mid + 1;
    else hi = mid;
  }
  let k = lo;
  let own = 0;
  for (let i = start; i < stop; ) {
    while (k < lex.length && lex[k].end <= i) k++;
    if (k < lex.length && lex[k].start <= i) {
      i = lex[k].end;
      continue;
    }
    const ch = text[i];
    if (CLAUSE_END.has(ch)) {
      own = 0;
      i++;
      continue;
    }
    const words = NOT_CONTENT.get(ch);
    const w = words?.find((x) => text.startsWith(x, i));
    if (w) {
      i += w.length;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff && ++own >= 2) return true;
    i++;
  }
  return false;
}

export const vagueMeasure: Rule = {
  order: 11,
  name: { zh: '措施不具体', en: 'Measure not concrete' },
  cap: 10,
  id: 'vague-measure',
  description: { zh: '一条措施没有时限、责任人或可衡量的目标，或是请上级、别人去做（每条措施一条）', en: 'A measure with no deadline, owner or measurable target, or one that asks others to act (one per item)' },
  defaultSeverity: 'info',
  tags: ['content'],
  source: '《双述双评活动实施方案》：“整改措施要明确整改内容、整改措施和整改时限”；《党建述职评价考核工作实施方案》：“整改措施要具体实在，突出针对性和可行性”',
  check(ctx) {
    const { model, derived } = ctx;
    const lex = derived.lex.filter((h) => h.entry.kind === 'empty-measure');
    const out: (FindingInit & { severity?: undefined })[] = [];
    let total = 0;
    let k = 0;
    for (const item of derived.items) {
      if (item.role !== 'plans' || item.unfilled || item.end - item.bodyStart < 4) continue;
      total++;
      const said = itemHead(model.text, item);
      const anchor = { start: item.start, end: Math.max(item.start + 1, item.headEnd) };
      // Asking the higher-ups to act is a wish, not the reporter's own measure.
      const ask = derived.firstIn('ask-others', item.bodyStart, Math.min(item.end, item.bodyStart + 12));
      if (ask !== -1 || ASKS.test(model.text.slice(item.bodyStart, Math.min(item.end, item.bodyStart + 20)))) {
        out.push({
          ...anchor,
          message: {
            zh: `“${said}”是请上级或别人去做，不是本人的整改措施（${SOURCE_ZH}）。请写本人要做什么、何时完成；需要上级支持的，可放在意见建议中。`,
            en: `"${said}" asks your superiors or others to act; it is not a corrective measure of your own (${SOURCE_EN}). Say what you yourself will do and by when; support you need from above belongs in the opinions and suggestions.`,
          },
          data: { asksOthers: true },
          weight: 3,
        });
        continue;
      }
      const state = measureState(ctx, item.bodyStart, item.end);
      if (state === 'concrete') continue;
      while (k < lex.length && lex[k].end <= item.start) k++;
      const phrase: LexHit | undefined = lex[k] && lex[k].start < item.end ? lex[k] : undefined;
      const message =
        state === 'no-content'
          ? {
              zh: `这条措施“${said}”有时限或责任人，却${phrase ? `只有“${phrase.entry.phrase}”这类表态，` : '只有方向，'}没有写明具体做什么、做成什么样（${SOURCE_ZH}）。${phrase?.entry.suggest ? '建议：' + phrase.entry.suggest : '请写明到期时要交出的东西：一项制度、一份台账、几次活动或一个数字。'}`,
              en: `This measure ("${said}") has a deadline or an owner, but ${phrase ? `only a pledge such as "${phrase.entry.phrase}"` : 'only a direction'}: it does not say what exactly will be done or what will stand when it is done (${SOURCE_EN}). ${phrase?.entry.suggestEn ? 'Suggestion: ' + phrase.entry.suggestEn : 'Say what will be delivered by then: a rule, a ledger, a number of activities or a figure.'}`,
            }
          : {
              zh: `这条措施“${said}”${phrase ? `用的是“${phrase.entry.phrase}”这类表态，` : '只有方向，'}没有写明具体做什么、谁负责、何时完成或达到什么目标（${SOURCE_ZH}）。${phrase?.entry.suggest ? '建议：' + phrase.entry.suggest : '请补上完成时限或可检查的目标。'}`,
              en: `This measure ("${said}") ${phrase ? `is a pledge such as "${phrase.entry.phrase}"` : 'names a direction only'}: it does not say what exactly will be done, who is responsible, by when, or what target it reaches (${SOURCE_EN}). ${phrase?.entry.suggestEn ? 'Suggestion: ' + phrase.entry.suggestEn : 'Add a deadline or a target that can be checked.'}`,
            };
      const data = { ...(phrase ? { phrase: phrase.entry.phrase } : {}), ...(state === 'no-content' ? { noContent: true } : {}) };
      out.push({
        ...anchor,
        message,
        data: Object.keys(data).length ? data : undefined,
        weight: 2,
      });
    }
    // The part as a whole: in related information, on the part's heading, not as a finding.
    const part = roleAnchor(ctx, 'plans');
    const related = [{ message: { zh: `措施部分共 ${total} 条，其中 ${out.length} 条空泛或是请别人做`, en: `${out.length} of the ${total} measures in the measures part are empty or ask others to act` }, start: part.start, end: part.end }];
    for (const f of out) ctx.report({ ...f, related });
  },
};
