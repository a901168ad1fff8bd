/**
 * Front matter as plain lines: where it is, whether a position is inside it, and the edit that
 * sets `profile:`. Line-based on purpose: a YAML round trip would reformat the writer's keys.
 * Pure: positions are 0-based lines and UTF-16 columns.
 */
import { frontMatterClose } from '../core/blocks';
import type { Range } from '../core/types';

export interface FrontMatterSpan {
  /** Line of the opening `---`. */
  open: number;
  /** Line of the closing `---` or `...`. */
  close: number;
}

export function frontMatterSpan(lines: readonly string[]): FrontMatterSpan | undefined {
  const close = frontMatterClose((n) => lines[n], lines.length);
  return close === -1 ? undefined : { open: 0, close };
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
      const key = /^profile[ \t]*:/.exec(lines[i]);
      if (!key) continue;
      const from = key[0].length;
      const end = valueEnd(lines[i], from);
      // Indented lines below a top-level key belong to its value (a block scalar, a list, a
      // plain or flow value wrapped onto the next line): they go with the old value.
      let last = i;
      while (last + 1 < span.close && (/^[ \t]/.test(lines[last + 1]) || lines[last + 1].trim() === '')) last++;
      while (last > i && lines[last].trim() === '') last--;
      // The value only: a trailing YAML comment stays.
      return {
        range: { start: { line: i, character: from }, end: { line: last, character: last === i ? end : lines[last].length } },
        newText: ` ${profileId}`,
      };
    }
    return { range: { start: { line: span.close, character: 0 }, end: { line: span.close, character: 0 } }, newText: `profile: ${profileId}${eol}` };
  }
  // A BOM stays first: insert after it.
  const at = (lines[0] ?? '').startsWith('\uFEFF') ? 1 : 0;
  return { range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, newText: `---${eol}profile: ${profileId}${eol}---${eol}` };
}

/** Where the value after `profile:` ends on its line, before a trailing comment. */
function valueEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  const q = line[i];
  if (q === '"' || q === "'") {
    // A quoted value may hold " #": it ends at its closing quote ('' and \" are escapes).
    for (let j = i + 1; j < line.length; j++) {
      if (q === '"' && line[j] === '\\') j++;
      else if (line[j] === q) {
        if (q === "'" && line[j + 1] === "'") j++;
        else return j + 1;
      }
    }
    return line.length; // an unclosed quote: its continuation lines go too
  }
  // Unquoted: a comment starts at a # after a blank.
  let end = line.length;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '#' && (j === from || line[j - 1] === ' ' || line[j - 1] === '\t')) {
      end = j;
      break;
    }
  }
  while (end > from && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end;
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
