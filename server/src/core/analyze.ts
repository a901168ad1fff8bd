import { buildItems } from './items';
import { findProfile, Knowledge, knowledgeFor, SKIPPABLE, Template } from './knowledge';
import { buildModel, Hit, ReportModel } from './model';
import type { Derived, LexHit, Rule, RuleContext } from './rule';
import { RULE_IDS as RULE_ID_LIST } from './rules/ids';
import { RULE_LIST } from './rules/index';
import { indexWithin, scanEvidence } from './text';
import type {
  AnalysisResult,
  AnalyzeOptions,
  Deduction,
  Finding,
  FindingInit,
  LexiconEntry,
  Locale,
  OutlineRole,
  Profile,
  ProfileChoice,
  Role,
  SectionStat,
  Severity,
  SeveritySetting,
  Tier,
} from './types';
import { OUTLINE_ROLES } from './types';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const POINTS: Record<Severity, number> = { error: 12, warning: 5, info: 1, hint: 0 };
/** Most points one rule can take, so one noisy kind of finding cannot sink a report alone. */
const CAPS: Record<string, number> = {
  'missing-section': 48,
  'missing-topic': 16,
  'achievement-too-long': 8,
  'problems-too-short': 8,
  'report-too-long': 5,
  'vague-phrase': 10,
  'no-evidence': 12,
  'generic-problem': 10,
  'no-subjective-cause': 5,
  'not-personal': 8,
  'vague-measure': 10,
  'outline-numbering': 4,
  unfilled: 24,
};

