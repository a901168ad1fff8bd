/**
 * The values the renderer places in attributes and class names, made safe: integers clamped,
 * closed sets checked, lookups by own property only. No report text passes through here
 * unescaped.
 */
import { SEVERITIES, type AnalysisResult, type Finding, type Role, type Severity, type Waiver } from '../core/types';
import { escapeHtml } from '../../../shared/html';
import type { Words } from './words';

/** A number for an attribute or a class suffix: never report text. */
export function int(n: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : 0;
  return Math.min(max, Math.max(min, v));
}

export function pct(share: unknown): number {
  return int(typeof share === 'number' ? share * 100 : 0, 0, 100);
}

/**
 * Fixed class names for the closed sets; anything unexpected falls back to a safe default.
 * Class names are the stylesheet's identifiers (shared/html.ts), not words a person reads, so
 * they stay here rather than follow the word table's English.
 */
const TIER_CLASS: Record<string, string> = { 好: 'good', 中: 'fair', 差: 'poor' };
const ROLES: readonly Role[] = ['achievements', 'problems', 'causes', 'plans', 'other'];

/** Own-property lookup, so that "constructor" or "__proto__" in data never reaches the output. */
export function lookup<V>(table: Record<string, V>, key: unknown): V | undefined {
  const k = String(key);
  return Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;
}

export function tierClass(t: unknown): string {
  return lookup(TIER_CLASS, t) ?? 'fair';
}
export function severityOf(s: unknown): Severity {
  return SEVERITIES.includes(s as Severity) ? (s as Severity) : 'info';
}
export function roleOf(r: unknown): Role {
  return ROLES.includes(r as Role) ? (r as Role) : 'other';
}
/** A tier in the locale's word, escaped (an unknown tier shows as itself). */
export function tierWordHtml(w: Words, t: unknown): string {
  return escapeHtml(lookup(w.tier, t) ?? String(t));
}

export function roundPoints(n: number): number {
  return Math.round(n * 10) / 10;
}

export function severityCounts(findings: readonly Finding[]): { error: number; warning: number; other: number } {
  const c = { error: 0, warning: 0, other: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.error++;
    else if (f.severity === 'warning') c.warning++;
    else c.other++;
  }
  return c;
}

/**
 * The report's own title line, when the result carries one (an optional field the core may
 * add); shown as text beside the path so reviewers recognise reports by name.
 */
export function reportTitle(r: AnalysisResult): string | undefined {
  const t = (r as AnalysisResult & { title?: unknown }).title;
  return typeof t === 'string' && t.trim() ? t.trim() : undefined;
}


const WAIVER_KINDS: readonly Waiver['kind'][] = ['disable', 'disable-line', 'disable-next-line'];

/**
 * The result's waivers, each with its fields checked (a result from another version, or
 * none): rules as strings, line and count as integers, a reason only when it says something.
 */
export function waiversOf(r: AnalysisResult): Waiver[] {
  const list: unknown[] = Array.isArray(r.waivers) ? r.waivers : [];
  return list
    .filter((x): x is Waiver => typeof x === 'object' && x !== null)
    .map((x) => {
      const w: Waiver = {
        kind: WAIVER_KINDS.includes(x.kind) ? x.kind : 'disable',
        rules: Array.isArray(x.rules) ? x.rules.filter((id): id is string => typeof id === 'string') : [],
        line: int(x.line),
        hidden: int(x.hidden),
      };
      if (typeof x.reason === 'string' && x.reason.trim()) w.reason = x.reason.trim();
      return w;
    });
}

/** A place in a Word file: its 段 (1-based; 0 in a document with no text) and the offset in it (format/types.ts `DocxPosition`). */
export interface ParagraphPosition {
  paragraph: number;
  offset: number;
}

/**
 * Where things stand in a Word file, as the CLI gives them (format/types.ts `CheckedFile`):
 * each finding's place, and each waiver's, in the order of the result's lists.
 */
export interface WordPlaces {
  docx?: readonly { start: ParagraphPosition }[];
  docxWaivers?: readonly ParagraphPosition[];
}
