import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';

/**
 * The language server against raw JSON-RPC, as a careless or broken client would speak it:
 * notifications with wrong types, unknown methods, random parameters, and bytes that break the
 * framing. It must go on answering, or, where the framing is lost, end with a non-zero code so
 * that the client restarts it. Issue 16.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const { generateReport } = require('../../scripts/bench/corpus.js') as { generateReport: (size: number, seed: number) => string };

interface Message {
  jsonrpc: '2.0';
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

class Raw {
  readonly child: ChildProcess;
  readonly received: Message[] = [];
  stderr = '';
  exit: Promise<number | null>;
  private buf = Buffer.alloc(0);

  constructor(env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.child.stdout!.on('data', (d: Buffer) => this.take(d));
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  private take(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const head = this.buf.indexOf('\r\n\r\n');
      if (head === -1) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, head).toString())?.[1]);
      if (this.buf.length < head + 4 + len) return;
      this.received.push(JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString('utf8')));
      this.buf = this.buf.subarray(head + 4 + len);
    }
  }

  write(raw: string | Buffer): void {
    this.child.stdin!.write(raw);
  }

  frame(m: object): Buffer {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  }

  send(m: object): void {
    this.write(this.frame(m));
  }

  async waitFor(pred: (m: Message) => boolean, what: string, ms = 15000): Promise<Message> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.received.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${what}; stderr: ${this.stderr.slice(0, 1000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async initialize(settings: object = {}): Promise<void> {
    this.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings } } });
    await this.waitFor((m) => m.id === 1, 'initialize answer');
    this.send({ method: 'initialized', params: {} });
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      this.send({ id: 99999, method: 'shutdown' });
      this.send({ method: 'exit' });
    }
    return this.exit;
  }
}

const REPORT = '2024年度个人述职报告\n\n一、主要工作\n\n今年我组织支部学习12次，走访群众30户。\n\n二、下步打算\n\n2025年6月底前完成整改。\n';
const URI = 'file:///ws/%E8%BF%B0%E8%81%8C%E6%8A%A5%E5%91%8A.md';

describe('language server against raw JSON-RPC', function () {
  this.timeout(60000);

  it('drops malformed document notifications and goes on answering', async () => {
    const s = new Raw();
    try {
      await s.initialize();
      const bad: object[] = [
        { method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///ws/a-述职报告.md', languageId: 'markdown', version: 1, text: 123 } } },
        { method: 'textDocument/didOpen', params: { textDocument: { uri: 5, languageId: 'markdown', version: 1, text: REPORT } } },
        { method: 'textDocument/didOpen', params: { textDocument: null } },
        { method: 'textDocument/didOpen', params: 'text' },
        { method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: 5 }] } },
        { method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: -1 } }, text: 'x' }] } },
        { method: 'textDocument/didClose', params: {} },
        { method: 'textDocument/didSave', params: { textDocument: {} } },
      ];
      for (const m of bad) s.send(m);
      s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: REPORT } } });
      const pub = await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === URI, 'diagnostics for the good document');
      assert.ok((pub.params as { diagnostics: { code: string }[] }).diagnostics.some((d) => d.code === 'missing-section'));
      s.send({ id: 7, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 0 } } });
      await s.waitFor((m) => m.id === 7, 'hover answer');
      assert.equal(await s.stop(), 0, s.stderr);
      assert.ok(!/TypeError|RangeError/.test(s.stderr), s.stderr);
    } finally {
      s.child.kill();
    }
  });

  it('survives random parameters on every method, known and unknown (fast-check)', async () => {
    const methods = [
      'textDocument/didOpen',
      'textDocument/didChange',
      'textDocument/didClose',
      'textDocument/didSave',
      'textDocument/hover',
      'textDocument/codeAction',
      'textDocument/codeLens',
      'textDocument/completion',
      'textDocument/documentSymbol',
      'textDocument/foldingRange',
      'workspace/didChangeConfiguration',
      'workspace/didChangeWatchedFiles',
      'workspace/didChangeWorkspaceFolders',
      'dutyReport/scorecard',
      'dutyReport/export',
      'dutyReport/profiles',
      'dutyReport/setProfile',
      'dutyReport/enableFile',
      'no/such/method',
      '$/cancelRequest',
    ];
    const message = fc.record({ method: fc.constantFrom(...methods), params: fc.jsonValue({ maxDepth: 4 }), request: fc.boolean() });
    const batches = fc.sample(fc.array(message, { minLength: 20, maxLength: 40 }), { numRuns: 5, seed: Number(process.env.FC_SEED ?? 16) });
    const s = new Raw();
    try {
      await s.initialize();
      let id = 100;
      for (const batch of batches) {
        for (const m of batch) s.send(m.request ? { id: id++, method: m.method, params: m.params } : { method: m.method, params: m.params });
        // Also the same methods with parameters shaped almost right.
        s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'markdown', version: id, text: REPORT } } });
      }
      s.send({ id: 5, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 0 } } });
      await s.waitFor((m) => m.id === 5, 'an answer after the random messages');
      assert.equal(s.child.exitCode, null, `the server ended: ${s.stderr}`);
      assert.equal(await s.stop(), 0);
    } finally {
      s.child.kill();
    }
  });

  for (const [name, bytes] of [
    ['a header without a length', 'Content-Type: application/json\r\n\r\n{}'],
    ['a length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
    ['a body that is not JSON', 'Content-Length: 5\r\n\r\n{"jso'],
  ] as const) {
    it(`ends with a non-zero code after a framing error: ${name}`, async () => {
      const s = new Raw();
      try {
        await s.initialize();
        s.write(bytes);
        const code = await Promise.race([s.exit, new Promise<string>((r) => setTimeout(() => r('still running'), 10000))]);
        assert.equal(code, 1, s.stderr);
        assert.match(s.stderr, /framing error/);
      } finally {
        s.child.kill();
      }
    });
  }

  it('ends with a non-zero code when a message never completes (a length the data never reaches)', async () => {
    const s = new Raw({ DUTY_REPORT_PARTIAL_MESSAGE_MS: '300' });
    try {
      await s.initialize();
      s.write('Content-Length: 99999999\r\n\r\n{"jsonrpc":"2.0"');
      const code = await Promise.race([s.exit, new Promise<string>((r) => setTimeout(() => r('still running'), 10000))]);
      assert.equal(code, 1, s.stderr);
    } finally {
      s.child.kill();
    }
  });

  it('analyses queued edits of a long draft once, not one by one, even with debounceMs 0', async () => {
    // About 600k 字: one analysis takes a good part of a second, so the edits below queue up.
    const text = '# 2024年度述职报告\n\n' + generateReport(600000, 3);
    const s = new Raw();
    try {
      await s.initialize({ debounceMs: 0, files: ['**/*.md'] });
      s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'markdown', version: 1, text } } });
      await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { version?: number }).version === 1, 'the first diagnostics');
      const edits = 20;
      const chunks: Buffer[] = [];
      for (let v = 2; v < 2 + edits; v++) {
        chunks.push(s.frame({ method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '年' }] } }));
      }
      s.write(Buffer.concat(chunks));
      const last = 1 + edits;
      await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { version?: number }).version === last, 'diagnostics of the last version', 60000);
      const published = s.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && ((m.params as { version?: number }).version ?? 0) > 1).length;
      assert.ok(published <= 3, `${published} analyses published for ${edits} queued edits`);
      assert.equal(await s.stop(), 0);
    } finally {
      s.child.kill();
    }
  });
});
