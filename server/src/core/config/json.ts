/** JSON with comments, read into the tree (jsonc-parser keeps offsets and reports every error). */
// The ESM build: the package's UMD main loads its parts with a dynamic require that esbuild cannot bundle.
import * as jsonc from 'jsonc-parser/lib/esm/main.js';
import { findTooDeep, reportTooDeep } from './depth';
import { MAX_DEPTH, firstPerLine, fullWidthHint, type Entry, type Problems, type TreeNode } from './tree';

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

export function readJson(text: string, problems: Problems): TreeNode | undefined | 'syntax-error' {
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
      problems.error(e.offset, e.offset + e.length, [`JSON 语法错误：${zh}${hintZh}。配置文件未生效，已使用默认设置。`, `JSON syntax error: ${en}${hintEn}. The configuration is not applied; defaults are used.`]);
    }
    return 'syntax-error';
  }
  return tree ? fromJson(tree, 0) : undefined;
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

