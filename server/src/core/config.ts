/**
 * Parsing and validation of the configuration file (.duty-report.json / .yaml / .yml).
 *
 * Pure: text in, a validated `DutyReportConfig` and a list of problems out. No file system,
 * no editor API, so the editor, the language server and the CLI share one reading of the file
 * (SPEC "Editor and CI must agree").
 *
 * Both formats are first turned into one small tree with source offsets, then one validator
 * walks it. Every invalid part is reported and dropped; every valid part is kept.
 */
// The ESM build: the package's UMD main loads its parts with a dynamic require that esbuild cannot bundle.
import * as jsonc from 'jsonc-parser/lib/esm/main.js';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import lexiconData from './data/lexicon.json';
import type { Document as YamlDocument } from 'yaml';
import { RULE_IDS } from './rules/ids';
import type {
  ConfigProblem,
  DutyReportConfig,
  LexiconEntry,
  Locale,
  Position,
  Profile,
  Range,
  RuleSetting,
  SeveritySetting,
  Thresholds,
  Topic,
} from './types';

/** The kinds a lexicon entry may have: the built-in lexicon's families, read from its data. */
export const LEXICON_KIND_IDS: readonly string[] = (lexiconData as { kinds: { id: string }[] }).kinds.map((k) => k.id);

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Larger texts are refused unread: a configuration is a few kilobytes, and the YAML parser is slow on megabytes. */
export const MAX_CONFIG_CHARS = 1024 * 1024;

/** Deeper nesting is refused before parsing: both parsers recurse, and no valid configuration nests beyond 8. */
const MAX_DEPTH = 64;
/** Nodes produced by expanding YAML aliases, against "billion laughs" documents. */
const MAX_ALIAS_NODES = 50_000;
/** A file full of mistakes is reported in part: the first ones are the ones to fix. */
const MAX_PROBLEMS = 100;

const TOP_KEYS = ['$schema', 'profile', 'locale', 'rules', 'thresholds', 'profiles', 'lexicon'] as const;
const THRESHOLD_KEYS = ['maxAchievementShare', 'minProblemShare', 'maxUnits'] as const;
const PROFILE_KEYS = ['id', 'name', 'nameEn', 'aliases', 'source', 'thresholds', 'thresholdSources', 'topics', 'detect'] as const;
const TOPIC_KEYS = ['id', 'title', 'keywords', 'source', 'related', 'hint'] as const;
const DETECT_KEYS = ['title', 'content'] as const;
const LEXICON_KEYS = ['add', 'allow'] as const;
const ENTRY_KEYS = ['phrase', 'kind', 'reason', 'suggest', 'always', 'gap'] as const;
const RULE_SETTING_KEYS = ['severity'] as const;
const LOCALES: readonly Locale[] = ['zh', 'en'];

export function parseConfig(
  text: string,
  fileName: string,
  known: { profileIds: readonly string[] },
): { config: DutyReportConfig; problems: ConfigProblem[] } {
  try {
    return parseConfigUnsafe(String(text ?? ''), String(fileName ?? ''), known);
  } catch (err) {
    // The contract is "never throws": an internal failure becomes one problem.
    const detail = err instanceof Error ? err.message : String(err);
    return {
      config: {},
      problems: [
        {
          severity: 'error',
          message: `无法读取配置文件：内部错误（${detail}）。已使用默认设置。`,
          messageEn: `Could not read the configuration: internal error (${detail}). Defaults are used.`,
          range: zeroRange(),
        },
      ],
    };
  }
}

// ---------------------------------------------------------------------------------------
// Positions

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Offsets to LSP positions. JS strings are UTF-16, so a column is simply offset minus line start. */
class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (ch === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: off - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of the end of the line holding `offset`, before its line break. */
  lineEnd(offset: number): number {
    const line = this.position(offset).line;
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  lineText(offset: number): string {
    const line = this.position(offset).line;
    return this.text.slice(this.starts[line], this.lineEnd(offset));
  }
}

// ---------------------------------------------------------------------------------------
// One tree for both formats

type ScalarKind = 'string' | 'number' | 'boolean' | 'null' | 'other';

interface ObjectNode {
  kind: 'object';
  start: number;
  end: number;
  entries: Entry[];
}

interface ArrayNode {
  kind: 'array';
  start: number;
  end: number;
  items: TreeNode[];
}

interface ScalarNode {
  kind: ScalarKind;
  start: number;
  end: number;
  value: unknown;
}

type TreeNode = ObjectNode | ArrayNode | ScalarNode;

interface Entry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: TreeNode;
}

/** Problems collected while reading, kept in the file's coordinates. */
class Problems {
  readonly list: ConfigProblem[] = [];
  private dropped = 0;
  private firstDropped = 0;

  constructor(readonly lines: LineMap) {}

  add(severity: 'error' | 'warning', start: number, end: number, message: string, messageEn: string): void {
    if (this.list.length >= MAX_PROBLEMS) {
      if (this.dropped === 0) this.firstDropped = start;
      this.dropped++;
      return;
    }
    this.list.push({ severity, message, messageEn, range: this.lines.range(start, end) });
  }

  error(start: number, end: number, message: string, messageEn: string): void {
    this.add('error', start, end, message, messageEn);
  }

