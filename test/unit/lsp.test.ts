/**
 * Protocol tests: the bundled server as a separate process over stdio, driven with JSON-RPC the
 * way an editor drives it. Fixture reports in a temporary workspace.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { analyze, BUILTIN_PROFILES } from '../../server/src/core';
import type { ExportWordResponse, ImportWordResponse, ScorecardResponse, SetProfileResponse, StatusParams } from '../../shared/protocol';
import { readDocx } from '../../server/src/node/docx';
import { exportDocx } from '../../server/src/node/export';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', name, 'input.md'), 'utf8');
const SOURCE = '述职报告助手';

class Client {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.wake();
    });
    this.conn.onNotification('dutyReport/status', (p: StatusParams) => {
      this.statuses.push(p);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(p.items);
      return p.items.map((item) => (this.settingsFor ? this.settingsFor(item.scopeUri) : this.settings));
    });
    this.conn.listen();
  }

  settings: unknown = {};
  /** Settings per scope (a folder's URI, or undefined for the window), as VS Code resolves resource settings. */
  settingsFor?: (scopeUri: string | undefined) => unknown;
  readonly configurationRequests: { scopeUri?: string; section?: string }[][] = [];

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  async initialize(folder: string, opts: { documentChanges?: boolean; snippets?: boolean; locale?: string; configuration?: boolean; folders?: string[] } = {}): Promise<Record<string, unknown>> {
    const folders = opts.folders ?? [folder];
    const res = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: folders.map((f, i) => ({ uri: pathToFileURL(f).href, name: `ws${i}` })),
      locale: opts.locale ?? 'zh-cn',
      capabilities: {
        workspace: {
          configuration: opts.configuration ?? false,
          workspaceEdit: { documentChanges: opts.documentChanges ?? true, snippetEditSupport: opts.snippets ?? false },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return res as Record<string, unknown>;
  }

  /** Waits until a publishDiagnostics for `uri` satisfies `pred`; returns it. */
  async diagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 10000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = [...this.published].reverse().find((p) => p.uri === uri && pred(p));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.length]))}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(10, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  async close(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      this.child.on('exit', (code) => resolve(code));
    });
  }

  kill(): void {
    this.conn.dispose();
    this.child.kill();
  }
}

function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const ours = (d: Diagnostic[]) => d.filter((x) => x.source === SOURCE);

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