/**
 * Analyses one report: the whole engine in one function, pure and synchronous.
 * Never throws for any input text; a rule that fails becomes one finding of its own.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  if (typeof text !== 'string') text = String(text ?? '');
  const config = options.config;
  const locale: Locale = options.locale ?? config?.locale ?? 'zh';
  const knowledge = knowledgeFor(config);
  const model = buildModel(text, knowledge.matcher);
  const { profile, choice } = chooseProfile(model, knowledge, options, locale);
  const derived = derive(model, knowledge, profile);

  const raw: (Finding & { weight?: number })[] = [];
  // Rules switched off still run for the tier: a reviewer's judgement is not the writer's
  // setting (a draft with its checks switched off must not rank 好).
  const hidden: (Finding & { weight?: number })[] = [];
  for (const rule of RULE_LIST) {
    const setting = ruleSetting(config?.rules?.[rule.id]);
    runRule(rule, setting === 'off' ? undefined : setting, model, profile, knowledge, locale, derived, setting === 'off' ? hidden : raw);
  }
  const review = reviewOf(hidden.length ? [...raw, ...hidden] : raw, model, derived, locale);

  const findings = applyDirectives(raw, model).sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule),
  );
  const { score, deductions } = scoreOf(findings);
  const stats = buildStats(model, derived, profile, findings);
  for (const f of findings) delete f.weight;
  const result: AnalysisResult = { profile: choice, stats, score, tier: tierOf(score, review.points, review.sendBack), findings, deductions };
  if (review.reasons.length) result.tierReasons = review.reasons;
  const title = reportTitle(model);
  return title ? { title, ...result } : result;
}

function ruleSetting(v: unknown): SeveritySetting | undefined {
  if (typeof v === 'string') return v === 'off' || SEVERITIES.has(v) ? (v as SeveritySetting) : undefined;
  if (v && typeof v === 'object' && 'severity' in v) return ruleSetting((v as { severity?: unknown }).severity);
  return undefined;
}

function runRule(
  rule: Rule,
  setting: SeveritySetting | undefined,
  model: ReportModel,
  profile: Profile,
  knowledge: Knowledge,
  locale: Locale,
  derived: Derived,
  out: (Finding & { weight?: number })[],
): void {
  const len = model.text.length;
  const mine: (Finding & { weight?: number })[] = [];
  const ctx: RuleContext = {
    model,
    profile,
    knowledge,
    locale,
    derived,
    report(f: FindingInit & { severity?: Severity }) {
      // The engine checks what rules hand it, as markdownlint's onError does.
      if (!(Number.isFinite(f.start) && Number.isFinite(f.end) && f.start >= 0 && f.end >= f.start && f.end <= len)) {
        throw new Error(`rule ${rule.id} reported a bad range ${f.start}..${f.end}`);
      }
      const natural: Severity = f.severity ?? rule.defaultSeverity;
      // A setting equal to the rule's default changes nothing; another one rules every finding.
      const overridden = setting !== undefined && setting !== 'off' && setting !== rule.defaultSeverity;
      const severity: Severity = overridden ? (setting as Severity) : natural;
      const finding: Finding & { weight?: number } = {
        rule: rule.id,
        severity,
        message: f.message[locale],
        range: model.index.range(f.start, f.end),
      };
      if (f.section) finding.section = f.section;
      if (f.topic) finding.topic = f.topic;
      if (f.fix) {
        const o = f.fix.offset;
        const e = f.fix.replaceEnd ?? o;
        if (!(o >= 0 && o <= len && e >= o && e <= len)) throw new Error(`rule ${rule.id} reported a bad fix offset ${o}`);
        finding.fix = { title: f.fix.title[locale], range: model.index.range(o, e), newText: f.fix.newText };
        if (f.fix.snippet) finding.fix.snippet = f.fix.snippet;
      }
      if (f.related) finding.related = f.related.map((r) => ({ message: r.message[locale], range: model.index.range(r.start, r.end) }));
      if (f.data) finding.data = f.data;
      // Points follow the severity the user set, when they set one.
      finding.weight = overridden ? POINTS[severity] : (f.weight ?? POINTS[severity]);
      if (severity === 'hint') finding.weight = 0;
      mine.push(finding);
    },
  };
  try {
    rule.check(ctx);
    // A loop, not push(...mine): a spread of 100k+ findings overflows the stack.
    for (const f of mine) out.push(f);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    out.push({
      rule: rule.id,
      severity: 'warning',
      message:
        locale === 'zh'
          ? `规则 ${rule.id} 内部错误，本条规则的结果已略去（其他规则照常）：${msg}`
          : `Internal error in rule ${rule.id}; its results are left out (other rules ran): ${msg}`,
      range: model.index.range(0, 0),
      data: { internalError: true },
      weight: 0,
    });
  }
}

// ---------------------------------------------------------------------------------------

function chooseProfile(model: ReportModel, knowledge: Knowledge, options: AnalyzeOptions, locale: Locale): { profile: Profile; choice: ProfileChoice } {
  const profiles = knowledge.profiles;
  const general = profiles.find((p) => p.id === 'general') ?? profiles[0];
  const make = (p: Profile, source: ProfileChoice['source'], zh: string, en: string) => ({
    profile: p,
    choice: { id: p.id, name: p.name, source, reason: locale === 'zh' ? zh : en, thresholds: { ...p.thresholds } },
  });
  const notes: string[] = [];
  const fmValue = model.frontMatter?.data?.profile;
  if (typeof fmValue === 'string' && fmValue.trim()) {
    const p = findProfile(profiles, fmValue);
    if (p) return make(p, 'front-matter', `front matter 写明 profile: ${fmValue}`, `front matter says profile: ${fmValue}`);
    notes.push(locale === 'zh' ? `front matter 的 profile “${fmValue}” 不是已知画像` : `front matter profile "${fmValue}" is unknown`);
  } else if (model.frontMatter?.error) {
    notes.push(model.frontMatter.error);
  }
  if (options.profile) {
    const p = findProfile(profiles, options.profile);
    if (p) return make(p, 'option', `调用方指定 ${options.profile}`, `chosen by the caller: ${options.profile}`);
    notes.push(locale === 'zh' ? `指定的画像 “${options.profile}” 不存在` : `requested profile "${options.profile}" does not exist`);
  }
  if (options.config?.profile) {
    const p = findProfile(profiles, options.config.profile);
    if (p) return make(p, 'config', `配置文件指定 ${options.config.profile}`, `set in the configuration file: ${options.config.profile}`);
  }
  const detected = detectProfile(model, profiles);
  const prefix = notes.length ? notes.join('；') + '；' : '';
  if (detected) {
    return make(
      detected.profile,
      'detected',
      `${prefix}从${detected.inTitle.length ? `标题中的“${detected.inTitle.join('、')}”` : ''}${detected.inTitle.length && detected.inBody.length ? '和' : ''}${detected.inBody.length ? `正文中的“${detected.inBody.slice(0, 4).join('、')}”` : ''}识别`,
      `${prefix}detected from ${[...detected.inTitle, ...detected.inBody.slice(0, 4)].join(', ')}`,
    );
  }
  return make(general, 'default', `${prefix}未识别出特定述职类型，按通用述职报告检查`, `${prefix}no particular kind recognised; checked as a general report`);
}

function detectProfile(model: ReportModel, profiles: Profile[]): { profile: Profile; inTitle: string[]; inBody: string[] } | undefined {
  const titleText =
    (typeof model.frontMatter?.data?.title === 'string' ? (model.frontMatter.data.title as string) : '') +
    (model.titleBlock !== -1 ? model.blockText(model.titleBlock) : '');
  const candidates = profiles.filter((p) => p.id !== 'general');
  // Title phrases of every profile, where they stand; a phrase inside a longer one of any
  // profile does not count (党支部书记 inside 村党支部书记 says nothing of 机关).
  const titleHits: Span[] = [];
  for (const p of candidates) {
    for (const phrase of p.detect?.title ?? []) {
      if (!phrase) continue;
      for (let i = titleText.indexOf(phrase); i !== -1; i = titleText.indexOf(phrase, i + 1)) {
        titleHits.push({ profile: p.id, phrase, start: i, end: i + phrase.length });
      }
    }
  }
  const bodyHits: Span[] = [];
  const hits = model.hits;
  for (let i = 0; i < hits.length; i++) {
    const tag = hits.tag[i];
    if (tag.t === 'detect') bodyHits.push({ profile: tag.profile, phrase: model.text.slice(hits.start[i], hits.end[i]), start: hits.start[i], end: hits.end[i] });
  }
  const inTitle = distinctByProfile(outermost(titleHits));
  const inBody = distinctByProfile(outermost(bodyHits));
  const scored = candidates
    .map((p) => {
      const t = inTitle.get(p.id) ?? [];
      const b = inBody.get(p.id) ?? [];
      return { profile: p, inTitle: t, inBody: b, score: t.reduce((s, phrase) => s + 4 + phrase.length, 0) + Math.min(b.length, 8) * 1.5 };
    })
    .sort((a, b) => b.score - a.score);
  // A kind named in the title wins over body vocabulary of another kind.
  const titled = scored.filter((c) => c.inTitle.length > 0);
  if (titled.length) return titled[0];
  const [best, second] = scored;
  if (!best) return undefined;
  // The title decides when it names a kind; the body alone must say it several times over,
  // and clearly more than any other kind, or a passing mention would switch the profile.
  if (best.inTitle.length) return best;
  // Two-character words (社区, 居民) are everyday vocabulary; specific phrases must carry it.
  const specific = best.inBody.filter((p) => p.length >= 3).length;
  if (best.inBody.length >= 3 && specific >= 2 && best.score - (second?.score ?? 0) >= 1.5) return best;
  return undefined;
}

interface Span {
  profile: string;
  phrase: string;
  start: number;
  end: number;
}

/** Drops spans that lie inside a longer span (of any profile). Linear after sorting. */
function outermost(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let coverStart = -1;
  let coverEnd = -1;
  for (const s of spans) {
    if (s.end <= coverEnd && (s.start > coverStart || s.end - s.start < coverEnd - coverStart)) continue;
    out.push(s);
    if (s.end > coverEnd) {
      coverStart = s.start;
      coverEnd = s.end;
    }
  }
  return out;
}

