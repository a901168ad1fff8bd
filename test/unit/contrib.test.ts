import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { analyze, BUILTIN_PROFILES } from '../../server/src/core/index';
import { MarkerKind, scanBlocks } from '../../server/src/core/blocks';

/**
 * What the extension contributes besides the language server: the outline snippets
 * (generated from the profiles) and the TextMate injection that colours outline markers.
 */

// Bundled into test/out; the sources stay at the project root.
const ROOT = path.resolve(__dirname, '..', '..');

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}
type SnippetFile = Record<string, Snippet>;
// A plain CommonJS script without type declarations; esbuild bundles it like any module.
const generator = require('../../scripts/gen-snippets.js') as { generateSnippets(): SnippetFile; renderSnippets(): string };

/** Expands a snippet body as VS Code would with every default taken: the text and the tab stops in order. */
function expandSnippet(body: string): { text: string; stops: number[] } {
  let text = '';
  const stops: number[] = [];
  let i = 0;
  const readEscaped = (): string => {
    const next = body[i + 1];
    if (next === '$' || next === '}' || next === '\\') {
      i += 2;
      return next;
    }
    i++;
    return '\\';
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\') {
      text += readEscaped();
      continue;
    }
    if (c !== '$') {
      text += c;
      i++;
      continue;
    }
    const simple = /^\$(\d+)/.exec(body.slice(i));
    if (simple) {
      stops.push(Number(simple[1]));
      i += simple[0].length;
      continue;
    }
    const open = /^\$\{(\d+)([:}])/.exec(body.slice(i));
    if (!open) throw new Error(`unexpected "$" at ${i}: ${body.slice(i, i + 20)}`);
    stops.push(Number(open[1]));
    i += open[0].length;
    if (open[2] === '}') continue;
    // A default value: literal text up to the unescaped }, no nested tab stops in ours.
    for (;;) {
      if (i >= body.length) throw new Error('unterminated placeholder');
      const d = body[i];
      if (d === '}') {
        i++;
        break;
      }
      if (d === '$') throw new Error(`nested "$" in a placeholder at ${i}`);
      if (d === '\\') text += readEscaped();
      else {
        text += d;
        i++;
      }
    }
  }
  return { text, stops };
}

describe('outline snippets (snippets/duty-report.json)', () => {
  const file = path.join(ROOT, 'snippets', 'duty-report.json');
  const committed = JSON.parse(fs.readFileSync(file, 'utf8')) as SnippetFile;

  it('is exactly what scripts/gen-snippets.js generates (run `npm run generate` after changing the profiles)', () => {
    assert.equal(fs.readFileSync(file, 'utf8'), generator.renderSnippets());
    assert.deepEqual(committed, generator.generateSnippets());
  });

  it('has one snippet per profile, keyed and prefixed as the client expects', () => {
    assert.equal(Object.keys(committed).length, BUILTIN_PROFILES.length);
    for (const p of BUILTIN_PROFILES) {
      const matches = Object.entries(committed).filter(([, s]) => s.prefix.includes(`dutyreport-${p.id}`));
      assert.equal(matches.length, 1, `profile ${p.id}`);
      const [key, s] = matches[0];
      assert.equal(key, `述职报告提纲：${p.name}`);
      assert.deepEqual(s.prefix, [`dutyreport-${p.id}`, `述职提纲-${p.name}`]);
      assert.match(s.description, /^[\u4e00-\u9fff].*[。：].* [A-Z][a-z]/, 'Chinese first, English after it');
    }
  });

  for (const p of BUILTIN_PROFILES) {
    describe(`profile ${p.id}`, () => {
      const snippet = () => Object.values(committed).find((s) => s.prefix.includes(`dutyreport-${p.id}`))!;

      it('numbers its tab stops 1, 2, 3 … in reading order and ends with $0', () => {
        const { stops } = expandSnippet(snippet().body.join('\n'));
        const numbered = stops.filter((n) => n !== 0);
        assert.deepEqual(numbered, numbered.map((_, k) => k + 1));
        assert.equal(stops.filter((n) => n === 0).length, 1);
        assert.equal(stops[stops.length - 1], 0);
        assert.ok(numbered.length >= 10, 'a placeholder for every part');
      });

      it('expands to a report the checker finds complete: all four parts, every required topic', () => {
        const { text } = expandSnippet(snippet().body.join('\n'));
        const r = analyze(text, { profile: p.id });
        assert.equal(r.profile.id, p.id);
        const structural = r.findings.filter((f) => f.rule === 'missing-section' || f.rule === 'missing-topic');
        assert.deepEqual(structural.map((f) => `${f.rule} ${f.section ?? f.topic}: ${f.message}`), []);
        assert.deepEqual(
          r.stats.sections.map((s) => s.role),
          ['achievements', 'problems', 'causes', 'plans'],
        );
        assert.ok(r.stats.topics.every((t) => t.covered));
        for (const role of ['achievements', 'problems', 'causes', 'plans'] as const) {
          assert.ok(r.stats.unitsByRole[role] > 0, `${role} has text`);
        }
        // An outline not yet filled in lacks figures (hints and warnings), but nothing is an error.
        assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
      });

      it('expands to a report whose kind the checker recognises without being told', () => {
        const { text } = expandSnippet(snippet().body.join('\n'));
        const r = analyze(text);
        assert.equal(r.profile.id, p.id, r.profile.reason);
      });

      it('lists each required topic under the first part, as a sub-section of its own', () => {
        const { text } = expandSnippet(snippet().body.join('\n'));
        const r = analyze(text, { profile: p.id });
        const subsections = r.stats.sections[0].children.map((c) => c.title);
        for (const t of p.topics) {
          const laterPart = t.keywords.some((k) => ['存在的问题', '原因分析', '整改措施和下步打算'].some((h) => h.includes(k)));
          if (laterPart) assert.ok(!subsections.includes(t.title), `${t.title} belongs to the later parts`);
          else assert.ok(subsections.includes(t.title), `${t.title} in ${subsections.join(' / ')}`);
        }
      });
    });
  }
});

