'use strict';
// The language server as a browser bundle (server/out/browserServer.js, for vscode.dev and
// github.dev): loaded in a Web Worker in Chromium, it answers initialize, takes a didOpen and
// publishes our diagnostics and the status, with no Node and no file system behind it.
const assert = require('assert');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const playwright = require('playwright-core');
const { findChromium } = require('./workbench');

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'server', 'out', 'browserServer.js');
const REPORT = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'rule-missing-section-positive', 'input.md'), 'utf8');

// The page: a worker running the bundle, spoken to in JSON-RPC messages as a client would.
const PAGE = `<!doctype html><meta charset="utf-8"><script>
  window.received = [];
  window.worker = new Worker('/browserServer.js');
  window.worker.onmessage = (e) => window.received.push(e.data);
  window.worker.onerror = (e) => window.received.push({ workerError: String(e.message) });
  window.send = (m) => window.worker.postMessage(Object.assign({ jsonrpc: '2.0' }, m));
</script>`;

describe('language server in a browser worker (Chromium)', function () {
  this.timeout(60000);
  let server;
  let context;
  let page;
  let url;

  before(async function () {
    const chromium = findChromium();
    if (!chromium) {
      // As the other editor tests: outside CI a machine without Chromium skips, under CI it fails.
      if (process.env.CI) throw new Error('missing chromium; run test/setup.sh');
      this.skip();
    }
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is built by npm run build`);
    server = http.createServer((req, res) => {
      if (req.url === '/browserServer.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(fs.readFileSync(BUNDLE));
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}/`;
    context = await playwright.chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'dr-browser-')), {
      executablePath: chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
  });

  after(async () => {
    await context?.close().catch(() => {});
    server?.close();
  });

  /** Waits for a message from the worker that satisfies `pred`. */
  async function message(pred, what) {
    const deadline = Date.now() + 20000;
    for (;;) {
      const all = await page.evaluate(() => window.received);
      const err = all.find((m) => m.workerError);
      if (err) throw new Error(`worker error: ${err.workerError}`);
      const hit = all.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${what}; received ${JSON.stringify(all).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('answers initialize with its capabilities', async function () {
    await page.evaluate(() =>
      window.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, workspaceFolders: [{ uri: 'vscode-vfs://github/org/repo', name: 'repo' }], locale: 'zh-cn', capabilities: {} } }),
    );
    const init = await message((m) => m.id === 1, 'initialize answer');
    assert.ok(init.result, JSON.stringify(init));
    assert.strictEqual(init.result.serverInfo.name, 'duty-report-language-server');
    assert.ok(init.result.capabilities.codeActionProvider);
    await page.evaluate(() => window.send({ method: 'initialized', params: {} }));
  });

  it('publishes our findings for a report opened from a virtual workspace', async function () {
    const uri = 'vscode-vfs://github/org/repo/drafts/2024%E5%B9%B4%E8%BF%B0%E8%81%8C%E6%8A%A5%E5%91%8A.md';
    await page.evaluate(({ uri, text }) => window.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } }), { uri, text: REPORT });
    const pub = await message((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 'diagnostics');
    const missing = pub.params.diagnostics.filter((d) => d.source === '述职报告助手' && d.code === 'missing-section');
    assert.ok(missing.length > 0, JSON.stringify(pub.params.diagnostics.map((d) => [d.code, d.message])));
    assert.match(missing[0].message, /缺少/);
    const status = await message((m) => m.method === 'dutyReport/status' && m.params.uri === uri, 'status');
    assert.strictEqual(status.params.checked, true);
    assert.ok(status.params.units > 0);
  });

  it('answers a request on the open document (hover on a finding)', async function () {
    const uri = 'vscode-vfs://github/org/repo/drafts/2024%E5%B9%B4%E8%BF%B0%E8%81%8C%E6%8A%A5%E5%91%8A.md';
    const pub = await message((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 'diagnostics');
    const at = pub.params.diagnostics[0].range.start;
    await page.evaluate(({ uri, at }) => window.send({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: at } }), { uri, at });
    const hover = await message((m) => m.id === 2, 'hover answer');
    assert.ok(hover.result && /述职报告助手/.test(hover.result.contents.value), JSON.stringify(hover));
  });
});