function editsOf(action: CodeAction, uri: string, version: number): TextEdit[] {
  const dc = action.edit?.documentChanges;
  assert.ok(dc && dc.length === 1, 'edit is versioned documentChanges');
  const change = dc[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.equal(change.textDocument.uri, uri);
  assert.equal(change.textDocument.version, version, 'edit carries the version it was computed for');
  return change.edits;
}

/** The original text is all still there, in order: a fix only inserts (or replaces the flagged phrase). */
function keepsAll(original: string, edited: string): boolean {
  let j = 0;
  for (const ch of original) {
    j = edited.indexOf(ch, j);
    if (j === -1) return false;
    j += ch.length;
  }
  return true;
}

describe('language server over stdio', function () {
  this.timeout(30000);
  const REPORT = fixture('rule-missing-section-positive');
  const README = '# 项目说明\n\n这是一个普通的说明文件，介绍如何安装和使用。\n\n## 安装\n\n- 下载\n- 运行\n\n## 存在的问题\n\n见问题列表。\n';
  let dir: string;
  let client: Client;
  let reportUri: string;
  let readmeUri: string;

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error('server/out/server.js is missing: run node esbuild.js first');
    dir = tempWorkspace({ '2024年述职报告.md': REPORT, 'README.md': README });
    reportUri = pathToFileURL(path.join(dir, '2024年述职报告.md')).href;
    readmeUri = pathToFileURL(path.join(dir, 'README.md')).href;
    client = new Client();
    const init = await client.initialize(dir);
    const caps = init.capabilities as Record<string, unknown>;
    assert.ok(caps.codeActionProvider && caps.hoverProvider && caps.documentSymbolProvider && caps.foldingRangeProvider && caps.completionProvider);
    await client.open(reportUri, REPORT);
    await client.open(readmeUri, README);
  });

  after(async function () {
    if (client && client.child.exitCode === null) client.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes our findings for a report named 述职, with code, docs link and source', async function () {
    const p = await client.diagnostics(reportUri, (x) => x.diagnostics.length > 0);
    assert.equal(p.version, 1);
    const mine = ours(p.diagnostics);
    assert.equal(mine.length, p.diagnostics.length);
    const missing = mine.filter((d) => d.code === 'missing-section');
    assert.equal(missing.length, 2, 'problems and plans are missing');
    for (const d of mine) {
      assert.match(String(d.codeDescription?.href), /^file:.*docs\/rules\/[a-z-]+\.md$/);
      assert.ok(fs.existsSync(new URL(d.codeDescription!.href)), 'the docs page the code links to exists');
    }
    // Same findings, same places as the engine in process (UTF-16 positions on Chinese text).
    const direct = analyze(REPORT, { locale: 'zh' }).findings;
    assert.deepEqual(
      mine.map((d) => [d.code, d.range]),
      direct.map((f) => [f.rule, f.range]),
    );
    assert.equal(mine[0].severity, 1);
  });

  it('gives an ordinary README nothing', async function () {
    const p = await client.diagnostics(readmeUri);
    assert.deepEqual(p.diagnostics, []);
    // The status follows the diagnostics in the same turn.
    await new Promise((r) => setTimeout(r, 100));
    const status = client.statuses.filter((s) => s.uri === readmeUri).pop();
    assert.equal(status?.checked, false);
  });

  it('checks a plain-text report once it reads as one, and gives other plain text nothing', async function () {
    const draft = pathToFileURL(path.join(dir, '年度总结草稿.txt')).href;
    const notes = pathToFileURL(path.join(dir, 'notes.txt')).href;
    // A .txt report as Word's "save as text" writes it: no Markdown, the outline in plain labels.
    const plain = REPORT.replace(/^#+\s*/gm, '');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: draft, languageId: 'plaintext', version: 1, text: plain } });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'plaintext', version: 1, text: '会议记录\n\n明天上午九点开会，带上材料。\n' } });
    const p = await client.diagnostics(draft, (x) => x.diagnostics.length > 0);
    assert.ok(ours(p.diagnostics).some((d) => d.code === 'missing-section'), JSON.stringify(p.diagnostics.map((d) => d.code)));
    assert.deepEqual((await client.diagnostics(notes)).diagnostics, []);
  });

  it('sends a status with 字数, limit and score', async function () {
    const s = client.statuses.filter((x) => x.uri === reportUri).pop();
    assert.ok(s && s.checked);
    const direct = analyze(REPORT);
    assert.equal(s.units, direct.stats.units);
    assert.equal(s.score, direct.score);
    assert.equal(s.tier, direct.tier);
    // The output panel says which files are checked, as what and with which configuration.
    assert.ok(client.logs.some((l) => /^2024年述职报告\.md: 检查 \/ checked \(.*\); 通用述职报告 \[general\]/.test(l)), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => /^README\.md: 未检查 \/ not checked/.test(l)));
  });

  it('answers hover on a finding with the rule, its seed and how to fix it', async function () {
    const p = await client.diagnostics(reportUri, (x) => x.diagnostics.length > 0);
    const d = p.diagnostics.find((x) => x.code === 'missing-section')!;
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: reportUri }, position: d.range.start })) as Hover;
    const value = (h.contents as { value: string }).value;
    // The rule by its Chinese name; its id only in a link's target (the diagnostic code shows it).
    assert.match(value, /缺少部分/);
    assert.doesNotMatch(value.replace(/\]\([^)]*\)/g, ']'), /missing-section/);
    assert.match(value, /依据/);
    assert.match(value, /如何修改/);
    assert.match(value, /只讲成绩、不讲问题/);
  });

  it('lists the Chinese outline as document symbols with role, 字数 and share', async function () {
    const syms = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: reportUri } })) as DocumentSymbol[];
    assert.ok(syms.length >= 1);
    const main = syms.find((s) => s.name.includes('主要工作'))!;
    assert.ok(main, JSON.stringify(syms.map((s) => s.name)));
    assert.match(main.detail!, /^主要工作 · \d+ 字 · \d+%$/);
    assert.equal(main.children!.length, 4);
    assert.match(main.children![0].name, /档案接收进馆/);
    // The selection is the heading line and lies inside the range.
    assert.equal(main.selectionRange.start.line, main.range.start.line);
    const lines = REPORT.split('\n');
    assert.equal(main.selectionRange.end.character, lines[main.range.start.line].length);
  });

  it('puts a lens with role, 字数 and share on each top part, and the profile and score on top', async function () {
    const lenses = (await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: reportUri } })) as { range: { start: { line: number } }; command: { title: string; command: string } }[];
    const direct = analyze(REPORT);
    assert.equal(lenses.length, 1 + direct.stats.sections.length);
    assert.equal(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command.title, new RegExp(`^述职报告助手：通用述职报告.*· ${direct.stats.units} 字 · 得分 ${direct.score}（${direct.tier}）`));
    const top = direct.stats.sections[0];
    assert.equal(lenses[1].range.start.line, top.range.start.line);
    assert.equal(lenses[1].command.title, `主要工作 · ${top.units} 字 · ${Math.round(top.share * 100)}%`);
    assert.equal(lenses[1].command.command, 'dutyReport.showScorecard');
  });

  it('folds each section of the outline', async function () {
    const folds = (await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: reportUri } })) as FoldingRange[];
    const lines = REPORT.split('\n');
    const top = lines.findIndex((l) => l.startsWith('一、主要工作'));
    assert.ok(folds.some((f) => f.startLine === top && f.endLine > top));
    for (const f of folds) assert.ok(f.endLine > f.startLine && f.endLine < lines.length);
  });

  it('offers a quick fix that inserts the missing 存在的问题 part, keeping every character', async function () {
    const p = await client.diagnostics(reportUri, (x) => x.diagnostics.length > 0);
    const d = p.diagnostics.find((x) => x.code === 'missing-section' && /存在的问题|问题/.test(String(x.message)))!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: reportUri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('存在的问题'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    const edited = applyEdits(REPORT, editsOf(fix, reportUri, 1));
    assert.ok(keepsAll(REPORT, edited));
    assert.match(edited, /二、存在的问题/);
    const after = analyze(edited).findings.filter((f) => f.rule === 'missing-section' && f.section === 'problems');
    assert.deepEqual(after, []);
    // Also offered: disable for the line and for the file.
    assert.ok(actions.some((a) => a.title === '本行不再检查“缺少部分”'));
    assert.ok(actions.some((a) => a.title === '本文件不再检查“缺少部分”'));
  });

  it('fix-all inserts every missing part at once, and a second run changes nothing', async function () {
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: reportUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    const once = applyEdits(REPORT, editsOf(actions[0], reportUri, 1));
    assert.ok(keepsAll(REPORT, once));
    assert.deepEqual(
      analyze(once).findings.filter((f) => f.rule === 'missing-section'),
      [],
    );
    // Second run on the fixed text: nothing left to fix.
    const c2 = new Client();
    try {
      await c2.initialize(dir);
      const uri2 = pathToFileURL(path.join(dir, '2024年述职报告-fixed.md')).href;
      await c2.open(uri2, once);
      await c2.diagnostics(uri2);
      const again = (await c2.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri: uri2 },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.deepEqual(again, [], 'fix-all on fixed text offers nothing more');
    } finally {
      await c2.close();
    }
  });

  it('inserts a snippet with tab stops when the client supports snippet edits', async function () {
    const c2 = new Client();
    try {
      await c2.initialize(dir, { snippets: true });
      await c2.open(reportUri, REPORT);
      const p = await c2.diagnostics(reportUri, (x) => x.diagnostics.length > 0);
      const d = p.diagnostics.find((x) => x.code === 'missing-section')!;
      const actions = (await c2.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: reportUri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred)!;
      const edit = (fix.edit!.documentChanges![0] as { edits: { snippet?: { kind: string; value: string } }[] }).edits[0];
      assert.equal(edit.snippet?.kind, 'snippet');
      assert.match(edit.snippet!.value, /\$\{1:/);
    } finally {
      await c2.close();
    }
  });

  it('suggests the lexicon rewrite for a vague phrase, and recomputes on change (debounced)', async function () {
    // A clause without figures: a figure in the same clause would make the phrase concrete.
    const line = REPORT.split('\n').findIndex((l) => l.startsWith('我任县档案馆副馆长'));
    // Five quick keystrokes: only the last version is analysed and published.
    const before = client.published.filter((p) => p.uri === reportUri).length;
    let text = REPORT;
    let version = 1;
    for (const piece of ['进', '一', '步', '加', '强']) {
      version++;
      const pos = { line, character: version - 2 };
      text = TextDocument.applyEdits(TextDocument.create(reportUri, 'markdown', 1, text), [{ range: { start: pos, end: pos }, newText: piece }]);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: reportUri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: piece }] });
    }
    const p = await client.diagnostics(reportUri, (x) => x.version === version);
    const newer = client.published.filter((x) => x.uri === reportUri).slice(before);
    assert.deepEqual(
      newer.map((x) => x.version),
      [version],
      'superseded versions are never analysed',
    );
    const vague = p.diagnostics.find((d) => d.code === 'vague-phrase' && d.range.start.line === line);
    assert.ok(vague, JSON.stringify(p.diagnostics.map((d) => [d.code, d.range.start.line])));
    assert.equal(vague.range.start.character, 0);
    assert.equal(vague.range.end.character, '进一步加强'.length);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: reportUri }, range: vague.range, context: { diagnostics: [vague] } })) as CodeAction[];
    const rewrite = actions.find((a) => a.title.startsWith('改写“进一步加强”'));
    assert.ok(rewrite, JSON.stringify(actions.map((a) => a.title)));
    const edits = editsOf(rewrite, reportUri, version);
    assert.deepEqual(edits[0].range, vague.range);
    assert.match(edits[0].newText, /^【写明/);
    // Disable for this line: a comment at the end of the line silences it.
    const off = actions.find((a) => a.title === '本行不再检查“空话套话”')!;
    const silenced = applyEdits(text, editsOf(off, reportUri, version));
    assert.ok(keepsAll(text, silenced));
    assert.equal(
      analyze(silenced).findings.some((f) => f.rule === 'vague-phrase' && f.range.start.line === line),
      false,
    );
    // Back to the original text for the tests after this one.
    version++;
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: reportUri, version }, contentChanges: [{ text: REPORT }] });
    await client.diagnostics(reportUri, (x) => x.version === version);
  });

  it('returns the scorecard the engine computes, its profile’s thresholds and HTML', async function () {
    const res = (await client.conn.sendRequest('dutyReport/scorecard', { textDocument: { uri: reportUri }, html: true })) as ScorecardResponse;
    assert.equal(res.checked, true);
    const direct = analyze(REPORT);
    assert.equal(res.result!.score, direct.score);
    assert.deepEqual(res.result!.stats, direct.stats);
    assert.deepEqual(res.result!.profile.thresholds, BUILTIN_PROFILES.find((x) => x.id === direct.profile.id)!.thresholds);
    assert.match(res.html!, /dr-card/);
    const readme = (await client.conn.sendRequest('dutyReport/scorecard', { textDocument: { uri: readmeUri } })) as ScorecardResponse;
    assert.equal(readme.checked, false);
    assert.equal(readme.result, undefined);
  });

  it('completes profile ids and names in front matter', async function () {
    const uri = pathToFileURL(path.join(dir, '述职-草稿.md')).href;
    const text = '---\nprofile: \n---\n\n# 述职报告\n';
    await client.open(uri, text);
    const items = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 9 } })) as { label: string }[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('branch-secretary'));
    assert.ok(labels.includes('机关党支部书记述职') || labels.some((l) => /党支部书记/.test(l)), labels.join());
    const outside = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } })) as unknown[];
    assert.deepEqual(outside, []);
  });

  it('sets the profile in front matter only for the version it was asked for', async function () {
    const uri = pathToFileURL(path.join(dir, '述职-profile.md')).href;
    await client.open(uri, '# 2024年述职报告\n\n正文。\n', 3);
    const res = (await client.conn.sendRequest('dutyReport/setProfile', { textDocument: { uri, version: 3 }, profile: 'party-member' })) as SetProfileResponse;
    assert.equal(applyEdits('# 2024年述职报告\n\n正文。\n', res.edits), '---\nprofile: party-member\n---\n# 2024年述职报告\n\n正文。\n');
    const stale = await client.conn.sendRequest('dutyReport/setProfile', { textDocument: { uri, version: 2 }, profile: 'party-member' });
    assert.equal(stale, null);
  });

  it('exports the open draft as a Word file and imports a Word file as a Markdown draft', async function () {
    const exported = (await client.conn.sendRequest('dutyReport/exportWord', { textDocument: { uri: reportUri } })) as ExportWordResponse;
    assert.ok('base64' in exported, JSON.stringify(exported));
    const bytes = Buffer.from(exported.base64, 'base64');
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip package');
    assert.equal(analyze(readDocx(bytes).markdown).score, analyze(REPORT).score);
    const docx = path.join(dir, '张三述职报告.docx');
    fs.writeFileSync(docx, await exportDocx(REPORT));
    const imported = (await client.conn.sendRequest('dutyReport/importWord', { uri: pathToFileURL(docx).href })) as ImportWordResponse;
    assert.ok('markdown' in imported, JSON.stringify(imported));
    assert.match(imported.markdown, /^# 2024年度个人述职报告/);
    const notWord = path.join(dir, 'not-word.docx');
    fs.writeFileSync(notWord, 'plain text, not a zip');
    const refused = (await client.conn.sendRequest('dutyReport/importWord', { uri: pathToFileURL(notWord).href })) as ImportWordResponse;
    assert.ok('error' in refused && /不是 Word 文档/.test(refused.error), JSON.stringify(refused));
  });

  it('offers the outline as a first step on an empty new draft, and nothing on other empty files', async function () {
    const blank = 'untitled:Untitled-1';
    const other = pathToFileURL(path.join(dir, 'notes.md')).href;
    await client.open(blank, '');
    await client.open(other, '');
    const lenses = (await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: blank } })) as { command?: { command: string; title: string } }[];
    assert.equal(lenses.length, 1, JSON.stringify(lenses));
    assert.equal(lenses[0].command?.command, 'dutyReport.insertOutline');
    assert.match(lenses[0].command!.title, /^插入述职报告提纲…（也可直接输入“述职提纲”）$/);
    assert.deepEqual(await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: other } }), []);
  });

  it('turns checking on for a file on request', async function () {
    const uri = pathToFileURL(path.join(dir, 'notes.md')).href;
    await client.open(uri, REPORT.replace('2024年度个人述职报告', '年度小结'));
    const first = await client.diagnostics(uri);
    // Not named 述职 and its title is not a report's: but the outline is recognised only when ≥2 parts; here only one.
    assert.deepEqual(first.diagnostics, []);
    await client.conn.sendNotification('dutyReport/enableFile', { uri, enabled: true });
    const second = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
    assert.ok(ours(second.diagnostics).some((d) => d.code === 'missing-section'));
  });

  it('survives a malformed request and an unknown method', async function () {
    await assert.rejects(client.conn.sendRequest('dutyReport/noSuchThing', {}));
    const res = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
    assert.equal(res, null);
    const sc = await client.conn.sendRequest('dutyReport/scorecard', { textDocument: { uri: 'file:///nowhere.md' } });
    assert.equal(sc, null);
    // Still alive.
    const syms = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: reportUri } });
    assert.ok(Array.isArray(syms));
  });

  it('answers garbage parameters with InvalidParams and goes on working', async function () {
    const bad: [string, unknown][] = [
      ['textDocument/codeAction', { foo: 1 }],
      ['textDocument/codeAction', { textDocument: null, range: null, context: null }],
      ['textDocument/codeAction', { textDocument: { uri: reportUri } }],
      ['textDocument/hover', { textDocument: { uri: reportUri } }],
      ['textDocument/hover', { textDocument: { uri: reportUri }, position: { line: 'x', character: null } }],
      ['textDocument/completion', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
      ['textDocument/documentSymbol', null],
      ['dutyReport/scorecard', { textDocument: {} }],
      ['dutyReport/export', []],
    ];
    for (const [method, params] of bad) {
      await assert.rejects(client.conn.sendRequest(method, params), (e: { code?: number }) => e.code === -32602, `${method} ${JSON.stringify(params)}`);
    }
    // Notifications cannot be answered; they must not take the server down either.
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.md', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('textDocument/didOpen', null);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: {} });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { dutyReport: { files: 7, debounceMs: 'soon', rules: [] } } });
    // An edit of the report still comes back with diagnostics for its version.
    const text = REPORT.replace('。', '，进一步加强学习。');
    const before = client.published.length;
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: reportUri, version: 50 }, contentChanges: [{ text }] });
    const p = await client.diagnostics(reportUri, (x) => x.version === 50);
    assert.ok(client.published.length > before, 'nothing was published');
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      analyze(text).findings.map((f) => f.rule),
    );
    assert.equal(client.child.exitCode, null, 'the server exited');
  });

  it('shuts down cleanly', async function () {
    const code = await client.close();
    assert.equal(code, 0);
  });
});