function distinctByProfile(spans: Span[]): Map<string, string[]> {
  const m = new Map<string, Set<string>>();
  for (const s of spans) {
    const set = m.get(s.profile) ?? new Set<string>();
    set.add(s.phrase);
    m.set(s.profile, set);
  }
  return new Map([...m].map(([k, v]) => [k, [...v]]));
}

// ---------------------------------------------------------------------------------------

function derive(model: ReportModel, knowledge: Knowledge, profile: Profile): Derived {
  const { blocks, blockRole, text } = model;
  const unitsByRole: Record<Role, number> = { achievements: 0, problems: 0, causes: 0, plans: 0, other: 0 };
  const rolesPresent = new Set<OutlineRole>();
  const excluded = new Set<number>([model.titleBlock, model.salutationBlock]);
  let afterClosing = false;
  const bodyBlocks: number[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const blk = blocks[b];
    unitsByRole[blockRole[b]] += blk.units;
    if (b === model.closingBlock) afterClosing = true;
    if (blk.units === 0 || blk.kind === 'code' || blk.kind === 'comment' || blk.kind === 'break') continue;
    if (afterClosing || excluded.has(b)) continue;
    bodyBlocks.push(b);
    const r = blockRole[b];
    if (r !== 'other' && (blk.kind !== 'heading' || blk.units >= 20)) rolesPresent.add(r);
  }

  const sectionOfRole: Partial<Record<OutlineRole, number>> = {};
  for (const si of model.top) {
    const r = model.sections[si].role;
    if (r !== 'other' && sectionOfRole[r] === undefined) sectionOfRole[r] = si;
  }
  for (const s of model.sections) {
    if (s.role !== 'other' && sectionOfRole[s.role] === undefined) sectionOfRole[s.role] = s.index;
  }

  // Signal counts per block, filled from the one list of hits.
  const signals = new Map<number, Record<string, number>>();
  // Start offsets of every signal and fact phrase by kind, for counts inside one item.
  const starts = new Map<string, number[]>();
  const lexRaw: Hit[] = [];
  const inBody = new Set(bodyBlocks);
  // A snippet's instructions name every topic ("写明……走访服务群众……"); they cover none.
  const hintList = model.hints;
  const inHint = (pos: number) => {
    if (hintList.length === 0) return false;
    let lo = 0;
    let hi = hintList.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (hintList[mid].end <= pos) lo = mid + 1;
      else if (hintList[mid].start > pos) hi = mid - 1;
      else return true;
    }
    return false;
  };
  // Topic coverage of the active profile, filled in the same walk over the hits.
  const topics = profile.topics.map(() => ({ covered: false, hit: undefined as Hit | undefined, matched: undefined as string | undefined, related: new Set<string>() }));
  const hits = model.hits;
  for (let i = 0; i < hits.length; i++) {
    const tag = hits.tag[i];
    const block = hits.block[i];
    if (tag.t === 'sig' || tag.t === 'fact') {
      if (tag.t === 'sig') {
        let rec = signals.get(block);
        if (!rec) signals.set(block, (rec = {}));
        rec[tag.kind] = (rec[tag.kind] ?? 0) + 1;
      }
      let list = starts.get(tag.kind);
      if (!list) starts.set(tag.kind, (list = []));
      list.push(hits.start[i]);
      continue;
    }
    if (tag.t === 'lex') {
      if (inBody.has(block) && !inHint(hits.start[i])) lexRaw.push(hits.at(i));
      continue;
    }
    if (tag.t !== 'topic' || tag.profile !== profile.id || !inBody.has(block) || inHint(hits.start[i])) continue;
    const t = topics[tag.topic];
    if (!t || t.covered) continue;
    const phrase = text.slice(hits.start[i], hits.end[i]);
    if (tag.strong) {
      t.covered = true;
      t.hit = hits.at(i);
      t.matched = phrase;
    } else {
      t.related.add(phrase);
      if (!t.hit) t.hit = hits.at(i);
      if (t.related.size >= 2) {
        t.covered = true;
        t.matched = [...t.related].join('、');
      }
    }
  }

  const lex = resolveLex(lexRaw, model, knowledge.allow);
  // Hits arrive by end offset, so starts are in order but where a longer phrase ends later.
  for (const list of starts.values()) {
    for (let k = 1; k < list.length; k++) {
      if (list[k] < list[k - 1]) {
        list.sort((a, b) => a - b);
        break;
      }
    }
  }
  const lowerBound = (list: number[], x: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const countIn = (kind: string, start: number, end: number) => {
    const list = starts.get(kind);
    return list ? lowerBound(list, end) - lowerBound(list, start) : 0;
  };
  const firstIn = (kind: string, start: number, end: number) => {
    const list = starts.get(kind);
    if (!list) return -1;
    const k = lowerBound(list, start);
    return k < list.length && list[k] < end ? list[k] : -1;
  };

  let anchor = { start: 0, end: 0 };
  if (model.titleBlock !== -1) {
    const tb = blocks[model.titleBlock];
    anchor = { start: tb.contentStart, end: model.index.lineEnd(tb.line) };
  } else if (model.top.length) {
    const s = model.sections[model.top[0]];
    anchor = { start: s.titleStart, end: s.titleEnd };
  } else if (bodyBlocks.length) {
    const b = blocks[bodyBlocks[0]];
    anchor = { start: b.contentStart, end: Math.min(model.index.lineEnd(b.line), b.contentStart + 30) };
  }

  return {
    unitsByRole,
    rolesPresent,
    sectionOfRole,
    lex,
    signalsInBlock: (block, kind) => signals.get(block)?.[kind] ?? 0,
    topics: topics.map((t) => ({ covered: t.covered, hit: t.covered ? t.hit : undefined, matched: t.covered ? t.matched : undefined })),
    anchor,
    bodyBlocks,
    items: buildItems(model, bodyBlocks),
    countIn,
    firstIn,
  };
}