// ---------------------------------------------------------------------------------------
// The injection grammar, tokenised by the TextMate engine VS Code uses.

const INJECTION = 'markdown.duty-report.injection';
const MARKER = 'meta.outline-marker.duty-report';
type Level = 1 | 2 | 3 | 4 | 5 | 'lead';
/** The scope that colours each level (the grammar's comment says why these). */
const LEVEL_SCOPES: [Level, string][] = [
  [1, 'markup.heading.marker.level-1.duty-report'],
  [2, 'keyword.control.marker.level-2.duty-report'],
  [3, 'constant.numeric.marker.level-3.duty-report'],
  [4, 'variable.parameter.marker.level-4.duty-report'],
  [5, 'string.other.marker.level-5.duty-report'],
  ['lead', 'support.function.lead.duty-report'],
];
const ENGINE_LEVEL: Record<MarkerKind, Level> = {
  cn: 1,
  'cn-paren': 2,
  arabic: 3,
  'arabic-paren': 4,
  circled: 5,
  'lead-shi': 'lead',
  'lead-di': 'lead',
};

/**
 * A small Markdown host written for this test. It has the shapes of VS Code's Markdown grammar
 * that decide where an injection runs: headings as one match whose text is re-tokenised
 * through a capture, lists, quotes and paragraphs as begin/while blocks, fenced code and HTML
 * comments as begin/end blocks without patterns, front matter at \A, inline code and bold.
 */
const MINI_MARKDOWN = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#frontMatter' }, { include: '#block' }],
  repository: {
    frontMatter: { begin: '\\A-{3}\\s*$', end: '(^|\\G)-{3}\\s*$', contentName: 'meta.embedded.block.frontmatter' },
    block: {
      patterns: [{ include: '#heading' }, { include: '#quote' }, { include: '#list' }, { include: '#fence' }, { include: '#comment' }, { include: '#paragraph' }],
    },
    heading: {
      match: '(?:^|\\G)[ ]{0,3}(#{1,6})[ \\t]+(.*?)[ \\t]*$',
      name: 'markup.heading.markdown',
      captures: {
        1: { name: 'punctuation.definition.heading.markdown' },
        2: { name: 'entity.name.section.markdown', patterns: [{ include: '#inline' }] },
      },
    },
    quote: { begin: '(^|\\G)[ ]{0,3}(>) ?', while: '(^|\\G)[ ]{0,3}(>) ?', name: 'markup.quote.markdown', patterns: [{ include: '#block' }] },
    list: {
      patterns: [
        {
          begin: '(^|\\G)([ ]{0,3})([*+-])([ \\t])',
          while: '((^|\\G)([ ]{2,4}|\\t))|(^[ \\t]*$)',
          beginCaptures: { 3: { name: 'punctuation.definition.list.begin.markdown' } },
          name: 'markup.list.unnumbered.markdown',
          patterns: [{ include: '#block' }],
        },
        {
          begin: '(^|\\G)([ ]{0,3})([0-9]+\\.)([ \\t])',
          while: '((^|\\G)([ ]{2,4}|\\t))|(^[ \\t]*$)',
          beginCaptures: { 3: { name: 'punctuation.definition.list.begin.markdown' } },
          name: 'markup.list.numbered.markdown',
          patterns: [{ include: '#block' }],
        },
      ],
    },
    fence: { begin: '(^|\\G)[ ]{0,3}(`{3,}|~{3,}).*$', end: '(^|\\G)[ ]{0,3}\\2[ \\t]*$', name: 'markup.fenced_code.block.markdown' },
    comment: { begin: '(^|\\G)\\s*(<!--)', end: '-->', name: 'comment.block.html' },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=\\S)',
      while: '(^|\\G)(?=[ \\t]*\\S)(?![ ]{0,3}(?:#|>|[*+-][ \\t]|[0-9]+\\.[ \\t]|`{3}|~{3}|<!--))',
      name: 'meta.paragraph.markdown',
      patterns: [{ include: '#inline' }],
    },
    inline: {
      patterns: [
        { match: '(`+)[^`]+?\\1', name: 'markup.inline.raw.string.markdown' },
        { begin: '(\\*\\*|__)(?=\\S)', end: '(?<=\\S)\\1', name: 'markup.bold.markdown', patterns: [{ include: '#inline' }] },
      ],
    },
  },
};

