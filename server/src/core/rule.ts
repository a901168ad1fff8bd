import type { FactKind } from './facts';
import type { Item } from './items';
import type { Knowledge } from './knowledge';
import type { SignalKind } from './signals';
import type { Hit } from './hits';
import type { ReportModel } from './model';
import type { FindingInit, LexiconEntry, Locale, OutlineRole, Profile, Role, RuleInfo, Severity, Thresholds } from './types';

/**
 * A rule: plain data plus a check function (markdownlint's shape). Rules read the model and
 * the derived facts computed once per analysis; they never re-scan the text on their own.
 */
export interface Rule extends Omit<RuleInfo, 'docs'> {
  check(ctx: RuleContext): void;
}

export interface LexHit extends Hit {
  entry: LexiconEntry;
  /** The sentence around the hit carries a figure, a date or a name. */
  concrete: boolean;
}

/** Facts several rules need, computed once per analysis. */
export interface Derived {
  unitsByRole: Record<Role, number>;
  rolesPresent: Set<OutlineRole>;
  /** First top-level section of each role. */
  sectionOfRole: Partial<Record<OutlineRole, number>>;
  /** Lexicon hits, longest match wins where they overlap, allowed phrases removed. */
  lex: LexHit[];
  /** Signal hits per block, by kind. */
  signalsInBlock(block: number, kind: string): number;
  /** Coverage of each topic of the active profile. */
  topics: { covered: boolean; hit?: Hit; matched?: string }[];
  /** Offsets to hang whole-document findings on: the title, else the first heading, else the start. */
  anchor: { start: number; end: number };
  /** Blocks of report text (not title, salutation, closing, sign-off), in order. */
  bodyBlocks: number[];
  /** The items of every part, in order (items.ts). */
  items: Item[];
  /** How many phrases of a signal or fact kind start in text[start, end). */
  countIn(kind: SignalKind | FactKind, start: number, end: number): number;
  /** Where the first phrase of a kind starts in text[start, end), or -1. */
  firstIn(kind: SignalKind | FactKind, start: number, end: number): number;
}

export interface RuleContext {
  model: ReportModel;
  profile: Profile;
  knowledge: Knowledge;
  locale: Locale;
  derived: Derived;
  report(f: FindingInit & { severity?: Severity }): void;
}

/**
 * Where a profile's threshold comes from, in both languages: its own source, else the
 * profile's. English falls back to the Chinese text where a configuration gives no English.
 */
export function thresholdSource(profile: Profile, key: keyof Thresholds): { zh: string; en: string } {
  const zh = profile.thresholdSources?.[key];
  if (zh !== undefined) return { zh, en: profile.thresholdSourcesEn?.[key] ?? zh };
  return { zh: profile.source, en: profile.sourceEn ?? profile.source };
}

/** Share as a fraction a reader knows: 1/3, 1/2, else a percentage. */
export function fraction(x: number): string {
  if (Math.abs(x - 1 / 3) < 0.002) return '1/3';
  if (Math.abs(x - 1 / 2) < 0.002) return '1/2';
  if (Math.abs(x - 2 / 3) < 0.002) return '2/3';
  if (Math.abs(x - 1 / 4) < 0.002) return '1/4';
  return `${Math.round(x * 100)}%`;
}

/** A share as a whole percentage, the way every message and the scorecard print it. */
export function wholePercent(x: number): number {
  return Math.round(x * 100);
}

export function percent(x: number): string {
  return `${wholePercent(x)}%`;
}

/**
 * Share limits are judged on whole percentages, as printed: a finding never says "33%, under
 * 1/3" and the scorecard never marks a printed 34% against 上限 33% as held.
 */
export function overShare(share: number, max: number): boolean {
  return wholePercent(share) > wholePercent(max);
}

export function underShare(share: number, min: number): boolean {
  return wholePercent(share) < wholePercent(min);
}