const RULE_IDS: ReadonlySet<string> = new Set(RULE_ID_LIST);
const CLAUSE_REACH = 120;
/** 。！？；，!?;, and line breaks end a clause. */
function isClauseEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0xff0c || c === 33 || c === 63 || c === 59 || c === 44 || c === 10 || c === 13;
}

/**
 * Which lexicon hit wins where two overlap. A part's own kind first: an empty measure inside a
 * plans item ("进一步加强学习") is what the reader must hear about, not the adverb two characters
 * earlier; then a template (a whole formula) over a word; then the longer, then the earlier.
 */
function priority(h: Hit, role: Role): number {
  if (h.tag.t !== 'lex') return 0;
  const kind = h.tag.entry.kind;
  let p = 0;
  if ((kind === 'empty-measure' && role === 'plans') || (kind === 'boilerplate-problem' && (role === 'problems' || role === 'causes'))) p += 4;
  if (h.tag.tpl) p += 2;
  return p;
}

/** Resolves overlaps by priority, verifies templates, drops allowed phrases. */
function resolveLex(raw: Hit[], model: ReportModel, allow: string[]): LexHit[] {
  const text = model.text;
  const cands: Hit[] = [];
  for (const h of raw) {
    if (h.tag.t !== 'lex') continue;
    if (h.tag.tpl) {
      const span = verifyTemplate(text, h.start, h.end, h.tag.tpl, model.blocks[h.block].contentStart, model.blocks[h.block].end);
      if (!span) continue;
      cands.push({ start: span.start, end: span.end, tag: h.tag, block: h.block });
    } else cands.push(h);
  }
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  // Clusters of hits that overlap one another are settled on their own; they are a few hits
  // long in real text, and a hostile cluster falls back to leftmost-longest past 64.
  for (let i = 0; i < cands.length; ) {
    let j = i + 1;
    let clusterEnd = cands[i].end;
    while (j < cands.length && cands[j].start < clusterEnd) clusterEnd = Math.max(clusterEnd, cands[j++].end);
    if (j === i + 1) {
      // Most phrases overlap nothing: no cluster to settle.
      kept.push(cands[i++]);
      continue;
    }
    const cluster = cands.slice(i, j);
    if (cluster.length > 1 && cluster.length <= 64) {
      const role = model.blockRole[cluster[0].block];
      cluster.sort((a, b) => priority(b, role) - priority(a, role) || b.end - b.start - (a.end - a.start) || a.start - b.start);
    }
    const taken: Hit[] = [];
    for (const h of cluster) if (!taken.some((t) => h.start < t.end && t.start < h.end)) taken.push(h);
    taken.sort((a, b) => a.start - b.start);
    for (const h of taken) kept.push(h);
    i = j;
  }
  const out: LexHit[] = [];
  const blockHasTitle = new Map<number, boolean>();
  let lastS = -1;
  let lastE = -1;
  let lastConcrete = false;
  for (const h of kept) {
    const entry = (h.tag as { entry: LexiconEntry }).entry;
    if (allow.some((a) => isInside(text, h.start, entry.phrase, a))) continue;
    const blk = model.blocks[h.block];
    // Only a block that holds a 《 can hold a phrase inside a title: one look per block.
    let titled = blockHasTitle.get(h.block);
    if (titled === undefined) blockHasTitle.set(h.block, (titled = indexWithin(text, '《', blk.contentStart, blk.end) !== -1));
    if (titled && insideTitle(text, h.start, blk.contentStart)) continue;
    const from = blk.marker && blk.marker.end <= h.start ? blk.marker.end : blk.contentStart; // "1." is not a figure
    // The phrase's clause, but at most CLAUSE_REACH either side: a "clause" of thousands of
    // characters without a stop is not one, and reading it whole for every phrase in it made
    // such drafts quadratic.
    let s = h.start;
    const sLimit = Math.max(from, h.start - CLAUSE_REACH);
    while (s > sLimit && !isClauseEnd(text.charCodeAt(s - 1))) s--;
    let e = h.end;
    const eLimit = Math.min(blk.end, h.end + CLAUSE_REACH);
    while (e < eLimit && !isClauseEnd(text.charCodeAt(e))) e++;
    // Phrases of one clause share its reading: a formula-heavy clause has several.
    if (s !== lastS || e !== lastE) {
      const ev = scanEvidence(text, s, e);
      lastConcrete = ev.figure || ev.name;
      lastS = s;
      lastE = e;
    }
    // Listed fields, not a spread: a spread per hit showed up in profiles of long drafts.
    out.push({ start: h.start, end: h.end, tag: h.tag, block: h.block, entry, concrete: lastConcrete });
  }
  return out;
}

