/**
 * The one tree both formats are read into, with source offsets, and the problems found while
 * reading it, kept in the file's coordinates.
 */
import type { ConfigProblem, Position, Range } from '../types';
import type { LineIndex } from '../text';

/** Deeper nesting is refused before parsing: both parsers recurse, and no valid configuration nests beyond 8. */
export const MAX_DEPTH = 64;
/** A file full of mistakes is reported in part: the first ones are the ones to fix. */
const MAX_PROBLEMS = 100;

export type ScalarKind = 'string' | 'number' | 'boolean' | 'null' | 'other';

export interface ObjectNode {
  kind: 'object';
  start: number;
  end: number;
  entries: Entry[];
}

export interface ArrayNode {
  kind: 'array';
  start: number;
  end: number;
  items: TreeNode[];
}

export interface ScalarNode {
  kind: ScalarKind;
  start: number;
  end: number;
  value: unknown;
}

export type TreeNode = ObjectNode | ArrayNode | ScalarNode;
export type NodeKind = TreeNode['kind'];

export interface Entry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: TreeNode;
}

/** A message in both languages: [Chinese, English]. */
export type Msg = readonly [zh: string, en: string];

export function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Problems collected while reading, kept in the file's coordinates. */
export class Problems {
  readonly list: ConfigProblem[] = [];
  private dropped = 0;
  private firstDropped = 0;

  constructor(readonly lines: LineIndex) {}

  add(severity: 'error' | 'warning', start: number, end: number, [message, messageEn]: Msg): void {
    if (this.list.length >= MAX_PROBLEMS) {
      if (this.dropped === 0) this.firstDropped = start;
      this.dropped++;
      return;
    }
    this.list.push({ severity, message, messageEn, range: this.lines.range(start, end) });
  }

  error(start: number, end: number, msg: Msg): void {
    this.add('error', start, end, msg);
  }

  warning(start: number, end: number, msg: Msg): void {
    this.add('warning', start, end, msg);
  }

  /** End of the node's first line: a problem about a whole block underlines its head only. */
  headEnd(node: TreeNode): number {
    return Math.min(node.end, this.lines.lineEnd(this.lines.lineOf(node.start)));
  }

  finish(): ConfigProblem[] {
    const sorted = this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => comparePos(a.p.range.start, b.p.range.start) || a.i - b.i)
      .map((x) => x.p);
    if (this.dropped > 0) {
      sorted.push({
        severity: 'warning',
        message: `另有 ${this.dropped} 个问题未列出，请先修改以上问题。`,
        messageEn: `${this.dropped} more problems are not listed; fix the ones above first.`,
        range: this.lines.range(this.firstDropped, this.firstDropped),
      });
    }
    return sorted;
  }
}

function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Full-width punctuation a Chinese keyboard types where JSON and YAML need ASCII. */
const FULL_WIDTH = /[，：“”‘’｛｝［］；]/;

export function fullWidthHint(sample: string): Msg {
  return FULL_WIDTH.test(sample)
    ? ['（请检查是否误用了全角的冒号、逗号、引号或括号，应为半角的 : , " [ ] { }）', ' (check for full-width colons, commas, quotes or brackets where ASCII : , " [ ] { } is needed)']
    : ['', ''];
}

/**
 * Syntax errors worth showing: after the first error both parsers resynchronise badly, so
 * later errors on an already reported line are mostly echoes of it.
 */
export function firstPerLine<T>(errors: readonly T[], offsetOf: (e: T) => number, lines: LineIndex): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  for (const e of errors) {
    const line = lines.positionAt(offsetOf(e)).line;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(e);
    if (out.length >= 5) break;
  }
  return out;
}
