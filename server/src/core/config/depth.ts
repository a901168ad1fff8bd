/** Nesting depth, checked on the raw text before either parser runs. */
import { MAX_DEPTH, type Problems } from './tree';

/**
 * The offset where brackets (JSON, YAML flow) or indentation (YAML block) first nest deeper than
 * MAX_DEPTH, skipping strings and comments. Both parsers recurse per level, and the YAML parser
 * can exhaust memory on a deep enough line of "- - - -", which no try/catch can stop.
 */
export function findTooDeep(text: string, format: 'json' | 'yaml'): number | undefined {
  let depth = 0;
  let i = 0;
  const n = text.length;
  const indents: number[] = [];
  let lineStart = true;
  while (i < n) {
    const ch = text[i];
    if (format === 'yaml' && lineStart) {
      lineStart = false;
      // Block nesting: a stack of indentations plus leading "- " / "? " / ": " indicators.
      let j = i;
      while (j < n && text[j] === ' ') j++;
      if (j < n && text[j] !== '\n' && text[j] !== '\r' && text[j] !== '#') {
        const indent = j - i;
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let compact = 0;
        while (j < n && (text[j] === '-' || text[j] === '?' || text[j] === ':') && (j + 1 >= n || text[j + 1] === ' ' || text[j + 1] === '\n' || text[j + 1] === '\r')) {
          compact++;
          j += 2;
          while (j < n && text[j] === ' ') j++;
        }
        if (indents.length + compact + depth > MAX_DEPTH) return j > i ? j - 1 : i;
      }
      i = j;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      lineStart = true;
      i++;
      continue;
    }
    if (ch === '"' && (format === 'json' || yamlQuoteMayStart(text, i))) {
      // Double-quoted string: backslash escapes in both formats. YAML allows line breaks inside.
      i++;
      while (i < n && text[i] !== '"') {
        if (format === 'json' && (text[i] === '\n' || text[i] === '\r')) break;
        i += text[i] === '\\' ? 2 : 1;
      }
      i++;
      continue;
    }
    if (format === 'yaml' && ch === "'" && yamlQuoteMayStart(text, i)) {
      i++;
      while (i < n) {
        if (text[i] === "'") {
          if (text[i + 1] === "'") i += 2;
          else break;
        } else i++;
      }
      i++;
      continue;
    }
    if (format === 'json' && ch === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (format === 'json' && ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (format === 'yaml' && ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (ch === '[' || ch === '{') {
      depth++;
      if (depth + indents.length > MAX_DEPTH) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
    i++;
  }
  return undefined;
}

/**
 * Whether a quote at `i` opens a quoted YAML scalar: only at the start of a value (line start,
 * after an indicator or a flow bracket). In `a: it's` the quote is plain text, and treating it as
 * an opening quote would hide the structure that follows from the depth check.
 */
function yamlQuoteMayStart(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || '\n\r:-?[{,'.includes(text[j]);
}

export function reportTooDeep(problems: Problems, offset: number): void {
  problems.error(
    offset,
    offset + 1,
    [
      `配置文件嵌套层次过深（超过 ${MAX_DEPTH} 层），未读取。已使用默认设置。`,
      `The configuration nests too deeply (more than ${MAX_DEPTH} levels) and was not read. Defaults are used.`,
    ],
  );
}