/** A phrase inside a document's title (学习《关于切实加强…的意见》) is the document's wording, not the writer's. */
function insideTitle(text: string, at: number, from: number): boolean {
  for (let i = at - 1; i >= from && at - i <= 60; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x300b /* 》 */ || c === 10 || c === 13) return false;
    if (c === 0x300a /* 《 */) return true;
  }
  return false;
}

/** A slot never crosses these: 。！？；，： and line breaks. */
function isSlotStop(c: number): boolean {
  return isClauseEnd(c) || c === 0xff1a || c === 58;
}

/**
 * Where a fixed part matches at `at`, stepping over inserted function words as the automaton
 * does; the end offset, or -1. Never reads past `limit`.
 */
function matchPart(text: string, at: number, part: string, limit: number): number {
  let i = at;
  let k = 0;
  while (k < part.length) {
    if (i >= limit) return -1;
    const c = text.charCodeAt(i);
    if (c === part.charCodeAt(k)) {
      i++;
      k++;
    } else if (k > 0 && SKIPPABLE.indexOf(text[i]) !== -1) i++;
    else return -1;
  }
  return i;
}

/**
 * The span of a template around its anchor hit: each part before it ends within `gap`
 * characters of the next (the nearest such part), each part after it starts within `gap`,
 * and no slot crosses a clause stop. Bounded by gap × part length per part.
 */