  warning(start: number, end: number, message: string, messageEn: string): void {
    this.add('warning', start, end, message, messageEn);
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

function parseConfigUnsafe(
  rawText: string,
  fileName: string,
  known: { profileIds: readonly string[] },
): { config: DutyReportConfig; problems: ConfigProblem[] } {
  // Editors hide a byte-order mark, so positions are counted without it.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lines = new LineMap(text.length <= MAX_CONFIG_CHARS ? text : '');
  const problems = new Problems(lines);

  if (text.length > MAX_CONFIG_CHARS) {
    problems.error(
      0,
      0,
      `配置文件过大（${text.length} 个字符，上限 ${MAX_CONFIG_CHARS}），未读取。已使用默认设置。`,
      `The configuration file is too large (${text.length} characters, limit ${MAX_CONFIG_CHARS}) and was not read. Defaults are used.`,
    );
    return { config: {}, problems: problems.finish() };
  }

  const format = chooseFormat(fileName, text);
  const root = format === 'json' ? readJson(text, problems) : readYaml(text, problems);
  if (root === 'syntax-error') return { config: {}, problems: problems.finish() };
  // No content, or a YAML document with an empty value ("---" alone): an empty configuration.
  if (root === undefined || (format === 'yaml' && root.kind === 'null')) return { config: {}, problems: problems.finish() };

  const config = new Validator(problems, known, baseName(fileName)).validate(root);
  return { config, problems: problems.finish() };
}

function chooseFormat(fileName: string, text: string): 'json' | 'yaml' {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  // A name without a known ending: JSON if it looks like JSON, else YAML (a superset, mostly).
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] || fileName;
}

// ---------------------------------------------------------------------------------------
// JSON (with comments)

const JSON_ERRORS: Record<string, [string, string]> = {
  InvalidSymbol: ['无效的符号', 'invalid symbol'],
  InvalidNumberFormat: ['数字格式错误', 'invalid number format'],
  PropertyNameExpected: ['此处应为带双引号的键名', 'property name expected'],
  ValueExpected: ['此处应为值', 'value expected'],
  ColonExpected: ['缺少冒号“:”', 'colon expected'],
  CommaExpected: ['缺少逗号“,”', 'comma expected'],
  CloseBraceExpected: ['缺少右花括号“}”', 'closing brace expected'],
  CloseBracketExpected: ['缺少右方括号“]”', 'closing bracket expected'],
  EndOfFileExpected: ['此处应为文件结尾，后面有多余的内容', 'end of file expected'],
  InvalidCommentToken: ['无效的注释', 'invalid comment token'],
  UnexpectedEndOfComment: ['注释没有结束（缺少“*/”）', 'unexpected end of comment'],
  UnexpectedEndOfString: ['字符串没有结束（缺少右双引号）', 'unexpected end of string'],
  UnexpectedEndOfNumber: ['数字没有结束', 'unexpected end of number'],
  InvalidUnicode: ['无效的 Unicode 转义', 'invalid unicode sequence'],
  InvalidEscapeCharacter: ['无效的转义字符', 'invalid escape character'],
  InvalidCharacter: ['字符串中有无效的字符（如换行、控制字符）', 'invalid character in string'],
};

/** Full-width punctuation a Chinese keyboard types where JSON and YAML need ASCII. */
const FULL_WIDTH = /[，：“”‘’｛｝［］；]/;

function fullWidthHint(sample: string): [string, string] {
  return FULL_WIDTH.test(sample)
    ? ['（请检查是否误用了全角的冒号、逗号、引号或括号，应为半角的 : , " [ ] { }）', ' (check for full-width colons, commas, quotes or brackets where ASCII : , " [ ] { } is needed)']
    : ['', ''];
}

function readJson(text: string, problems: Problems): TreeNode | undefined | 'syntax-error' {
  const deep = findTooDeep(text, 'json');
  if (deep !== undefined) {
    reportTooDeep(problems, deep);
    return 'syntax-error';
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: true });
  if (errors.length > 0) {
    for (const e of firstPerLine(errors, (x) => x.offset, problems.lines)) {
      const [zh, en] = JSON_ERRORS[jsonc.printParseErrorCode(e.error)] ?? ['无法解析', 'cannot parse'];
      const [hintZh, hintEn] = fullWidthHint(text.slice(e.offset, e.offset + Math.max(1, e.length)));
      problems.error(e.offset, e.offset + e.length, `JSON 语法错误：${zh}${hintZh}。配置文件未生效，已使用默认设置。`, `JSON syntax error: ${en}${hintEn}. The configuration is not applied; defaults are used.`);
    }
    return 'syntax-error';
  }
  return tree ? fromJson(tree, 0) : undefined;
}

/**
 * Syntax errors worth showing: after the first error both parsers resynchronise badly, so
 * later errors on an already reported line are mostly echoes of it.
 */
function firstPerLine<T>(errors: readonly T[], offsetOf: (e: T) => number, lines: LineMap): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  for (const e of errors) {
    const line = lines.position(offsetOf(e)).line;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(e);
    if (out.length >= 5) break;
  }
  return out;
}

function fromJson(node: jsonc.Node, depth: number): TreeNode {
  const start = node.offset;
  const end = node.offset + node.length;
  if (depth > MAX_DEPTH) return { kind: 'other', start, end, value: undefined };
  switch (node.type) {
    case 'object': {
      const entries: Entry[] = [];
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        const valueNode = prop.children?.[1];
        if (!keyNode) continue;
        const value: TreeNode = valueNode
          ? fromJson(valueNode, depth + 1)
          : { kind: 'null', start: keyNode.offset + keyNode.length, end: keyNode.offset + keyNode.length, value: null };
        entries.push({ key: String(keyNode.value), keyStart: keyNode.offset, keyEnd: keyNode.offset + keyNode.length, value });
      }
      return { kind: 'object', start, end, entries };
    }
    case 'array':
      return { kind: 'array', start, end, items: (node.children ?? []).map((c) => fromJson(c, depth + 1)) };
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: node.type, start, end, value: node.value };
    default:
      return { kind: 'other', start, end, value: undefined };
  }
}

/**
 * The offset where brackets (JSON, YAML flow) or indentation (YAML block) first nest deeper than
 * MAX_DEPTH, skipping strings and comments. Both parsers recurse per level, and the YAML parser
 * can exhaust memory on a deep enough line of "- - - -", which no try/catch can stop.
 */
