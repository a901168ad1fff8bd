/**
 * The scorecard's words in both locales: roles, tiers and severities from the product's one
 * table (core/words.ts), then the phrases only the scorecard uses. Plain strings and functions
 * of numbers; the renderer escapes whatever it places.
 */
import type { Locale, ProfileSource, Role, Severity, Tier, Waiver } from '../core/types';
import { WORDS } from '../core/words';

export interface Words {
  /** A role in the share bars, the outline and the missing parts: the table's short word. */
  role: Readonly<Record<Role, string>>;
  tier: Readonly<Record<Tier, string>>;
  severity: Readonly<Record<Severity, string>>;
  source: Record<ProfileSource, string>;
  score: string;
  profile: string;
  units: (n: number) => string;
  shares: string;
  max: (p: number | string) => string;
  min: (p: number | string) => string;
  total: string;
  /** The 字数 of the whole against its limit. */
  ofMax: (units: number, max: number) => string;
  /** Where a share stands against its limit: short, the colour says the rest; `mark` is ✓, ✗ or nothing. */
  against: (p: string, limit: string, mark: string) => string;
  /** The bar of 讲问题, which counts its analysis of causes as problems-too-short does. */
  problemsWithCauses: string;
  /** How much of that bar is the analysis of causes. */
  ofWhichCauses: (units: number) => string;
  /** The problems bar in a sentence. */
  problemsAndCauses: string;
  /** Why a bar and the outline's sections of that part give different numbers. */
  sharesNote: (label: string, units: number, p: number, sectionUnits: number, sectionP: number) => string;
  missingPart: string;
  /** Preview only: a click on a missing part or topic offers its quick fix. */
  clickToInsert: string;
  /** The id of a rule, as a tooltip beside its name. */
  ruleId: (id: string) => string;
  deducted: (n: number) => string;
  outline: string;
  noSections: string;
  topics: string;
  noTopics: string;
  covered: string;
  missing: string;
  findings: string;
  noFindings: string;
  line: (l: number, c: number) => string;
  fix: string;
  points: (n: number) => string;
  lost: (n: number) => string;
  vague: (n: number) => string;
  noEvidence: (n: number) => string;
  counts: (e: number, w: number, o: number) => string;
  summaryTitle: string;
  summaryLead: (n: number) => string;
  rank: string;
  file: string;
  skipped: string;
  /** Files found in folders that do not read as a report: listed, not scored. */
  unrecognised: string;
  average: (n: number) => string;
  tierReasons: string;
  listSep: string;
  /** The parts read item by item: how many items, how many flagged. */
  itemsProblems: (total: number, flagged: number) => string;
  itemsPlans: (total: number, flagged: number) => string;
  /** A place in a Word file: its 段 (1-based), and the character in it when not the first (1-based). */
  paragraph: (p: number, c: number) => string;
  /** The place of a Word file's finding in a document with no text. */
  docStart: string;
  /** The checks the draft switched off with comments, near the top of the card. */
  waivers: string;
  /** A waiver naming no rule. */
  allChecks: string;
  /** Where a waiver acts, from the 1-based line of its comment. */
  waiverScope: (kind: Waiver['kind'], line: number) => string;
  reason: (r: string) => string;
  noReason: string;
  hidden: (n: number) => string;
  /** The batch page's badge of a report with waivers. */
  waivedBadge: (n: number) => string;
  /** The batch page's line on how many reports switched checks off, and how many of them gave no reason. */
  waivedReports: (n: number, unexplained: number) => string;
}