function verifyTemplate(text: string, start: number, end: number, tpl: Template, blockStart: number, blockEnd: number): { start: number; end: number } | undefined {
  let left = start;
  for (let k = tpl.anchor - 1; k >= 0; k--) {
    const part = tpl.segments[k];
    let found = -1;
    // Walk left from the slot's nearest end; a stop ends the search.
    for (let p = left - 1; p >= blockStart && left - p <= tpl.gap + part.length * 2; p--) {
      if (isSlotStop(text.charCodeAt(p))) break;
      if (text.charCodeAt(p) !== part.charCodeAt(0)) continue;
      const e = matchPart(text, p, part, left - 1);
      if (e !== -1 && left - e >= 1 && left - e <= tpl.gap) {
        found = p;
        break;
      }
    }
    if (found === -1) return undefined;
    left = found;
  }
  let right = end;
  for (let k = tpl.anchor + 1; k < tpl.segments.length; k++) {
    const part = tpl.segments[k];
    let found = -1;
    for (let p = right + 1; p < blockEnd && p - right <= tpl.gap; p++) {
      if (isSlotStop(text.charCodeAt(p - 1))) break;
      if (text.charCodeAt(p) !== part.charCodeAt(0)) continue;
      const e = matchPart(text, p, part, blockEnd);
      if (e !== -1) {
        found = e;
        break;
      }
    }
    if (found === -1) return undefined;
    right = found;
  }
  return { start: left, end: right };
}

/** Whether the phrase at `at` stands inside an occurrence of the allowed phrase `allowed`. */
function isInside(text: string, at: number, phrase: string, allowed: string): boolean {
  let i = allowed.indexOf(phrase);
  while (i !== -1) {
    if (at - i >= 0 && text.startsWith(allowed, at - i)) return true;
    i = allowed.indexOf(phrase, i + 1);
  }
  return false;
}

// ---------------------------------------------------------------------------------------