function findTooDeep(text: string, format: 'json' | 'yaml'): number | undefined {
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

function reportTooDeep(problems: Problems, offset: number): void {
  problems.error(
    offset,
    offset + 1,
    `配置文件嵌套层次过深（超过 ${MAX_DEPTH} 层），未读取。已使用默认设置。`,
    `The configuration nests too deeply (more than ${MAX_DEPTH} levels) and was not read. Defaults are used.`,
  );
}

// ---------------------------------------------------------------------------------------
// YAML

const YAML_ERRORS: Record<string, string> = {
  ALIAS_PROPS: '别名（*name）不能带锚点或标签',
  BAD_ALIAS: '别名无效，找不到对应的锚点（&name）',
  BAD_DIRECTIVE: '无效的指令',
  BAD_DQ_ESCAPE: '双引号字符串中的转义无效',
  BAD_INDENT: '缩进不正确',
  BAD_PROP_ORDER: '锚点和标签应写在值的前面',
  BAD_SCALAR_START: '值不能以这个字符开头，请给它加上引号',
  BLOCK_AS_IMPLICIT_KEY: '多行内容不能用作键',
  BLOCK_IN_FLOW: '方括号或花括号里不能使用分行的块格式',
  DUPLICATE_KEY: '键重复',
  IMPOSSIBLE: '无法解析',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符）',
  MISSING_CHAR: '缺少字符',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（是否少了冒号“:”或缩进不对？）',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点',
  MULTIPLE_DOCS: '文件中只能有一个 YAML 文档（多了“---”）',
  MULTIPLE_TAGS: '一个值只能有一个标签',
  NON_STRING_KEY: '键必须是字符串',
  RESOURCE_EXHAUSTION: '别名展开过多',
  TAB_AS_INDENT: '不能用制表符（Tab）缩进，请改用空格',
  TAG_RESOLVE_FAILED: '无法识别的标签（!…）',
  UNEXPECTED_TOKEN: '此处有意外的内容',
  BAD_COLLECTION_TYPE: '集合类型与标签不符',
};

function readYaml(text: string, problems: Problems): TreeNode | undefined | 'syntax-error' {
  const deep = findTooDeep(text, 'yaml');
  if (deep !== undefined) {
    reportTooDeep(problems, deep);
    return 'syntax-error';
  }
  // Core schema (YAML 1.2): "off", "yes", "no" stay strings. Duplicate keys are reported below
  // as warnings, as for JSON, instead of discarding the whole file.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, version: '1.2', schema: 'core', merge: false });
  const firstLine = (e: { message: string }) => String(e.message).split('\n')[0];
  if (doc.errors.length > 0) {
    for (const e of firstPerLine(doc.errors, (x) => x.pos[0], problems.lines)) {
      const [start, end] = e.pos;
      const zh = YAML_ERRORS[e.code] ?? '无法解析';
      const [hintZh, hintEn] = fullWidthHint(problems.lines.lineText(start));
      problems.error(start, end, `YAML 语法错误：${zh}${hintZh}。配置文件未生效，已使用默认设置。`, `YAML syntax error: ${firstLine(e)}${hintEn}. The configuration is not applied; defaults are used.`);
    }
    return 'syntax-error';
  }
  for (const w of doc.warnings.slice(0, 10)) {
    const [start, end] = w.pos;
    const zh = YAML_ERRORS[w.code] ?? '可疑的写法';
    problems.warning(start, end, `YAML 警告：${zh}。`, `YAML warning: ${firstLine(w)}.`);
  }
  if (doc.contents === null || doc.contents === undefined) return undefined;
  const reader = new YamlReader(doc, problems);
  return reader.read(doc.contents, 0, 0, text.length);
}

class YamlReader {
  private readonly anchors = new Map<string, unknown>();
  private readonly expanding = new Set<unknown>();
  private aliasNodes = 0;
  private inAlias = 0;
  tooComplex = false;

  constructor(
    private readonly doc: YamlDocument,
    private readonly problems: Problems,
  ) {}

  /** Converts in document order so an alias finds the last anchor before it, as YAML says. */
  read(node: unknown, depth: number, fallbackStart: number, fallbackEnd: number): TreeNode {
    const [start, end] = nodeSpan(node, fallbackStart, fallbackEnd);
    if (depth > MAX_DEPTH || this.tooComplex) return { kind: 'other', start, end, value: undefined };
    if (this.inAlias > 0 && ++this.aliasNodes > MAX_ALIAS_NODES) {
      this.tooComplex = true;
      this.problems.error(start, end, `别名（*name）展开后内容过多（超过 ${MAX_ALIAS_NODES} 项），已忽略。`, `Aliases (*name) expand to too much content (over ${MAX_ALIAS_NODES} nodes); ignored.`);
      return { kind: 'other', start, end, value: undefined };
    }
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (target === undefined) return { kind: 'null', start, end, value: null };
      if (this.expanding.has(target)) {
        this.problems.error(start, end, `别名“*${node.source}”引用了包含它自身的内容，已忽略。`, `Alias "*${node.source}" refers to content that contains it; ignored.`);
        return { kind: 'other', start, end, value: undefined };
      }
      this.inAlias++;
      const converted = this.read(target, depth + 1, start, end);
      this.inAlias--;
      // The alias's value takes the alias's place; problems deeper inside point at the anchored original.
      return { ...converted, start, end };
    }
    const anchor = (node as { anchor?: unknown } | null)?.anchor;
    if (typeof anchor === 'string' && this.inAlias === 0) this.anchors.set(anchor, node);
    this.expanding.add(node);
    try {
      if (isMap(node)) {
        const entries: Entry[] = [];
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const keyNode: unknown = pair.key;
          const [keyStart, keyEnd] = nodeSpan(keyNode, start, start);
          let key: string | undefined;
          if (isScalar(keyNode) && ['string', 'number', 'boolean'].includes(typeof keyNode.value)) key = String(keyNode.value);
          const valueNode: unknown = pair.value;
          const value: TreeNode =
            valueNode === null || valueNode === undefined
              ? { kind: 'null', start: keyEnd, end: keyEnd, value: null }
              : this.read(valueNode, depth + 1, keyEnd, keyEnd);
          if (key === undefined) {
            this.problems.error(keyStart, keyEnd, '键应为简单的文字，不能是列表、对象或空值。此项已忽略。', 'A key must be plain text, not a list, a map or null. This entry is ignored.');
            continue;
          }
          entries.push({ key, keyStart, keyEnd, value });
        }
        return { kind: 'object', start, end, entries };
      }
      if (isSeq(node)) {
        return { kind: 'array', start, end, items: node.items.map((item) => this.read(item, depth + 1, start, end)) };
      }
      if (isScalar(node)) {
        const v: unknown = node.value;
        if (typeof v === 'string') return { kind: 'string', start, end, value: v };
        if (typeof v === 'number') return { kind: 'number', start, end, value: v };
        if (typeof v === 'bigint') return { kind: 'number', start, end, value: Number(v) };
        if (typeof v === 'boolean') return { kind: 'boolean', start, end, value: v };
        if (v === null || v === undefined) return { kind: 'null', start, end, value: null };
        return { kind: 'other', start, end, value: undefined };
      }
      return { kind: 'other', start, end, value: undefined };
    } finally {
      this.expanding.delete(node);
    }
  }
}

