/**
 * Shared types of the analysis core. The core is pure: text and options in, findings and a
 * scorecard out. Nothing here may import vscode, LSP types or the file system.
 */

/** 0-based line and UTF-16 code-unit column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** The severities, from the weightiest: the one list of them (settings, schema, renderer, rules). */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What a rule may be set to: a severity, or off. */
export const SEVERITY_SETTINGS = [...SEVERITIES, 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** The parts of the standard outline (SPEC "The standard outline and section roles"). */
export type OutlineRole = 'achievements' | 'problems' | 'causes' | 'plans';
export type Role = OutlineRole | 'other';
export const OUTLINE_ROLES: readonly OutlineRole[] = ['achievements', 'problems', 'causes', 'plans'];

export type Locale = 'zh' | 'en';

/** A text edit, in document coordinates. Fixes are data, never closures. */
export interface Fix {
  /** Short title for a quick-fix menu, in the requested locale. */
  title: string;
  range: Range;
  /** Plain text that a CLI or a non-snippet client inserts. */
  newText: string;
  /** The same insertion as a VS Code/LSP snippet with tab stops, where it helps. */
  snippet?: string;
}

export interface RelatedInfo {
  message: string;
  range: Range;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** For missing-section: the missing role. */
  section?: OutlineRole;
  /** For missing-topic: the topic's title as the seed words it. */
  topic?: string;
  fix?: Fix;
  related?: RelatedInfo[];
  /** Extra machine-readable detail (the phrase found, the share measured …). */
  data?: Record<string, unknown>;
}

/** What a rule hands to `report`; the engine adds id and severity and validates it. */
export interface FindingInit {
  /** Offsets into the document text (UTF-16 code units); converted to a Range by the engine. */
  start: number;
  end: number;
  message: LocalizedText;
  section?: OutlineRole;
  topic?: string;
  fix?: { title: LocalizedText; offset: number; newText: string; snippet?: string; replaceEnd?: number };
  related?: { message: LocalizedText; start: number; end: number }[];
  data?: Record<string, unknown>;
  /** Score points this finding costs (the engine caps per rule). Default: by severity. */
  weight?: number;
}

export interface LocalizedText {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------------------------------
// Profiles

export interface Thresholds {
  /** Largest share of 字数 the achievements part may take (0..1). */
  maxAchievementShare?: number;
  /** Smallest share of 字数 the problems part must take (0..1). */
  minProblemShare?: number;
  /** Largest 字数 of the whole report. */
  maxUnits?: number;
}

export interface Topic {
  /** Stable id within the profile, kebab-case. */
  id: string;
  /** The topic's title as the seed words it, e.g. "履行岗位职责情况". */
  title: string;
  /** The title in English, for the English interface. */
  titleEn?: string;
  /** Where it comes from, e.g. "seed 003 三、述职内容 1". */
  source: string;
  /** The source in English: 《title》 (English rendering), clause. */
  sourceEn?: string;
  /** Any one of these phrases in the report shows the topic is covered. */
  keywords: string[];
  /** Weaker phrases: two different ones together also show it is covered. */
  related?: string[];
  /** Body text suggested when the topic is inserted by a quick fix. */
  hint?: string;
}

export interface Profile {
  id: string;
  /** Chinese name, e.g. "机关党支部书记述职". */
  name: string;
  nameEn: string;
  /** Other names accepted in front matter `profile:`. */
  aliases: string[];
  /** Where the profile comes from (seed and passage). */
  source: string;
  /** The source in English: 《title》 (English rendering), clause. */
  sourceEn?: string;
  thresholds: Thresholds;
  /** Where each threshold comes from, for messages. */
  thresholdSources?: { [K in keyof Thresholds]?: string };
  /** The same in English; a key without one falls back to the Chinese source. */
  thresholdSourcesEn?: { [K in keyof Thresholds]?: string };
  topics: Topic[];
  /** Phrases that suggest this reporter kind; title hits weigh more than content hits. */
  detect: { title: string[]; content: string[] };
}

// ---------------------------------------------------------------------------------------
// Vague-phrase lexicon

export interface LexiconKind {
  id: string;
  name: string;
  nameEn: string;
  description: string;
}

export interface LexiconEntry {
  phrase: string;
  kind: string;
  /** Why it is vague, in Chinese, one short sentence. */
  reason: string;
  /** What to write instead, where there is a good answer. */
  suggest?: string;
  /** The reason and the suggestion in English, for the English interface. */
  reasonEn?: string;
  suggestEn?: string;
  /** Flag even in a sentence that carries a figure or a date (slogans, pure filler). */
  always?: boolean;
  /** For a phrase with slots (…): the most characters one slot may hold (default 24). */
  gap?: number;
}

export interface Lexicon {
  kinds: LexiconKind[];
  entries: LexiconEntry[];
}

// ---------------------------------------------------------------------------------------
// Configuration (.duty-report.json / .yaml), already parsed and validated.

export interface RuleSetting {
  severity?: SeveritySetting;
}

export interface DutyReportConfig {
  /** Default profile when front matter names none. */
  profile?: string;
  /** Per-rule severity, or 'off'. */
  rules?: Record<string, SeveritySetting | RuleSetting>;
  /** Threshold overrides by profile id. */
  thresholds?: Record<string, Thresholds>;
  /** Extra profiles, or overrides of built-in ones (same id). */
  profiles?: Partial<Profile>[];
  lexicon?: {
    /** Extra entries. */
    add?: LexiconEntry[];
    /** Phrases never flagged (removes built-in entries or exempts longer text containing them). */
    allow?: string[];
  };
  /** Locale of messages: zh (default) or en. */
  locale?: Locale;
}

export interface AnalyzeOptions {
  /** Profile id or Chinese name chosen by the caller (CLI --profile, editor setting). */
  profile?: string;
  /** A validated configuration object. */
  config?: DutyReportConfig;
  locale?: Locale;
  /**
   * How the text is written. `markdown` (the default): a line broken mid-sentence continues its
   * paragraph. `text` (a .txt draft, Word's "save as text"): every line is a paragraph of its own.
   */
  format?: TextFormat;
}

export type TextFormat = 'markdown' | 'text';

// ---------------------------------------------------------------------------------------
// Result

export type ProfileSource = 'front-matter' | 'option' | 'config' | 'detected' | 'default';

export interface ProfileChoice {
  id: string;
  name: string;
  source: ProfileSource;
  /** Why this profile, in words a writer understands. */
  reason: string;
  /** The limits in force for this profile, after the configuration file's overrides. */
  thresholds: Thresholds;
}

export interface SectionStat {
  role: Role;
  title: string;
  range: Range;
  units: number;
  share: number;
  level: number;
  children: SectionStat[];
}

export interface TopicStat {
  id: string;
  title: string;
  /** The title in English, where the profile gives one. */
  titleEn?: string;
  covered: boolean;
  /** Where the first matching phrase stands. */
  range?: Range;
  matched?: string;
}

export interface Deduction {
  rule: string;
  points: number;
  /** Index into findings of the finding that caused it. */
  finding: number;
}

export interface Stats {
  units: number;
  shares: Record<OutlineRole, number>;
  unitsByRole: Record<Role, number>;
  sections: SectionStat[];
  topics: TopicStat[];
  ruleCounts: Record<string, number>;
  vaguePhrases: { phrase: string; count: number }[];
  paragraphsWithoutEvidence: number;
  /**
   * The parts read item by item (一是…/（一）/1.): how many items each has and how many of them
   * the judgement rules flag, for the scorecard's summary of a part.
   */
  items?: {
    problems: { total: number; generic: number };
    plans: { total: number; vague: number; askOthers: number };
  };
}

export type Tier = '好' | '中' | '差';

export interface AnalysisResult {
  /** The report's title line (or front matter title), when it has one. */
  title?: string;
  profile: ProfileChoice;
  stats: Stats;
  score: number;
  tier: Tier;
  /** Why the tier is lower than the score alone would give: what a reviewer sends back for. */
  tierReasons?: string[];
  findings: Finding[];
  deductions: Deduction[];
  /** Checks the draft switched off with comments: what, where, why, and what they hid. */
  waivers?: Waiver[];
}

/** One `<!-- duty-report-disable… -->` comment, as a reviewer needs to see it. */
export interface Waiver {
  kind: 'disable' | 'disable-line' | 'disable-next-line';
  /** The rules switched off; empty: all of them. */
  rules: string[];
  /** 0-based line of the comment. */
  line: number;
  reason?: string;
  /** How many findings it hid. */
  hidden: number;
}

/** What callers (CLI, SARIF, server, docs) know of a rule without running it. */
export interface RuleInfo {
  id: string;
  description: LocalizedText;
  defaultSeverity: Severity;
  tags: readonly string[];
  /** Short name a person reads in lists and menus (空话套话, 措施不具体). */
  name: LocalizedText;
  /** Where the rule stands in SPEC.md's order, in lists, docs and settings. */
  order: number;
  /** Most points the rule's findings may take off the score together. */
  cap: number;
  /**
   * What its fixes do: `insert` adds a missing part or topic (safe to apply all at once, also on
   * save and by a click in the scorecard); `rewrite` replaces a phrase (all at once only when a
   * writer asks for it).
   */
  fix?: 'insert' | 'rewrite';
  /** The passage of a requirement document the rule rests on, cited by the document's title. */
  source: string;
  /** Path of the rule's page inside the package, e.g. "docs/rules/missing-section.md". */
  docs: string;
}

/** A problem found in a configuration file, with its place in that file. */
export interface ConfigProblem {
  severity: 'error' | 'warning';
  message: string;
  messageEn: string;
  range: Range;
}