function applyDirectives(findings: (Finding & { weight?: number })[], model: ReportModel): (Finding & { weight?: number })[] {
  const dirs = model.directives;
  if (dirs.length === 0) return findings;
  // The disable/enable state after each directive, and the lines silenced one by one: one pass
  // over the directives, then a binary search per finding (a finding × directive loop was
  // quadratic on drafts with a directive on every line).
  // Only known rule ids matter (a finding never has another), which also keeps every set small:
  // a draft naming thousands of made-up rules must not make the copies below quadratic.
  const known = (rules: string[]) => rules.filter((r) => RULE_IDS.has(r));
  const states: { line: number; all: boolean; off: Set<string> }[] = [];
  const lineOff = new Map<number, Set<string> | 'all'>();
  let all = false;
  let off = new Set<string>();
  for (const d of dirs) {
    if (d.kind === 'disable' || d.kind === 'enable') {
      off = new Set(off);
      if (d.kind === 'disable') {
        if (d.rules.length === 0) all = true;
        else known(d.rules).forEach((r) => off.add(r));
      } else if (d.rules.length === 0) {
        all = false;
        off.clear();
      } else d.rules.forEach((r) => off.delete(r));
      states.push({ line: d.line, all, off });
      continue;
    }
    const target = d.kind === 'disable-next-line' ? d.line + 1 : d.line;
    const prev = lineOff.get(target);
    if (prev === 'all') continue;
    if (d.rules.length === 0) lineOff.set(target, 'all');
    else {
      const set = prev ?? new Set<string>();
      known(d.rules).forEach((r) => set.add(r));
      lineOff.set(target, set);
    }
  }
  return findings.filter((f) => {
    const line = f.range.start.line;
    // The last state whose directive line is at or before the finding's line.
    let lo = 0;
    let hi = states.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (states[mid].line <= line) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at !== -1 && (states[at].all || states[at].off.has(f.rule))) return false;
    const silenced = lineOff.get(line);
    return !(silenced === 'all' || silenced?.has(f.rule));
  });
}

function scoreOf(findings: (Finding & { weight?: number })[]): { score: number; deductions: Deduction[] } {
  const taken: Record<string, number> = {};
  const deductions: Deduction[] = [];
  let total = 0;
  // Errors and warnings first, so the cap of a rule is spent on its weightiest findings.
  const order = findings.map((_, i) => i).sort((a, b) => (findings[b].weight ?? 0) - (findings[a].weight ?? 0));
  for (const i of order) {
    const f = findings[i];
    const w = f.weight ?? 0;
    if (w <= 0) continue;
    const cap = CAPS[f.rule] ?? 10;
    const room = cap - (taken[f.rule] ?? 0);
    if (room <= 0) continue;
    const points = Math.round(Math.min(w, room) * 10) / 10;
    taken[f.rule] = (taken[f.rule] ?? 0) + points;
    total += points;
    deductions.push({ rule: f.rule, points, finding: i });
  }
  deductions.sort((a, b) => a.finding - b.finding);
  return { score: Math.max(0, Math.round(100 - total)), deductions };
}

/**
 * What a reviewer sends back (《党建述职评价考核工作实施方案》 三、从严审核把关: 只讲成绩、不讲问题,
 * 不分析问题原因, 整改措施空洞无物…), as points: read from what the rules found, whatever
 * severity the user gave them and whether or not they are shown. docs/scoring.md has the model.
 */
function reviewOf(all: readonly Finding[], model: ReportModel, derived: Derived, locale: Locale): { points: number; sendBack: boolean; reasons: string[] } {
  const reasons: string[] = [];
  let points = 0;
  let sendBack = false;
  const add = (n: number, zh: string, en: string) => {
    points += n;
    reasons.push(locale === 'zh' ? zh : en);
  };
  // One pass over the findings, by rule.
  const byRule = new Map<string, Finding[]>();
  for (const f of all) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const of = (rule: string) => byRule.get(rule) ?? [];
  const missing = new Set(of('missing-section').map((f) => f.section));
  if (missing.has('problems')) {
    sendBack = true;
    reasons.push(locale === 'zh' ? '只讲成绩、不讲问题' : 'achievements only, no problems');
  }
  let problemItems = 0;
  let planItems = 0;
  for (const it of derived.items) {
    if (it.role === 'problems') problemItems++;
    else if (it.role === 'plans') planItems++;
  }
  const generic = of('generic-problem').length;
  const measures = of('vague-measure');
  const asks = measures.filter((f) => f.data?.asksOthers).length;
  const causes = of('no-subjective-cause')[0];
  if (causes) {
    add(2, '原因只讲客观、不讲主观', 'causes only external');
    if (causes.data?.fromProblems) add(1, '所列问题本身都是客观条件', 'the problems listed are circumstances');
  }
  if (missing.has('plans')) add(2, '没有整改措施', 'no measures');
  else if (planItems > 0 && asks * 2 >= planItems) add(2, '整改措施多是请上级或别人去做', 'measures ask others to act');
  else if (planItems > 0 && measures.length >= planItems) add(1, '整改措施条条空泛', 'every measure is empty');
  if (problemItems > 0 && generic >= problemItems) add(1, '问题条条大而化之', 'every problem is generic');
  if (missing.has('causes')) add(1, '没有原因分析', 'no analysis of causes');
  if (of('not-personal').length) add(1, '只讲面上工作、不讲个人履职', 'speaks of the unit, not of the reporter');
  // 一味评功摆好: not one achievement paragraph with a figure, a name or an example.
  const substantive = derived.bodyBlocks.filter((b) => model.blockRole[b] === 'achievements' && model.blocks[b].kind !== 'heading' && model.blocks[b].kind !== 'table' && model.blocks[b].units >= 30).length;
  const bare = of('no-evidence').length;
  if (substantive >= 2 && bare >= substantive) add(1, '成绩部分没有一处数据和实例', 'no achievement paragraph has a figure or an example');
  // An outline left unfilled: the instructions of a snippet or a quick fix still in place.
  const hints = model.hints.length;
  if (hints >= 3) {
    sendBack = true;
    reasons.push(locale === 'zh' ? `提纲还没有填写（还有 ${hints} 处提示文字）` : `the outline is not filled in (${hints} instructions left)`);
  } else if (hints > 0) add(1, '还有提纲的提示文字没有填写', 'outline instructions left unfilled');
  const placeholders = derived.bodyBlocks.filter((b) => model.blockRole[b] === 'achievements' && model.evidence(b).placeholder).length;
  if (placeholders >= 2) add(1, '数据还是占位符（X次、20XX年），没有填实', 'figures are still placeholders');
  return { points, sendBack, reasons };
}