function nodeSpan(node: unknown, fallbackStart: number, fallbackEnd: number): [number, number] {
  const range = (node as { range?: unknown } | null)?.range;
  if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') return [range[0], range[1]];
  return [fallbackStart, fallbackEnd];
}

// ---------------------------------------------------------------------------------------
// Validation

const KIND_NAMES: Record<TreeNode['kind'], [string, string]> = {
  object: ['对象（键值对）', 'an object'],
  array: ['列表（数组）', 'an array'],
  string: ['文字（字符串）', 'a string'],
  number: ['数字', 'a number'],
  boolean: ['布尔值（true/false）', 'a boolean'],
  null: ['空值', 'null'],
  other: ['无法识别的值', 'an unsupported value'],
};

/** Objects built from user keys: defineProperty so "__proto__" stays a plain own key. */
function setKey<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function quoteList(items: readonly string[], sepZh = '、', sepEn = ', '): [string, string] {
  return [items.map((k) => `“${k}”`).join(sepZh), items.map((k) => `"${k}"`).join(sepEn)];
}

class Validator {
  constructor(
    private readonly p: Problems,
    private readonly known: { profileIds: readonly string[] },
    private readonly fileLabel: string,
  ) {}

  validate(root: TreeNode): DutyReportConfig {
    if (root.kind !== 'object') {
      const [zh, en] = KIND_NAMES[root.kind];
      const [hintZh, hintEn] = root.kind === 'string' ? fullWidthHint(String(root.value)) : ['', ''];
      this.p.error(
        root.start,
        this.headEnd(root),
        `配置文件的内容应为对象（键值对，如 { "profile": … } 或 profile: …），实际是${zh}${hintZh}。已使用默认设置。`,
        `The configuration should be an object (key/value pairs, such as { "profile": … } or profile: …), not ${en}${hintEn}. Defaults are used.`,
      );
      return {};
    }
    const keys = this.entries(root, '', TOP_KEYS, '配置项', 'key');
    const config: DutyReportConfig = {};

    const schema = keys.get('$schema');
    if (schema) this.string(schema.value, '$schema', false);

    // Profiles first: thresholds and `profile` may name a profile defined here.
    const profilesEntry = keys.get('profiles');
    if (profilesEntry) {
      const profiles = this.profiles(profilesEntry.value);
      if (profiles) config.profiles = profiles;
    }
    const definedIds = (config.profiles ?? []).map((pr) => pr.id).filter((id): id is string => typeof id === 'string');

    const profileEntry = keys.get('profile');
    if (profileEntry) {
      const profile = this.profileChoice(profileEntry.value, config.profiles ?? []);
      if (profile !== undefined) config.profile = profile;
    }

    const localeEntry = keys.get('locale');
    if (localeEntry) {
      const locale = this.locale(localeEntry.value);
      if (locale) config.locale = locale;
    }

    const rulesEntry = keys.get('rules');
    if (rulesEntry) {
      const rules = this.rules(rulesEntry.value);
      if (rules) config.rules = rules;
    }

    const thresholdsEntry = keys.get('thresholds');
    if (thresholdsEntry) {
      const thresholds = this.thresholdsByProfile(thresholdsEntry.value, definedIds);
      if (thresholds) config.thresholds = thresholds;
    }

    const lexiconEntry = keys.get('lexicon');
    if (lexiconEntry) {
      const lexicon = this.lexicon(lexiconEntry.value);
      if (lexicon) config.lexicon = lexicon;
    }
    return config;
  }

  // --- generic helpers ------------------------------------------------------------------

  /** End of the node's first line: a problem about a whole block underlines its head only. */
  private headEnd(node: TreeNode): number {
    return Math.min(node.end, this.p.lines.lineEnd(node.start));
  }

  private wrongType(node: TreeNode, path: string, expectedZh: string, expectedEn: string): void {
    const [zh, en] = KIND_NAMES[node.kind];
    const [hintZh, hintEn] = node.kind === 'string' ? fullWidthHint(String(node.value)) : ['', ''];
    this.p.error(
      node.start,
      this.headEnd(node),
      `“${path}”应为${expectedZh}，实际是${zh}${hintZh}。此项已忽略。`,
      `"${path}" should be ${expectedEn}, not ${en}${hintEn}. It is ignored.`,
    );
  }

  private object(node: TreeNode, path: string): ObjectNode | undefined {
    if (node.kind === 'object') return node;
    this.wrongType(node, path, '对象（键值对）', 'an object');
    return undefined;
  }

  private array(node: TreeNode, path: string): ArrayNode | undefined {
    if (node.kind === 'array') return node;
    this.wrongType(node, path, '列表（数组）', 'an array');
    return undefined;
  }

