/**
 * The shares the scorecard shows, measured the way the rules judge them, so that a bar, the
 * outline and a finding never give two numbers for one thing.
 *
 * - A share is 字数 of the part ÷ 字数 of the report, from the stats' `unitsByRole` and
 *   `units`: the base achievement-too-long and problems-too-short use (not the stats' `shares`,
 *   already rounded to four places, which a second rounding could tip across a half).
 * - 讲问题 counts its analysis of causes, as problems-too-short does (seed 003's outline has
 *   no separate causes part), so problems and causes are one bar.
 * - A limit shows ✗ only when its rule reported a finding; ✓ when no finding and the shown
 *   numbers hold; neither when the rule did not judge (switched off, a draft under 200 字, the
 *   part missing: missing-section says so).
 */
import type { AnalysisResult, Finding, Role, SectionStat, Thresholds } from '../core/types';
import { int } from './values';

export type LimitState = 'none' | 'held' | 'broken';

export interface ShareLimit {
  kind: 'max' | 'min';
  /** The limit as a fraction (0..1). */
  share: number;
  /** The finding of the rule that judges it, when it reported one. */
  finding?: number;
}

export interface ShareBar {
  /** The bar's word and style: one per group of roles. */
  key: 'achievements' | 'problems' | 'plans';
  roles: readonly Role[];
  units: number;
  share: number;
  limit?: ShareLimit;
  state: LimitState;
  /** 字数 of the group's roles after the first (causes inside 讲问题). */
  partUnits: number;
  /** 字数 of the top-level sections whose role is in the group, as the outline lists them. */
  sectionUnits: number;
}

interface Group {
  key: ShareBar['key'];
  roles: readonly Role[];
  rule?: string;
  kind?: 'max' | 'min';
  threshold?: keyof Thresholds;
}

/** The bars in order; a rule named here is the one whose finding breaks the limit. */
const GROUPS: readonly Group[] = [
  { key: 'achievements', roles: ['achievements'], rule: 'achievement-too-long', kind: 'max', threshold: 'maxAchievementShare' },
  { key: 'problems', roles: ['problems', 'causes'], rule: 'problems-too-short', kind: 'min', threshold: 'minProblemShare' },
  { key: 'plans', roles: ['plans'] },
];

/** A whole percentage, as the rules' messages print it (`percent` in core/rule.ts). */
export function wholePercent(share: number): number {
  return int(share * 100, 0, 100);
}

/** A share as the scorecard prints it: whole, or to one place when whole numbers would hide a breach. */
export function percentText(share: number, places: 0 | 1): string {
  return places === 0 ? String(wholePercent(share)) : (Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10).toFixed(1);
}

/** 字数 of one role; a result without `unitsByRole` (an older server) falls back on its shares. */
function roleUnits(r: AnalysisResult, role: Role): number {
  const u = r.stats?.unitsByRole?.[role];
  if (typeof u === 'number' && Number.isFinite(u)) return Math.max(0, u);
  const s = (r.stats?.shares as Partial<Record<Role, number>> | undefined)?.[role];
  return typeof s === 'number' && Number.isFinite(s) ? Math.max(0, s) * int(r.stats?.units) : 0;
}

/** The share of `units` in the report, 0 for an empty one. */
export function shareOf(r: AnalysisResult, units: number): number {
  const total = int(r.stats?.units);
  return total > 0 ? units / total : 0;
}

function findingOf(findings: readonly Finding[], rule: string | undefined): number | undefined {
  if (!rule) return undefined;
  const i = findings.findIndex((f) => f.rule === rule);
  return i === -1 ? undefined : i;
}

function limitOf(r: AnalysisResult, g: Group): number | undefined {
  const v = g.threshold ? r.profile?.thresholds?.[g.threshold] : undefined;
  return typeof v === 'number' && v > 0 && v <= 1 ? v : undefined;
}

/** Whether the numbers as printed (whole percentages) show the limit holding. */
export function holdsAsShown(kind: 'max' | 'min', share: number, limit: number): boolean {
  const p = wholePercent(share);
  const l = wholePercent(limit);
  return kind === 'max' ? p <= l : p >= l;
}

export function shareBars(r: AnalysisResult): ShareBar[] {
  const findings = r.findings ?? [];
  const top: readonly SectionStat[] = r.stats?.sections ?? [];
  return GROUPS.map((g) => {
    const units = g.roles.reduce((n, role) => n + roleUnits(r, role), 0);
    const share = shareOf(r, units);
    const sectionUnits = top.filter((s) => g.roles.includes(s.role)).reduce((n, s) => n + int(s.units), 0);
    const partUnits = g.roles.slice(1).reduce((n, role) => n + roleUnits(r, role), 0);
    const bar: ShareBar = { key: g.key, roles: g.roles, units, share, state: 'none', partUnits, sectionUnits };
    const limit = limitOf(r, g);
    if (limit === undefined || !g.kind) return bar;
    const finding = findingOf(findings, g.rule);
    bar.limit = finding === undefined ? { kind: g.kind, share: limit } : { kind: g.kind, share: limit, finding };
    bar.state = finding !== undefined ? 'broken' : holdsAsShown(g.kind, share, limit) ? 'held' : 'none';
    return bar;
  });
}

/** The whole report against its 字数 limit, judged by report-too-long. */
export function totalBar(r: AnalysisResult): { units: number; max: number; state: LimitState; finding?: number } | undefined {
  const max = r.profile?.thresholds?.maxUnits;
  if (typeof max !== 'number' || !(max > 0)) return undefined;
  const units = int(r.stats?.units);
  const finding = findingOf(r.findings ?? [], 'report-too-long');
  const state: LimitState = finding !== undefined ? 'broken' : units <= max ? 'held' : 'none';
  return finding === undefined ? { units, max: int(max), state } : { units, max: int(max), state, finding };
}
