/**
 * Front matter as plain lines: where it is, whether a position is inside it, and the edit that
 * sets `profile:`. Line-based on purpose: a YAML round trip would reformat the writer's keys.
 * Pure: positions are 0-based lines and UTF-16 columns.
 */
import type { Range } from '../core/types';

export interface FrontMatterSpan {
  /** Line of the opening `---`. */
  open: number;
  /** Line of the closing `---` or `...`. */
  close: number;
}

const MAX_FRONT_MATTER_LINES = 200;

export function frontMatterSpan(lines: readonly string[]): FrontMatterSpan | undefined {
  const first = (lines[0] ?? '').replace(/^\uFEFF/, '');
  if (first.trim() !== '---') return undefined;
  for (let i = 1; i < Math.min(lines.length, MAX_FRONT_MATTER_LINES); i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i])) return { open: 0, close: i };
  }
  return undefined;
}

export interface LineEdit {
  range: Range;
  newText: string;
}

/**
 * The edit that makes the front matter say `profile: <id>`: replace the value where the key
 * exists, add the key before the closing line, or add a front matter block at the top.
 */
export function setProfileEdit(lines: readonly string[], profileId: string, eol: string): LineEdit {
  const span = frontMatterSpan(lines);
  if (span) {
    for (let i = span.open + 1; i < span.close; i++) {
      const m = /^(profile\s*:)(.*?)(\s+#.*)?$/.exec(lines[i]);
      if (m) {
        // The value only: a trailing YAML comment stays.
        return {
          range: { start: { line: i, character: m[1].length }, end: { line: i, character: m[1].length + m[2].length } },
          newText: ` ${profileId}`,
        };
      }
    }
    return { range: { start: { line: span.close, character: 0 }, end: { line: span.close, character: 0 } }, newText: `profile: ${profileId}${eol}` };
  }
  // A BOM stays first: insert after it.
  const at = (lines[0] ?? '').startsWith('\uFEFF') ? 1 : 0;
  return { range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, newText: `---${eol}profile: ${profileId}${eol}---${eol}` };
}

/** What a completion at this place in the front matter should offer. */
export type FrontMatterContext = { kind: 'profile-value'; prefixStart: number } | { kind: 'key' } | undefined;

export function frontMatterContext(lines: readonly string[], line: number, character: number): FrontMatterContext {
  const span = frontMatterSpan(lines);
  if (!span || line <= span.open || line >= span.close) return undefined;
  const before = (lines[line] ?? '').slice(0, character);
  const m = /^(profile\s*:\s*)(\S*)$/.exec(before);
  if (m) return { kind: 'profile-value', prefixStart: m[1].length };
  if (/^[A-Za-z-]*$/.test(before)) return { kind: 'key' };
  return undefined;
}