  /**
   * The entries of an object by key. Duplicates: the last wins, as in JSON.parse, with a
   * warning. Keys outside `allowed` (when given) are reported and left out.
   */
  private entries(obj: ObjectNode, path: string, allowed: readonly string[] | undefined, whatZh: string, whatEn: string): Map<string, Entry> {
    const map = new Map<string, Entry>();
    for (const entry of obj.entries) {
      const full = path ? `${path}.${entry.key}` : entry.key;
      if (allowed && !allowed.includes(entry.key)) {
        const suggestion = closest(entry.key, allowed);
        const [listZh, listEn] = quoteList(allowed);
        this.p.warning(
          entry.keyStart,
          entry.keyEnd,
          suggestion
            ? `未知的${whatZh}“${full}”，是否想写“${suggestion}”？此项已忽略。`
            : `未知的${whatZh}“${full}”，此项已忽略。${path ? `“${path}”` : '顶层'}允许的${whatZh}：${listZh}。`,
          suggestion
            ? `Unknown ${whatEn} "${full}"; did you mean "${suggestion}"? It is ignored.`
            : `Unknown ${whatEn} "${full}"; it is ignored. Allowed ${whatEn}s ${path ? `in "${path}"` : 'at the top level'}: ${listEn}.`,
        );
        continue;
      }
      const previous = map.get(entry.key);
      if (previous) {
        this.p.warning(previous.keyStart, previous.keyEnd, `“${full}”重复出现，以后面的为准，此处的设置已忽略。`, `"${full}" appears more than once; the last one is used and this one is ignored.`);
      }
      map.set(entry.key, entry);
    }
    return map;
  }

  /** A string; `nonBlank` refuses "" and whitespace, which would match everywhere as a phrase. */
  private string(node: TreeNode, path: string, nonBlank: boolean): string | undefined {
    if (node.kind !== 'string') {
      this.wrongType(node, path, '文字（字符串）', 'a string');
      return undefined;
    }
    const value = String(node.value);
    if (nonBlank && value.trim() === '') {
      this.p.error(node.start, node.end, `“${path}”不能为空。此项已忽略。`, `"${path}" must not be empty. It is ignored.`);
      return undefined;
    }
    return value;
  }

