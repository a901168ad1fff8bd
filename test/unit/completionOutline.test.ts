/**
 * The report outline offered as completion (issue 17): typed as 述职提纲 / 提纲 / dutyreport
 * alone at the start of a line, outside front matter, code and comments; 提纲 only in an
 * otherwise empty draft. Positions are 0-based lines and UTF-16 code units, as LSP counts them.
 * The pure function first, then the bundled server over stdio.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InsertTextFormat,
  InsertTextMode,
  CompletionItemKind,
  type CompletionItem,
  type ProtocolConnection,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { BUILTIN_PROFILES } from '../../server/src/core';
import type { Locale } from '../../server/src/core/types';
import { outlineCompletions } from '../../server/src/lsp/features/completion';
import { OUTLINE_KEYWORD_TYPED } from '../../shared/outlineKeyword';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
/** The outline snippets as committed (the insert-outline command reads them): the completion must insert the same bodies. */
const SNIPPETS = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'duty-report.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
const bodyOf = (id: string) => Object.values(SNIPPETS).find((s) => s.prefix.includes(`dutyreport-${id}`))!.body.join('\n');

function doc(text: string, languageId = 'markdown'): TextDocument {
  return TextDocument.create('file:///ws/%E8%BF%B0%E8%81%8C.md', languageId, 1, text);
}

/** Completion at the end of the first line holding `marker` (the marker's end, in UTF-16 units). */
function at(text: string, marker: string, locale: Locale = 'zh', languageId = 'markdown'): CompletionItem[] {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  assert.ok(line >= 0, `no line holds ${marker}`);
  const character = lines[line].indexOf(marker) + marker.length;
  return outlineCompletions(doc(text, languageId), { line, character }, () => locale);
}

const edit = (item: CompletionItem) => item.textEdit as TextEdit;