describe('language server: configuration', function () {
  this.timeout(30000);

  it('points share findings at the parts they are about (related information)', async function () {
    const report = fixture('profile-branch-secretary-poor');
    const dir = tempWorkspace({});
    const client = new Client();
    try {
      await client.initialize(dir);
      const uri = pathToFileURL(path.join(dir, '述职报告.md')).href;
      await client.open(uri, report);
      const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
      const long = p.diagnostics.find((d) => d.code === 'report-too-long')!;
      assert.ok(long, 'the fixture is too long');
      const rel = long.relatedInformation![0];
      assert.equal(rel.location.uri, uri);
      assert.match(rel.message, /最长的部分“.+”：\d+ 字/);
      const line = report.split('\n')[rel.location.range.start.line];
      assert.ok(line.includes(rel.message.split('“')[1].split('”')[0]), 'the range is the heading it names');
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows configuration file errors on that file and applies its valid parts', async function () {
    const report = fixture('rule-vague-phrase-positive');
    const dir = tempWorkspace({ '述职报告.md': report, '.duty-report.json': '{\n  "rules": { "vague-phrase": "off", "no-such-rule": "error" }\n}\n' });
    const client = new Client();
    try {
      await client.initialize(dir);
      const uri = pathToFileURL(path.join(dir, '述职报告.md')).href;
      const cfgUri = pathToFileURL(path.join(dir, '.duty-report.json')).href;
      await client.open(uri, report);
      const p = await client.diagnostics(uri);
      assert.equal(p.diagnostics.some((d) => d.code === 'vague-phrase'), false, 'the file turned vague-phrase off');
      const cfg = await client.diagnostics(cfgUri, (x) => x.diagnostics.length > 0);
      assert.equal(cfg.diagnostics[0].source, SOURCE);
      assert.match(String(cfg.diagnostics[0].message), /no-such-rule/);
      assert.equal(cfg.diagnostics[0].range.start.line, 1);
      // Fix the file: the watcher event clears the problem and vague-phrase stays off.
      fs.writeFileSync(path.join(dir, '.duty-report.json'), '{ "rules": { "vague-phrase": "off" } }\n');
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
      await client.diagnostics(cfgUri, (x) => x.diagnostics.length === 0);
      // And remove it: vague-phrase is back.
      fs.rmSync(path.join(dir, '.duty-report.json'));
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 3 }] });
      await client.diagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'vague-phrase'));
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads editor settings through workspace/configuration: severity, locale, files, enable', async function () {
    const report = fixture('rule-missing-section-positive');
    const dir = tempWorkspace({});
    const client = new Client();
    try {
      client.settings = { rules: { 'missing-section': 'warning' }, locale: 'en', files: ['drafts/**'] };
      await client.initialize(dir, { configuration: true });
      const named = pathToFileURL(path.join(dir, 'drafts', 'a.md')).href;
      await client.open(named, report.replace('2024年度个人述职报告', '年度小结'));
      const p = await client.diagnostics(named, (x) => x.diagnostics.length > 0);
      const d = p.diagnostics.find((x) => x.code === 'missing-section')!;
      assert.equal(d.severity, 2, 'warning from the setting');
      assert.match(String(d.message), /[A-Za-z]{4}/, 'English messages');
      // The status bar follows the findings' language, not the editor's (zh-cn here).
      for (let i = 0; i < 50 && client.statuses.filter((x) => x.uri === named).pop()?.locale !== 'en'; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(client.statuses.filter((x) => x.uri === named).pop()?.locale, 'en');
      client.settings = { enable: false };
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(named, (x) => x.diagnostics.length === 0);
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads each folder's own settings in a multi-root workspace", async function () {
    const report = fixture('rule-missing-section-positive');
    const root = tempWorkspace({ 'quiet/.keep': '', 'strict/.keep': '' });
    const quiet = path.join(root, 'quiet');
    const strict = path.join(root, 'strict');
    const client = new Client();
    try {
      const quietUri = pathToFileURL(quiet).href;
      const strictUri = pathToFileURL(strict).href;
      client.settingsFor = (scope) => (scope === quietUri ? { rules: { 'missing-section': 'off' } } : scope === strictUri ? { locale: 'en' } : {});
      await client.initialize(quiet, { configuration: true, folders: [quiet, strict] });
      const inQuiet = pathToFileURL(path.join(quiet, '述职报告.md')).href;
      const inStrict = pathToFileURL(path.join(strict, '述职报告.md')).href;
      await client.open(inQuiet, report);
      await client.open(inStrict, report);
      // Settings arrive after the opens; wait for the answers made with them.
      await client.diagnostics(inQuiet, (x) => !x.diagnostics.some((d) => d.code === 'missing-section'));
      // The other folder keeps the rule, and reads English as its own settings say.
      await client.diagnostics(inStrict, (x) => x.diagnostics.some((d) => d.code === 'missing-section' && d.severity === 1 && !/[\u4e00-\u9fff]/.test(String(d.message).replace(/“[^”]*”|"[^"]*"|《[^》]*》/g, ''))));
      const scopes = client.configurationRequests.flat().map((i) => i.scopeUri);
      assert.ok(scopes.includes(quietUri) && scopes.includes(strictUri), `asked per folder: ${JSON.stringify(scopes)}`);
    } finally {
      await client.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('uses the configuration file that dutyReport.configFile names (the setting restricted in untrusted workspaces)', async function () {
    const report = fixture('rule-missing-section-positive');
    const dir = tempWorkspace({ 'quiet.json': JSON.stringify({ rules: { 'missing-section': 'off' } }) });
    const client = new Client();
    try {
      client.settings = { configFile: 'quiet.json' };
      await client.initialize(dir, { configuration: true });
      const uri = pathToFileURL(path.join(dir, '述职报告.md')).href;
      await client.open(uri, report);
      // Settings arrive after the open; wait for the answer made with them.
      await client.diagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === 'missing-section'));
      assert.ok(client.logs.some((l) => l.includes('quiet.json')), 'the log names the configuration file in use');
      // Without the setting the same draft lacks its problems part.
      client.settings = {};
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'missing-section'));
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with debounceMs 0 answers each edit at once, and a queued edit still supersedes', async function () {
    const dir = tempWorkspace({});
    const client = new Client();
    client.settings = { debounceMs: 0 };
    try {
      await client.initialize(dir, { configuration: true });
      const uri = pathToFileURL(path.join(dir, '述职报告.md')).href;
      const text = '# 2024年述职报告\n\n一、主要工作\n\n本人全年办理群众诉求12件。\n';
      await client.open(uri, text);
      await client.diagnostics(uri, (x) => x.version === 1);
      const before = client.published.filter((p) => p.uri === uri).length;
      // Three edits sent together: each is answered, or superseded by the one queued after it.
      const line = 4;
      const pieces = ['进一步', '加强', '作风。'];
      let col = 0;
      await Promise.all(
        pieces.map((piece, i) => {
          const pos = { line, character: col };
          col += piece.length;
          return client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: pos, end: pos }, text: piece }] });
        }),
      );
      const last = await client.diagnostics(uri, (x) => x.version === 4);
      const versions = client.published.filter((p) => p.uri === uri).slice(before).map((p) => p.version);
      assert.deepEqual(versions, [...new Set(versions)].sort(), `published in order, each once: ${versions}`);
      assert.equal(versions[versions.length - 1], 4);
      const vague = last.diagnostics.find((d) => d.code === 'vague-phrase');
      assert.ok(vague && vague.range.start.line === line && vague.range.end.character === '进一步加强'.length, JSON.stringify(last.diagnostics));
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const refused: [string, string, RegExp][] = [
    ['a file with NUL characters', '# 2024年述职报告\n\n我完成了工作。\u0000\u0001\u0002PK\u0003\u0004', /NUL/],
    ['a huge file (at once, no hang)', '# 2024年述职报告\n\n' + '我完成了工作。'.repeat(300_000), /文件过大/],
  ];
  for (const [what, text, says] of refused) {
    it(`says why ${what} is not checked`, async function () {
      const dir = tempWorkspace({});
      const client = new Client();
      try {
        await client.initialize(dir);
        const uri = pathToFileURL(path.join(dir, '述职报告.md')).href;
        await client.open(uri, text);
        const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
        assert.equal(p.diagnostics.length, 1);
        assert.match(String(p.diagnostics[0].message), says);
      } finally {
        await client.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