  /** A list of non-empty strings; bad items are dropped one by one. */
  private stringList(node: TreeNode, path: string): string[] | undefined {
    const arr = this.array(node, path);
    if (!arr) return undefined;
    const out: string[] = [];
    arr.items.forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`, true);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  private boolean(node: TreeNode, path: string): boolean | undefined {
    if (node.kind === 'boolean') return node.value === true;
    this.wrongType(node, path, '布尔值（true 或 false）', 'a boolean (true or false)');
    return undefined;
  }

  private required(obj: ObjectNode, keys: Map<string, Entry>, names: readonly string[], path: string, whatZh: string, whatEn: string): boolean {
    const missing = names.filter((k) => !keys.has(k));
    if (missing.length === 0) return true;
    const [listZh, listEn] = quoteList(missing);
    this.p.error(obj.start, this.headEnd(obj), `${whatZh}“${path}”缺少必填项 ${listZh}，整项已忽略。`, `${whatEn} "${path}" lacks the required ${listEn}; the whole entry is ignored.`);
    return false;
  }

  // --- top-level values -----------------------------------------------------------------

  private profileChoice(node: TreeNode, defined: Partial<Profile>[]): string | undefined {
    const value = this.string(node, 'profile', true);
    if (value === undefined) return undefined;
    const names = new Set<string>(this.known.profileIds);
    for (const pr of defined) {
      if (pr.id) names.add(pr.id);
      if (pr.name) names.add(pr.name);
      for (const a of pr.aliases ?? []) names.add(a);
    }
    // Chinese names and aliases of built-in profiles are not known here, so only an ASCII
    // value (an id) can be told to be unknown. It is kept: the engine falls back and says so.
    if (!names.has(value) && /^[\x20-\x7e]+$/.test(value) && this.known.profileIds.length > 0) {
      const ids = [...this.known.profileIds, ...defined.map((d) => d.id ?? '').filter(Boolean)];
      const suggestion = closest(value, ids);
      const [listZh, listEn] = quoteList(ids);
      this.p.warning(
        node.start,
        node.end,
        suggestion ? `未知的报告类型“${value}”，是否想写“${suggestion}”？` : `未知的报告类型“${value}”。已知的报告类型：${listZh}（也可写中文名称）。`,
        suggestion ? `Unknown profile "${value}"; did you mean "${suggestion}"?` : `Unknown profile "${value}". Known profiles: ${listEn} (Chinese names are accepted too).`,
      );
    }
    return value;
  }

  private locale(node: TreeNode): Locale | undefined {
    if (node.kind === 'string' && (LOCALES as readonly string[]).includes(String(node.value))) return node.value as Locale;
    if (node.kind !== 'string') {
      this.wrongType(node, 'locale', '“zh”或“en”', '"zh" or "en"');
      return undefined;
    }
    const value = String(node.value);
    const lower = value.toLowerCase();
    const suggestion = lower.startsWith('zh') || value.startsWith('中') ? 'zh' : lower.startsWith('en') || value.startsWith('英') ? 'en' : undefined;
    this.p.error(
      node.start,
      node.end,
      `“locale”的值“${value}”无效，应为“zh”或“en”${suggestion ? `，是否想写“${suggestion}”？` : '。'}此项已忽略。`,
      `Invalid "locale" "${value}": use "zh" or "en"${suggestion ? `; did you mean "${suggestion}"?` : '.'} It is ignored.`,
    );
    return undefined;
  }

  // --- rules ----------------------------------------------------------------------------

  private rules(node: TreeNode): Record<string, SeveritySetting | RuleSetting> | undefined {
    const obj = this.object(node, 'rules');
    if (!obj) return undefined;
    const out: Record<string, SeveritySetting | RuleSetting> = {};
    const ruleIds: readonly string[] = RULE_IDS;
    for (const [id, entry] of this.entries(obj, 'rules', undefined, '规则', 'rule')) {
      if (!ruleIds.includes(id)) {
        const suggestion = closest(id, ruleIds);
        const [listZh, listEn] = quoteList(ruleIds);
        this.p.warning(
          entry.keyStart,
          entry.keyEnd,
          suggestion ? `未知的规则“${id}”，是否想写“${suggestion}”？` : `未知的规则“${id}”，此项已忽略。已知的规则：${listZh}。`,
          suggestion ? `Unknown rule "${id}"; did you mean "${suggestion}"?` : `Unknown rule "${id}"; it is ignored. Known rules: ${listEn}.`,
        );
        continue;
      }
      const setting = this.ruleSetting(entry.value, id);
      if (setting !== undefined) setKey(out, id, setting);
    }
    return out;
  }

  private ruleSetting(node: TreeNode, id: string): SeveritySetting | RuleSetting | undefined {
    const path = `rules.${id}`;
    if (node.kind === 'string') return this.severity(node, path);
    if (node.kind === 'object') {
      const keys = this.entries(node, path, RULE_SETTING_KEYS, '规则设置项', 'rule setting');
      const sev = keys.get('severity');
      if (!sev) return {};
      const severity = sev.value.kind === 'string' ? this.severity(sev.value, `${path}.severity`) : this.badSeverityType(sev.value, `${path}.severity`);
      return severity === undefined ? undefined : { severity };
    }
    return this.badSeverityType(node, path);
  }

  private severity(node: ScalarNode, path: string): SeveritySetting | undefined {
    const value = String(node.value);
    if ((SEVERITY_SETTINGS as readonly string[]).includes(value)) return value as SeveritySetting;
    const suggestion = SEVERITY_ALIASES[value.toLowerCase()] ?? closest(value, SEVERITY_SETTINGS);
    const [listZh, listEn] = quoteList(SEVERITY_SETTINGS);
    this.p.error(
      node.start,
      node.end,
      `“${path}”的级别“${value}”无效，应为 ${listZh} 之一${suggestion ? `，是否想写“${suggestion}”？` : '。'}此项已忽略。`,
      `Invalid severity "${value}" for "${path}": use one of ${listEn}${suggestion ? `; did you mean "${suggestion}"?` : '.'} It is ignored.`,
    );
    return undefined;
  }

  private badSeverityType(node: TreeNode, path: string): undefined {
    // ESLint habits (0/1/2, false) get a direct translation.
    const v = node.kind === 'object' || node.kind === 'array' ? undefined : node.value;
    const suggestion = v === false || v === 0 ? 'off' : v === 1 ? 'warning' : v === 2 ? 'error' : undefined;
    const [zh, en] = KIND_NAMES[node.kind];
    const [listZh, listEn] = quoteList(SEVERITY_SETTINGS);
    this.p.error(
      node.start,
      this.headEnd(node),
      `“${path}”应为级别文字 ${listZh} 之一，或 { "severity": … }，实际是${zh}${suggestion ? `，是否想写“${suggestion}”？` : '。'}此项已忽略。`,
      `"${path}" should be one of ${listEn} or { "severity": … }, not ${en}${suggestion ? `; did you mean "${suggestion}"?` : '.'} It is ignored.`,
    );
    return undefined;
  }

  // --- thresholds -----------------------------------------------------------------------

  private thresholdsByProfile(node: TreeNode, definedIds: readonly string[]): Record<string, Thresholds> | undefined {
    const obj = this.object(node, 'thresholds');
    if (!obj) return undefined;
    const out: Record<string, Thresholds> = {};
    const ids = [...new Set([...this.known.profileIds, ...definedIds])];
    for (const [id, entry] of this.entries(obj, 'thresholds', undefined, '报告类型', 'profile')) {
      if (!ids.includes(id)) {
        const suggestion = closest(id, ids);
        const [listZh, listEn] = quoteList(ids);
        this.p.warning(
          entry.keyStart,
          entry.keyEnd,
          `“thresholds”中的“${id}”既不是内置的报告类型，也没有在“profiles”中定义${suggestion ? `，是否想写“${suggestion}”？` : `。可用的报告类型 id：${listZh || '（无）'}。`}此项已忽略。`,
          `"${id}" in "thresholds" is neither a built-in profile nor defined in "profiles"${suggestion ? `; did you mean "${suggestion}"?` : `. Profile ids: ${listEn || '(none)'}.`} It is ignored.`,
        );
        continue;
      }
      const t = this.thresholds(entry.value, `thresholds.${id}`);
      if (t) setKey(out, id, t);
    }
    return out;
  }

  private thresholds(node: TreeNode, path: string): Thresholds | undefined {
    const obj = this.object(node, path);
    if (!obj) return undefined;
    const keys = this.entries(obj, path, THRESHOLD_KEYS, '阈值', 'threshold');
    const out: Thresholds = {};
    for (const key of ['maxAchievementShare', 'minProblemShare'] as const) {
      const e = keys.get(key);
      if (!e) continue;
      const share = this.share(e.value, `${path}.${key}`);
      if (share !== undefined) out[key] = share;
    }
    const units = keys.get('maxUnits');
    if (units) {
      const v = units.value;
      if (v.kind === 'number' && typeof v.value === 'number' && Number.isSafeInteger(v.value) && v.value > 0) {
        out.maxUnits = v.value;
      } else if (v.kind !== 'number') {
        this.wrongType(v, `${path}.maxUnits`, '正整数（字数）', 'a positive whole number (characters)');
      } else {
        this.p.error(v.start, v.end, `“${path}.maxUnits”应为正整数（字数），实际是 ${String(v.value)}。此项已忽略。`, `"${path}.maxUnits" should be a positive whole number (characters), not ${String(v.value)}. It is ignored.`);
      }
    }
    return out;
  }

  private share(node: TreeNode, path: string): number | undefined {
    if (node.kind === 'number' && typeof node.value === 'number' && Number.isFinite(node.value) && node.value >= 0 && node.value <= 1) {
      return node.value;
    }
    if (node.kind === 'string') {
      // "1/3" is how the seeds say it; tell the user the number to write.
      const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(String(node.value));
      const ratio = m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : undefined;
      const hint = ratio !== undefined && ratio <= 1 ? `${Math.round(ratio * 10000) / 10000}` : undefined;
      this.p.error(
        node.start,
        node.end,
        `“${path}”应为 0 到 1 之间的数字（比例），实际是文字“${String(node.value)}”${hint ? `，请写成 ${hint}` : ''}。此项已忽略。`,
        `"${path}" should be a number between 0 and 1 (a share), not the string "${String(node.value)}"${hint ? `; write ${hint}` : ''}. It is ignored.`,
      );
      return undefined;
    }
    if (node.kind !== 'number') {
      this.wrongType(node, path, '0 到 1 之间的数字（比例）', 'a number between 0 and 1 (a share)');
      return undefined;
    }
    const v = Number(node.value);
    const hint = Number.isFinite(v) && v > 1 && v <= 100 ? `（百分数请换算为小数，如 ${v}% 写作 ${v / 100}）` : '';
    const hintEn = hint ? ` (write a percentage as a fraction: ${v}% is ${v / 100})` : '';
    this.p.error(node.start, node.end, `“${path}”应在 0 到 1 之间，实际是 ${String(node.value)}${hint}。此项已忽略。`, `"${path}" should be between 0 and 1, not ${String(node.value)}${hintEn}. It is ignored.`);
    return undefined;
  }

  // --- profiles -------------------------------------------------------------------------

  private profiles(node: TreeNode): Partial<Profile>[] | undefined {
    const arr = this.array(node, 'profiles');
    if (!arr) return undefined;
    const out: Partial<Profile>[] = [];
    const seen = new Set<string>();
    arr.items.forEach((item, i) => {
      const profile = this.profile(item, `profiles[${i}]`);
      if (!profile || profile.id === undefined) return;
      if (seen.has(profile.id)) {
        this.p.error(item.start, this.headEnd(item), `“profiles”中有两个 id 为“${profile.id}”的报告类型，后一个已忽略。`, `Two entries of "profiles" have the id "${profile.id}"; the later one is ignored.`);
        return;
      }
      seen.add(profile.id);
      out.push(profile);
    });
    return out;
  }

  private profile(node: TreeNode, path: string): Partial<Profile> | undefined {
    const obj = this.object(node, path);
    if (!obj) return undefined;
    const keys = this.entries(obj, path, PROFILE_KEYS, '报告类型设置项', 'profile key');
    if (!this.required(obj, keys, ['id'], path, '报告类型', 'Profile')) return undefined;
    const id = this.string(keys.get('id')!.value, `${path}.id`, true);
    if (id === undefined) return undefined;
    const out: Partial<Profile> = { id };
    for (const key of ['name', 'nameEn', 'source'] as const) {
      const e = keys.get(key);
      if (!e) continue;
      const s = this.string(e.value, `${path}.${key}`, true);
      if (s !== undefined) out[key] = s;
    }
    const aliases = keys.get('aliases');
    if (aliases) {
      const list = this.stringList(aliases.value, `${path}.aliases`);
      if (list) out.aliases = list;
    }
    const thresholds = keys.get('thresholds');
    if (thresholds) {
      const t = this.thresholds(thresholds.value, `${path}.thresholds`);
      if (t) out.thresholds = t;
    }
    const sources = keys.get('thresholdSources');
    if (sources) {
      const o = this.object(sources.value, `${path}.thresholdSources`);
      if (o) {
        const ts: NonNullable<Profile['thresholdSources']> = {};
        for (const [k, e] of this.entries(o, `${path}.thresholdSources`, THRESHOLD_KEYS, '阈值', 'threshold')) {
          const s = this.string(e.value, `${path}.thresholdSources.${k}`, true);
          if (s !== undefined) ts[k as keyof Thresholds] = s;
        }
        out.thresholdSources = ts;
      }
    }
    const topics = keys.get('topics');
    if (topics) {
      const list = this.topics(topics.value, `${path}.topics`);
      if (list) out.topics = list;
      // Allowed (a profile may ask for no topics), but say what it means: nothing is required.
      if (list && list.length === 0) {
        this.p.warning(
          topics.value.start,
          this.headEnd(topics.value),
          `“${path}.topics”为空：这个画像没有必述内容，漏写任何内容都不会提示（missing-topic 不起作用）。`,
          `"${path}.topics" is empty: this profile requires no topic, so nothing left out is reported (missing-topic does nothing).`,
        );
      }
    }
    const detect = keys.get('detect');
    if (detect) {
      const o = this.object(detect.value, `${path}.detect`);
      if (o) {
        const dk = this.entries(o, `${path}.detect`, DETECT_KEYS, '识别设置项', 'detect key');
        const title = dk.get('title');
        const content = dk.get('content');
        // Profile.detect has both lists; an omitted one is empty.
        out.detect = {
          title: (title && this.stringList(title.value, `${path}.detect.title`)) || [],
          content: (content && this.stringList(content.value, `${path}.detect.content`)) || [],
        };
      }
    }
    return out;
  }

  private topics(node: TreeNode, path: string): Topic[] | undefined {
    const arr = this.array(node, path);
    if (!arr) return undefined;
    const out: Topic[] = [];
    const seen = new Set<string>();
    arr.items.forEach((item, i) => {
      const topic = this.topic(item, `${path}[${i}]`);
      if (!topic) return;
      if (seen.has(topic.id)) {
        this.p.error(item.start, this.headEnd(item), `“${path}”中有两个 id 为“${topic.id}”的必述内容，后一个已忽略。`, `Two topics in "${path}" have the id "${topic.id}"; the later one is ignored.`);
        return;
      }
      seen.add(topic.id);
      out.push(topic);
    });
    return out;
  }

  private topic(node: TreeNode, path: string): Topic | undefined {
    const obj = this.object(node, path);
    if (!obj) return undefined;
    const keys = this.entries(obj, path, TOPIC_KEYS, '必述内容设置项', 'topic key');
    if (!this.required(obj, keys, ['id', 'title', 'keywords'], path, '必述内容', 'Topic')) return undefined;
    const id = this.string(keys.get('id')!.value, `${path}.id`, true);
    const title = this.string(keys.get('title')!.value, `${path}.title`, true);
    const keywordsNode = keys.get('keywords')!.value;
    const keywords = this.stringList(keywordsNode, `${path}.keywords`);
    if (keywords && keywords.length === 0) {
      this.p.error(keywordsNode.start, this.headEnd(keywordsNode), `“${path}.keywords”至少要有一个关键词，否则无法判断是否写到了这项内容。整项已忽略。`, `"${path}.keywords" needs at least one keyword, or coverage cannot be told. The topic is ignored.`);
      return undefined;
    }
    if (id === undefined || title === undefined || keywords === undefined) return undefined;
    const topic: Topic = { id, title, source: `配置文件 ${this.fileLabel}`, keywords };
    const source = keys.get('source');
    if (source) {
      const s = this.string(source.value, `${path}.source`, true);
      if (s !== undefined) topic.source = s;
    }
    const related = keys.get('related');
    if (related) {
      const list = this.stringList(related.value, `${path}.related`);
      if (list) topic.related = list;
    }
    const hint = keys.get('hint');
    if (hint) {
      const s = this.string(hint.value, `${path}.hint`, false);
      if (s !== undefined) topic.hint = s;
    }
    return topic;
  }

  // --- lexicon --------------------------------------------------------------------------

  private lexicon(node: TreeNode): DutyReportConfig['lexicon'] {
    const obj = this.object(node, 'lexicon');
    if (!obj) return undefined;
    const keys = this.entries(obj, 'lexicon', LEXICON_KEYS, '词表设置项', 'lexicon key');
    const out: NonNullable<DutyReportConfig['lexicon']> = {};
    const add = keys.get('add');
    if (add) {
      const arr = this.array(add.value, 'lexicon.add');
      if (arr) {
        out.add = [];
        arr.items.forEach((item, i) => {
          const entry = this.lexiconEntry(item, `lexicon.add[${i}]`);
          if (entry) out.add!.push(entry);
        });
      }
    }
    const allow = keys.get('allow');
    if (allow) {
      const list = this.stringList(allow.value, 'lexicon.allow');
      if (list) out.allow = list;
    }
    return out;
  }

  private lexiconEntry(node: TreeNode, path: string): LexiconEntry | undefined {
    const obj = this.object(node, path);
    if (!obj) return undefined;
    const keys = this.entries(obj, path, ENTRY_KEYS, '词条设置项', 'entry key');
    if (!this.required(obj, keys, ['phrase', 'kind'], path, '词条', 'Entry')) return undefined;
    const phrase = this.string(keys.get('phrase')!.value, `${path}.phrase`, true);
    const kindNode = keys.get('kind')!.value;
    let kind: string | undefined;
    if (kindNode.kind !== 'string') {
      this.wrongType(kindNode, `${path}.kind`, '词语类别（文字）', 'a kind (string)');
    } else if ((LEXICON_KIND_IDS as readonly string[]).includes(String(kindNode.value))) {
      kind = String(kindNode.value);
    } else {
      const value = String(kindNode.value);
      const suggestion = closest(value, LEXICON_KIND_IDS);
      const [listZh, listEn] = quoteList(LEXICON_KIND_IDS);
      this.p.error(
        kindNode.start,
        kindNode.end,
        `未知的词语类别“${value}”${suggestion ? `，是否想写“${suggestion}”？` : `，应为 ${listZh} 之一。`}该词条已忽略。`,
        `Unknown kind "${value}"${suggestion ? `; did you mean "${suggestion}"?` : `; use one of ${listEn}.`} The entry is ignored.`,
      );
    }
    if (phrase === undefined || kind === undefined) return undefined;
    const entry: LexiconEntry = { phrase, kind, reason: `配置文件 ${this.fileLabel} 中添加的词语` };
    const reason = keys.get('reason');
    if (reason) {
      const s = this.string(reason.value, `${path}.reason`, true);
      if (s !== undefined) entry.reason = s;
    }
    const suggest = keys.get('suggest');
    if (suggest) {
      const s = this.string(suggest.value, `${path}.suggest`, true);
      if (s !== undefined) entry.suggest = s;
    }
    const always = keys.get('always');
    if (always) {
      const b = this.boolean(always.value, `${path}.always`);
      if (b !== undefined) entry.always = b;
    }
    const gap = keys.get('gap');
    if (gap) {
      const v = gap.value;
      if (v.kind === 'number' && typeof v.value === 'number' && Number.isSafeInteger(v.value) && v.value >= 1 && v.value <= 60) {
        entry.gap = v.value;
      } else if (v.kind !== 'number') {
        this.wrongType(v, `${path}.gap`, '1～60 的整数（字数）', 'a whole number from 1 to 60 (characters)');
      } else {
        this.p.error(v.start, v.end, `“${path}.gap”应为 1～60 的整数（一处“…”最多代表几个字），实际是 ${String(v.value)}。此项已忽略。`, `"${path}.gap" should be a whole number from 1 to 60 (characters one … may hold), not ${String(v.value)}. It is ignored.`);
      }
    }
    return entry;
  }
}

/** Spellings people bring from other linters. */
const SEVERITY_ALIASES: Record<string, SeveritySetting> = {
  warn: 'warning',
  information: 'info',
  suggestion: 'hint',
  none: 'off',
  false: 'off',
  disable: 'off',
  disabled: 'off',
  错误: 'error',
  警告: 'warning',
  信息: 'info',
  提示: 'hint',
  关闭: 'off',
};

// ---------------------------------------------------------------------------------------
// Suggestions

/** The candidate nearest to `input`, if it is near enough to be a likely typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  if (input.length === 0 || input.length > 64) return undefined;
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    // A clear prefix ("warn" → "warning") counts as near whatever the length difference.
    const d = lower.length >= 3 && cl.startsWith(lower) ? 1 : editDistance(lower, cl);
    if (d < bestDist && d <= 3 && d < Math.max(2, cl.length / 2)) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("vauge"). */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}
