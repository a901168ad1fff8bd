/** YAML 1.2 (core schema), read into the tree with anchors and aliases expanded under a budget. */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document as YamlDocument } from 'yaml';
import { findTooDeep, reportTooDeep } from './depth';
import { MAX_DEPTH, firstPerLine, fullWidthHint, type Entry, type Problems, type TreeNode } from './tree';

/** Nodes produced by expanding YAML aliases, against "billion laughs" documents. */
const MAX_ALIAS_NODES = 50_000;

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

export function readYaml(text: string, problems: Problems): TreeNode | undefined | 'syntax-error' {
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
      const [hintZh, hintEn] = fullWidthHint(problems.lines.lineText(problems.lines.lineOf(start)));
      problems.error(start, end, [`YAML 语法错误：${zh}${hintZh}。配置文件未生效，已使用默认设置。`, `YAML syntax error: ${firstLine(e)}${hintEn}. The configuration is not applied; defaults are used.`]);
    }
    return 'syntax-error';
  }
  for (const w of doc.warnings.slice(0, 10)) {
    const [start, end] = w.pos;
    const zh = YAML_ERRORS[w.code] ?? '可疑的写法';
    problems.warning(start, end, [`YAML 警告：${zh}。`, `YAML warning: ${firstLine(w)}.`]);
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
      this.problems.error(start, end, [`别名（*name）展开后内容过多（超过 ${MAX_ALIAS_NODES} 项），已忽略。`, `Aliases (*name) expand to too much content (over ${MAX_ALIAS_NODES} nodes); ignored.`]);
      return { kind: 'other', start, end, value: undefined };
    }
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (target === undefined) return { kind: 'null', start, end, value: null };
      if (this.expanding.has(target)) {
        this.problems.error(start, end, [`别名“*${node.source}”引用了包含它自身的内容，已忽略。`, `Alias "*${node.source}" refers to content that contains it; ignored.`]);
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
            this.problems.error(keyStart, keyEnd, ['键应为简单的文字，不能是列表、对象或空值。此项已忽略。', 'A key must be plain text, not a list, a map or null. This entry is ignored.']);
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

