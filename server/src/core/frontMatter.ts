/** Front matter: the `---` block at the top of a draft that may name its profile. */
import { parse as parseYaml } from 'yaml';
import type { LineIndex } from './text';

export interface FrontMatter {
  start: number;
  end: number;
  /** Lines covered, inclusive. */
  endLine: number;
  data: Record<string, unknown>;
  /** Why the block could not be read, in each locale (the YAML parser's own words stay English). */
  error?: { zh: string; en: string };
  /** Offset of the `profile:` value, for placing findings about it. */
  profileOffset?: number;
}

/** Front matter is short; a stray --- this far down is a thematic break, not its end. */
export const FRONT_MATTER_MAX_LINES = 300;

/**
 * The line that closes a front matter opened on line 0 (`---` … `---` or `...`), or -1: the one
 * reading of where front matter ends, for the analysis, the recogniser and the editor's edits.
 */
export function frontMatterClose(lineAt: (line: number) => string, lineCount: number): number {
  let first = lineCount > 0 ? lineAt(0) : '';
  if (first.charCodeAt(0) === 0xfeff) first = first.slice(1);
  if (first.trimEnd() !== '---') return -1;
  const limit = Math.min(lineCount, FRONT_MATTER_MAX_LINES);
  for (let l = 1; l < limit; l++) {
    const s = lineAt(l).trimEnd();
    if (s === '---' || s === '...') return l;
  }
  return -1;
}

export function parseFrontMatter(text: string, index: LineIndex): FrontMatter | undefined {
  const l = frontMatterClose((n) => text.slice(index.starts[n], index.lineEnd(n)), index.lineCount);
  if (l === -1) return undefined;
  const bodyStart = index.starts[1];
  const yamlText = text.slice(bodyStart, index.starts[l]);
  const fm: FrontMatter = { start: 0, end: index.lineEnd(l), endLine: l, data: {} };
  try {
    const data = parseYaml(yamlText, { prettyErrors: false, maxAliasCount: 50 });
    if (data && typeof data === 'object' && !Array.isArray(data)) fm.data = data as Record<string, unknown>;
    else if (data != null) fm.error = { zh: '文件开头的设置块（--- 之间）不是“键: 值”的写法', en: 'the settings block at the top of the file (between the --- lines) is not written as "key: value" lines' };
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    fm.error = { zh: `文件开头的设置块（--- 之间）无法读取，解析器提示“${why}”`, en: `the settings block at the top of the file (between the --- lines) cannot be read (${why})` };
  }
  const m = /^profile[ \t]*:[ \t]*/m.exec(yamlText);
  if (m) fm.profileOffset = bodyStart + m.index + m[0].length;
  return fm;
}