const PHRASES: Record<Locale, Words> = {
  zh: {
    role: WORDS.roleShort.zh,
    tier: WORDS.tier.zh,
    severity: WORDS.severity.zh,
    source: WORDS.profileSource.zh,
    score: '评分',
    profile: '述职类型',
    units: (n) => `${n} 字`,
    shares: '篇幅比例',
    max: (p) => `上限 ${p}%`,
    min: (p) => `下限 ${p}%`,
    total: '全文',
    ofMax: (u, m) => `${u}/${m} 字`,
    against: (p, limit, mark) => `${p}%（${limit}）${mark}`,
    problemsWithCauses: '问题（含原因）',
    ofWhichCauses: (u) => `其中原因分析 ${u} 字`,
    problemsAndCauses: '问题和原因',
    sharesNote: (label, u, p, su, sp) =>
      su === 0
        ? `${label}按内容计 ${u} 字（${p}%），没有单独成节，写在其他各节中。`
        : `${label}按内容计 ${u} 字（${p}%），结构中标为${label}的各节共 ${su} 字（${sp}%）：有的段落写的内容与所在的节不同。`,
    missingPart: '缺少',
    clickToInsert: '点击插入',
    ruleId: (id) => `规则 ${id}`,
    deducted: (n) => `满分 100，扣 ${n} 分`,
    outline: '结构',
    noSections: '未识别出章节。',
    topics: '必述内容',
    noTopics: '这类述职没有必述内容清单。',
    covered: '已覆盖',
    missing: '未覆盖',
    findings: '发现的问题',
    noFindings: '没有发现问题。',
    line: (l, c) => `第 ${l} 行第 ${c} 列`,
    fix: '修改建议：',
    points: (n) => `扣 ${n} 分`,
    lost: (n) => `共扣 ${n} 分`,
    vague: (n) => `空话套话 ${n} 处`,
    noEvidence: (n) => `缺少实据的段落 ${n} 个`,
    counts: (e, w, o) => `${WORDS.severity.zh.error} ${e} · ${WORDS.severity.zh.warning} ${w} · ${WORDS.severity.zh.info} ${o}`,
    summaryTitle: '述职报告评议汇总',
    summaryLead: (n) => `共 ${n} 份报告，按“好、中、差”三个档次综合排序，档内按评分从高到低。`,
    rank: '名次',
    file: '报告',
    skipped: '未分析的文件',
    unrecognised: '未识别为述职报告，未评分',
    average: (n) => `平均分 ${n}`,
    tierReasons: '定档依据',
    listSep: '；',
    itemsProblems: (t, n) => `问题 ${t} 条中 ${n} 条大而化之`,
    itemsPlans: (t, n) => `措施 ${t} 条中 ${n} 条空泛`,
    paragraph: (p, c) => (c > 1 ? `第 ${p} 段第 ${c} 字` : `第 ${p} 段`),
    docStart: '文首',
    waivers: '已关闭的检查',
    allChecks: '全部检查',
    waiverScope: (kind, l) => (kind === 'disable' ? `第 ${l} 行起` : kind === 'disable-line' ? `第 ${l} 行` : `第 ${l + 1} 行（注释在第 ${l} 行）`),
    reason: (r) => `理由：${r}`,
    noReason: '未说明理由',
    hidden: (n) => `隐去 ${n} 条问题`,
    waivedBadge: (n) => `关闭检查 ${n} 处`,
    waivedReports: (n, u) => `${n} 份报告用注释关闭了检查${u ? `，其中 ${u} 份未说明理由` : ''}。`,
  },
  en: {
    role: WORDS.roleShort.en,
    tier: WORDS.tier.en,
    severity: WORDS.severity.en,
    source: WORDS.profileSource.en,
    score: 'Score',
    profile: 'Report type',
    units: (n) => `${n} characters`,
    shares: 'Shares of the report',
    max: (p) => `max ${p}%`,
    min: (p) => `min ${p}%`,
    total: 'Whole',
    ofMax: (u, m) => `${u}/${m}`,
    against: (p, limit, mark) => `${p}% (${limit})${mark ? ` ${mark}` : ''}`,
    problemsWithCauses: 'Problems (with causes)',
    ofWhichCauses: (u) => `of which causes ${u} characters`,
    problemsAndCauses: 'Problems and causes',
    sharesNote: (label, u, p, su, sp) =>
      su === 0
        ? `${label}: ${u} characters (${p}%) by content, with no section of their own (written in other sections).`
        : `${label}: ${u} characters (${p}%) by content; the sections titled so hold ${su} (${sp}%), as some paragraphs say something other than their section's title.`,
    missingPart: 'Missing',
    clickToInsert: 'click to insert',
    ruleId: (id) => `rule ${id}`,
    deducted: (n) => `${n} of 100 points lost`,
    outline: 'Outline',
    noSections: 'No sections recognised.',
    topics: 'Required topics',
    noTopics: 'This profile has no required topics.',
    covered: 'covered',
    missing: 'missing',
    findings: 'Findings',
    noFindings: 'No findings.',
    line: (l, c) => `line ${l}, column ${c}`,
    fix: 'Suggested fix: ',
    points: (n) => `−${n} points`,
    lost: (n) => `${n} points lost`,
    vague: (n) => `${n} vague phrases`,
    noEvidence: (n) => `${n} paragraphs without evidence`,
    counts: (e, w, o) => `${e} errors · ${w} warnings · ${o} infos`,
    summaryTitle: 'Duty report review summary',
    summaryLead: (n) => `${n} reports, ranked in the three tiers good, fair, poor, by score within a tier.`,
    rank: 'Rank',
    file: 'Report',
    skipped: 'Files not analysed',
    unrecognised: 'Not recognised as a duty report, not scored',
    average: (n) => `average score ${n}`,
    tierReasons: 'Why this tier',
    listSep: '; ',
    itemsProblems: (t, n) => `${n} of ${t} problems generic`,
    itemsPlans: (t, n) => `${n} of ${t} measures empty`,
    paragraph: (p, c) => (c > 1 ? `paragraph ${p}, character ${c}` : `paragraph ${p}`),
    docStart: 'start of the document',
    waivers: 'Checks switched off',
    allChecks: 'all checks',
    waiverScope: (kind, l) => (kind === 'disable' ? `from line ${l} on` : kind === 'disable-line' ? `line ${l}` : `line ${l + 1} (comment on line ${l})`),
    reason: (r) => `reason: ${r}`,
    noReason: 'no reason given',
    hidden: (n) => `hid ${n} ${n === 1 ? 'finding' : 'findings'}`,
    waivedBadge: (n) => `${n} ${n === 1 ? 'check' : 'checks'} switched off`,
    waivedReports: (n, u) => `${n} ${n === 1 ? 'report switched' : 'reports switched'} checks off with comments${u ? `, ${u} without a reason` : ''}.`,
  },
};

export function words(locale: Locale | undefined): Words {
  return PHRASES[locale === 'en' ? 'en' : 'zh'];
}