/** VS Code's own Markdown grammar, where code-server is installed for the editor tests (test/setup.sh). */
const VSCODE_MARKDOWN = path.join(ROOT, '.cache', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOnig(): Promise<vsctm.IOnigLib> {
  // The wasm is read from node_modules at run time; esbuild bundles only the JavaScript.
  const wasm = createRequire(path.join(ROOT, 'package.json')).resolve('vscode-oniguruma/release/onig.wasm');
  onigLib ??= oniguruma.loadWASM(fs.readFileSync(wasm)).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  return onigLib;
}

async function loadMarkdown(host: 'mini' | 'vscode'): Promise<vsctm.IGrammar> {
  const injection = fs.readFileSync(path.join(ROOT, 'syntaxes', 'duty-report.injection.tmLanguage.json'), 'utf8');
  const registry = new vsctm.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (scopeName) => {
      if (scopeName === INJECTION) return vsctm.parseRawGrammar(injection, 'duty-report.injection.tmLanguage.json');
      // Embedded languages (source.yaml, text.html.derivative …) as empty grammars: an include
      // that resolves to nothing would disable the rule around it, as front matter shows.
      if (scopeName !== 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), `${scopeName}.json`);
      if (host === 'vscode') return vsctm.parseRawGrammar(fs.readFileSync(VSCODE_MARKDOWN, 'utf8'), VSCODE_MARKDOWN);
      return vsctm.parseRawGrammar(JSON.stringify(MINI_MARKDOWN), 'mini-markdown.json');
    },
    // What package.json's "injectTo": ["text.html.markdown"] makes VS Code do.
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar);
  return grammar;
}

interface Mark {
  line: number;
  start: number;
  end: number;
  level: Level;
}

function markers(grammar: vsctm.IGrammar, text: string): Mark[] {
  const out: Mark[] = [];
  let stack = vsctm.INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) {
      if (!t.scopes.includes(MARKER)) continue;
      const levels = LEVEL_SCOPES.filter(([, scope]) => t.scopes.includes(scope)).map(([l]) => l);
      assert.equal(levels.length, 1, `one level scope on ${lineText.slice(t.startIndex, t.endIndex)}: ${t.scopes.join(' ')}`);
      const level = levels[0];
      const prev = out[out.length - 1];
      // A marker is one token; the engine may split it only where scopes change, which they do not.
      if (prev && prev.line === line && prev.end === t.startIndex && prev.level === level) prev.end = t.endIndex;
      else out.push({ line, start: t.startIndex, end: t.endIndex, level });
    }
  });
  return out;
}

/** Lines that open with an outline marker, or do not, in the forms drafts use. */
const LINE_CASES = [
  '一、主要工作',
  '## 二、存在的问题',
  '## **三、原因分析**',
  '   # 四、整改措施',
  '十一、其他工作',
  '二十、其他工作',
  '九十九、其他工作',
  '十一、二月份完成验收',
  '一．主要工作',
  '一.主要工作',
  '一、二季度完成了全年任务的六成',
  '九、十月份开展专项检查',
  '（一）履行岗位职责情况',
  '(二)服务中心工作情况',
  '### （十二）其他',
  '（三)括号混用',
  '1.加强理论学习',
  '2、健全制度',
  '3．规范台账',
  '12、第十二项',
  '1.5万元资金已拨付',
  '2024.3月完成',
  '100、不是序号',
  '（1）每月自学不少于8小时',
  '(12)第十二条',
  '（123）第一百二十三条',
  '①按时足额交纳党费',
  '⑳第二十项',
  '㉑超出范围',
  '一是本人理论学习不够系统',
  '十二是第十二点',
  '二十一是不算',
  '第一，加强学习',
  '第三：健全制度',
  '- 一、列表中的提纲',
  '* （二）列表中的二级',
  '> 一、引用中的提纲',
  '　　一、全角空格缩进',
  '**一、加粗的提纲**',
  '１．全角数字',
  '本人一、二季度完成了任务',
  '全年完成（一）类项目3个',
];