describe('outline completion (述职提纲 / dutyreport)', function () {
  it('offers one outline per profile in an empty draft, replacing the typed 述职提纲 with the snippet', function () {
    const items = at('述职提纲', '述职提纲');
    assert.equal(items.length, BUILTIN_PROFILES.length);
    BUILTIN_PROFILES.forEach((p, i) => {
      const item = items[i];
      assert.equal(item.label, `述职报告提纲：${p.name}`);
      assert.equal(item.kind, CompletionItemKind.Snippet);
      assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal(item.insertTextMode, InsertTextMode.asIs);
      // 述职提纲 is four UTF-16 code units: the whole keyword is replaced.
      assert.deepEqual(edit(item).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
      assert.equal(edit(item).newText, bodyOf(p.id), `${p.id}: the same outline as the snippet`);
      assert.match(edit(item).newText, /^# \$\{1:20XX\}年度/);
      assert.equal(item.filterText, `述职提纲-${p.name}`);
      assert.deepEqual(item.additionalTextEdits, []);
    });
    // The details pane shows the outline with its defaults filled in, no snippet syntax.
    assert.match(String(items[0].documentation), /^# 20XX年度个人述职报告\n/);
    assert.doesNotMatch(String(items[0].documentation), /\$\{|\$0/);
  });

  it('labels the items in English when the messages are in English', function () {
    const items = at('dutyreport', 'dutyreport', 'en');
    assert.equal(items.length, BUILTIN_PROFILES.length);
    assert.deepEqual(
      items.map((i) => i.label),
      BUILTIN_PROFILES.map((p) => `Report outline: ${p.nameEn}`),
    );
    assert.match(items[0].detail!, /^Inserts the standard outline/);
    assert.equal(items[1].filterText, `dutyreport-${BUILTIN_PROFILES[1].id}`);
  });

  it('counts positions in UTF-16 code units after Chinese and astral characters', function () {
    // Front matter and a comment with an astral character (two code units) above; the keyword
    // indented with two ideographic spaces, which the outline must not keep.
    const text = '---\nprofile: 𠮷书记\n---\n<!-- 𠮷 -->\n\n\u3000\u3000述职报告提纲';
    const items = at(text, '述职报告提纲');
    assert.equal(items.length, BUILTIN_PROFILES.length);
    assert.deepEqual(edit(items[0]).range, { start: { line: 5, character: 2 }, end: { line: 5, character: 8 } });
    assert.deepEqual(items[0].additionalTextEdits, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 2 } }, newText: '' }]);
    // Not before the keyword is whole: 述职报告 alone asks for nothing.
    assert.deepEqual(outlineCompletions(doc(text), { line: 5, character: 6 }, () => 'zh'), []);
  });

  it('accepts dutyreport in any case, a -suffix as the snippet prefixes have, and one blank after it', function () {
    assert.equal(at('DutyReport', 'DutyReport')[0].filterText, 'DutyReport-general');
    const suffixed = at('dutyreport-branch', 'dutyreport-branch');
    assert.equal(suffixed.length, BUILTIN_PROFILES.length);
    assert.deepEqual(edit(suffixed[0]).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
    assert.equal(at('述职提纲-机关', '述职提纲-机关').length, BUILTIN_PROFILES.length);
    // An editor that asks on a typed space: the blank is replaced too and is what is filtered on.
    const spaced = at('dutyreport ', 'dutyreport ');
    assert.deepEqual(edit(spaced[0]).range.end, { line: 0, character: 11 });
    assert.equal(spaced[0].filterText, 'dutyreport ');
    assert.deepEqual(at('dutyreport  ', 'dutyreport  '), [], 'two blanks: the writer moved on');
  });

  it('offers nothing in the middle of a sentence that mentions 提纲', function () {
    assert.deepEqual(at('今年的述职提纲', '述职提纲'), []);
    assert.deepEqual(at('我按提纲', '提纲'), []);
    assert.deepEqual(at('- 述职提纲', '述职提纲'), [], 'in a list item');
    assert.deepEqual(at('# 述职提纲', '述职提纲'), [], 'in a heading');
    assert.deepEqual(at('see dutyreport', 'dutyreport'), []);
    assert.deepEqual(at('mydutyreport', 'dutyreport'), []);
    // Text after the cursor on the line: the writer is editing, not asking.
    assert.deepEqual(outlineCompletions(doc('述职提纲要求'), { line: 0, character: 4 }, () => 'zh'), []);
  });

  it('offers the plain word 提纲 only in an otherwise empty draft', function () {
    assert.equal(at('提纲', '提纲').length, BUILTIN_PROFILES.length);
    assert.equal(at('---\nprofile: branch-secretary\n---\n\n<!-- 草稿 -->\n\n提纲\n', '提纲').length, BUILTIN_PROFILES.length, 'front matter and comments do not count');
    assert.deepEqual(at('# 2024年度述职报告\n\n提纲', '提纲'), [], 'a draft with a title');
    assert.deepEqual(at('提纲\n\n各位领导：', '提纲'), [], 'text below counts too');
  });

  it('offers 述职提纲 and dutyreport at the start of a line of its own in a draft with text', function () {
    const draft = '# 2024年度述职报告\n\n各位领导、同志们：\n\n述职提纲\n\n以上述职，请予评议。\n';
    assert.equal(at(draft, '述职提纲').length, BUILTIN_PROFILES.length);
    assert.equal(at(draft.replace('述职提纲', 'dutyreport'), 'dutyreport').length, BUILTIN_PROFILES.length);
    // The second line of a sentence is a line start, but not a paragraph of its own (a line
    // after one that ends a sentence, 。 or ：, is: the checker reads drafts that way).
    assert.deepEqual(at('现将一年来的履职情况\n述职提纲', '述职提纲'), []);
    assert.equal(at('各位领导、同志们：\n述职提纲', '述职提纲').length, BUILTIN_PROFILES.length);
  });

  it('offers nothing in front matter, code, comments or plain text files', function () {
    assert.deepEqual(at('---\n述职提纲\n---\n', '述职提纲'), []);
    assert.deepEqual(at('```\n述职提纲\n```\n', '述职提纲'), []);
    assert.deepEqual(at('~~~~\ndutyreport', 'dutyreport'), [], 'a fence left open runs to the end');
    assert.deepEqual(at('<!--\n述职提纲\n-->\n', '述职提纲'), []);
    assert.deepEqual(at('述职提纲', '述职提纲', 'zh', 'plaintext'), [], 'the outline is Markdown');
  });

  it('reads nothing but the line when the line does not match', function () {
    const never = (): Locale => {
      throw new Error('the locale was looked up');
    };
    // The document's whole text is not read (no split, no scan) for a line that is no keyword.
    const whole = doc('正文。\n'.repeat(20000) + '随便写点t');
    const lineOnly = new Proxy(whole, {
      get(target, prop) {
        if (prop === 'getText') return (range?: unknown) => (range ? target.getText(range as never) : assert.fail('the whole text was read'));
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    assert.deepEqual(outlineCompletions(lineOnly, { line: 20000, character: 5 }, never), []);
    assert.deepEqual(outlineCompletions(lineOnly, { line: 3, character: 0 }, never), []);
    // A line that matches is the only case that looks further.
    assert.throws(() => outlineCompletions(doc('dutyreport'), { line: 0, character: 10 }, never), /locale was looked up/);
  });

  it('has the client ask exactly when a keyword is complete', function () {
    for (const s of ['述职提纲', '提纲', '述职报告提纲', 'dutyreport', 'DUTYREPORT', '\u3000述职提纲']) assert.ok(OUTLINE_KEYWORD_TYPED.test(s), s);
    for (const s of ['述职提', 'dutyrepor', '我的提纲', 'dutyreport-', '述职提纲 ']) assert.ok(!OUTLINE_KEYWORD_TYPED.test(s), s);
  });
});

describe('outline completion over the protocol', function () {
  this.timeout(30000);
  let conn: ProtocolConnection;
  let child: ReturnType<typeof spawn>;

  async function start(locale: string) {
    child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.listen();
    return (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, locale, capabilities: {} })) as {
      capabilities: { completionProvider: { triggerCharacters: string[] } };
    };
  }
  afterEach(async () => {
    await conn.sendRequest('shutdown').catch(() => undefined);
    child.kill();
  });

  const complete = (uri: string, line: number, character: number, triggerCharacter?: string) =>
    conn.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    }) as Promise<CompletionItem[]>;

  it('offers the outlines on the keyword’s last character, in the editor’s language', async function () {
    const init = await start('en');
    for (const ch of ['纲', 't', ' ']) assert.ok(init.capabilities.completionProvider.triggerCharacters.includes(ch), ch);
    await conn.sendNotification('initialized', {});
    const uri = 'untitled:Untitled-1';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '述职提纲' } });
    const items = await complete(uri, 0, 4, '纲');
    assert.equal(items.length, BUILTIN_PROFILES.length);
    assert.equal(items[0].label, 'Report outline: General duty report');
    // A 't' typed in the body: nothing.
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-4', languageId: 'markdown', version: 1, text: '# 述职报告\n\n我在工作上t\n' } });
    assert.deepEqual(await complete('untitled:Untitled-4', 2, 6, 't'), []);
    // A 't' typed in the front matter, or a request by hand there: the front matter's completions.
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-2', languageId: 'markdown', version: 1, text: '---\nt\n---\n' } });
    assert.deepEqual((await complete('untitled:Untitled-2', 1, 1, 't')).map((i) => i.label), ['profile']);
    assert.deepEqual((await complete('untitled:Untitled-2', 1, 1)).map((i) => i.label), ['profile']);
  });

  it('labels in Chinese for a Chinese editor', async function () {
    await start('zh-cn');
    await conn.sendNotification('initialized', {});
    const uri = 'untitled:Untitled-3';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '\ndutyreport' } });
    const items = await complete(uri, 1, 10);
    assert.equal(items[0].label, '述职报告提纲：通用述职报告');
    assert.equal((items[0].textEdit as TextEdit).newText, bodyOf('general'));
  });
});