/**
 * The tier: 差 when the report would be sent back (no problems part, or three points of the
 * faults above), 中 when it has any such fault or scores below 85, else 好. A score far down
 * (below 40) is 差 on its own.
 */
export function tierOf(score: number, points = 0, sendBack = false): Tier {
  if (sendBack || points >= 3 || score < 40) return '差';
  if (points > 0 || score < 85) return '中';
  return '好';
}

function reportTitle(model: ReportModel): string | undefined {
  const fm = model.frontMatter?.data?.title;
  if (typeof fm === 'string' && fm.trim()) return fm.trim();
  if (model.titleBlock === -1) return undefined;
  // Trimmed by hand: /[\s　*#]+$/ backtracks quadratically on a long run of spaces mid-line.
  const t = model.blockText(model.titleBlock);
  const strip = (c: string) => c === '#' || c === '*' || c === '　' || /\s/.test(c);
  let a = 0;
  let b = t.length;
  while (a < b && strip(t[a])) a++;
  while (b > a && strip(t[b - 1])) b--;
  return t.slice(a, b) || undefined;
}

function buildStats(model: ReportModel, derived: Derived, profile: Profile, findings: Finding[]): AnalysisResult['stats'] {
  const total = model.units;
  const share = (u: number) => (total > 0 ? Math.round((u / total) * 10000) / 10000 : 0);
  const stat = (si: number, depth: number): SectionStat => {
    const s = model.sections[si];
    return {
      role: s.role,
      title: s.title,
      range: model.index.range(model.blocks[s.block].start, s.end),
      units: s.units,
      share: share(s.units),
      level: depth,
      // The tree stops at three levels: deeper items are list detail, not outline.
      children: depth < 3 ? s.children.map((c) => stat(c, depth + 1)) : [],
    };
  };
  const shares = {} as Record<OutlineRole, number>;
  for (const r of OUTLINE_ROLES) shares[r] = share(derived.unitsByRole[r]);
  const ruleCounts: Record<string, number> = {};
  for (const f of findings) ruleCounts[f.rule] = (ruleCounts[f.rule] ?? 0) + 1;
  const vague = new Map<string, number>();
  for (const f of findings) {
    if (f.rule === 'vague-phrase' && typeof f.data?.phrase === 'string') vague.set(f.data.phrase, (vague.get(f.data.phrase) ?? 0) + 1);
  }
  return {
    units: total,
    shares,
    unitsByRole: derived.unitsByRole,
    sections: model.top.map((si) => stat(si, 1)),
    topics: profile.topics.map((t, i) => {
      const cov = derived.topics[i];
      const out: AnalysisResult['stats']['topics'][number] = { id: t.id, title: t.title, covered: cov.covered };
      if (cov.hit) out.range = model.index.range(cov.hit.start, cov.hit.end);
      if (cov.matched) out.matched = cov.matched;
      return out;
    }),
    ruleCounts,
    vaguePhrases: [...vague].map(([phrase, count]) => ({ phrase, count })).sort((a, b) => b.count - a.count),
    paragraphsWithoutEvidence: findings.filter((f) => f.rule === 'no-evidence').length,
  };
}