function engineMarker(line: string): Omit<Mark, 'line'> | undefined {
  const b = scanBlocks(line).blocks[0];
  if (!b?.marker) return undefined;
  return { start: b.marker.start, end: b.marker.end, level: ENGINE_LEVEL[b.marker.kind] };
}

function grammarSuite(host: 'mini' | 'vscode') {
  let grammar: vsctm.IGrammar;
  before(async function () {
    if (host === 'vscode' && !fs.existsSync(VSCODE_MARKDOWN)) {
      this.skip(); // code-server is installed by test/setup.sh for the editor tests
    }
    grammar = await loadMarkdown(host);
  });

  it('colours exactly the outline markers the checker reads, at the same UTF-16 columns', () => {
    const differ: string[] = [];
    for (const line of LINE_CASES) {
      const want = engineMarker(line);
      const got = markers(grammar, line).map(({ start, end, level }) => ({ start, end, level }));
      const expected = want ? [want] : [];
      try {
        assert.deepEqual(got, expected);
      } catch {
        differ.push(`${line}\n    engine ${JSON.stringify(expected)}\n    grammar ${JSON.stringify(got)}`);
      }
    }
    assert.deepEqual(differ, []);
  });

  it('gives each level its own scope, on the marker only', () => {
    const text = ['## 一、主要工作', '', '### （一）学习', '', '1.学习', '', '（1）自学', '', '①原文', '', '一是学'].join('\n');
    assert.deepEqual(markers(grammar, text), [
      { line: 0, start: 3, end: 5, level: 1 },
      { line: 2, start: 4, end: 7, level: 2 },
      { line: 4, start: 0, end: 2, level: 3 },
      { line: 6, start: 0, end: 3, level: 4 },
      { line: 8, start: 0, end: 1, level: 5 },
      { line: 10, start: 0, end: 2, level: 'lead' },
    ]);
  });

  it('finds the leads at the start of a sentence inside a paragraph, in UTF-16 columns', () => {
    const line = '𠮷主要有：一是学习不够；二是调研不多。第三，材料多。首先，其次，最后，再次，逗号后的一是不算。';
    const got = markers(grammar, line).map((m) => line.slice(m.start, m.end));
    assert.deepEqual(got, ['一是', '二是', '第三，', '首先，']);
    // 𠮷 is two UTF-16 code units: the first lead starts at column 6 (5 if counted in code points).
    assert.equal(markers(grammar, line)[0].start, 6);
    assert.deepEqual(
      markers(grammar, '首先，学习。其次，调研；再次，整改：最后，总结').map((m) => m.start),
      [0, 6, 12, 18],
    );
  });

  it('leaves fenced code, HTML comments and front matter alone, and resumes after them', () => {
    const text = [
      '---',
      '一、不是提纲',
      '---',
      '',
      '```text',
      '一、代码里的',
      '（一）代码里的',
      '```',
      '',
      '<!--',
      '一、注释里的',
      '-->',
      '',
      '二、正文中的',
    ].join('\n');
    assert.deepEqual(markers(grammar, text), [{ line: 13, start: 0, end: 2, level: 1 }]);
  });

  it('leaves inline code alone', () => {
    assert.deepEqual(markers(grammar, '写法：`一是`和`第一，`都可以'), []);
  });

  it('keeps Markdown\'s own list number on "1. " (a Markdown list item)', () => {
    assert.deepEqual(markers(grammar, '1. 加强理论学习'), []);
  });
}

describe('outline marker grammar (syntaxes/duty-report.injection.tmLanguage.json)', () => {
  it('is an injection into Markdown only', () => {
    const g = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'duty-report.injection.tmLanguage.json'), 'utf8'));
    assert.equal(g.scopeName, INJECTION);
    assert.match(g.injectionSelector, /^text\.html\.markdown - \(/);
    for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'comment', 'meta.embedded']) assert.ok(g.injectionSelector.includes(excluded), excluded);
  });
  describe('in a Markdown host with the shapes of VS Code\'s', () => grammarSuite('mini'));
  describe('in VS Code\'s own Markdown grammar', () => grammarSuite('vscode'));
});
