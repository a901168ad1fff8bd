'use strict';
// Edit-to-diagnostics over stdio: a client that opens a report, then makes one-character
// edits in the middle of it (insert, then delete, so the text stays the same size) and times
// each from sending didChange to the publishDiagnostics for that version.
const { spawn } = require('child_process');
const { pathToFileURL } = require('url');
const path = require('path');
const rpc = require('vscode-jsonrpc/node');
const { median } = require('./measure');

/**
 * Starts `argv` as a stdio language server and measures `edits` round trips after `warmup`.
 * `settings` go in initializationOptions (ours takes debounceMs there).
 */
async function roundTrips(argv, text, { edits, warmup, settings }) {
  const child = spawn(process.execPath, [...argv, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = new Map(); // version -> resolve
  let lastDiagnostics = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    lastDiagnostics = p.diagnostics;
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(performance.now());
    }
  });
  conn.onNotification(() => undefined);
  conn.onRequest(() => null);
  conn.listen();
  const uri = pathToFileURL(path.join(process.cwd(), 'bench-report.md')).href;
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { settings },
    });
    await conn.sendNotification('initialized', {});
    let version = 1;
    const opened = new Promise((r) => waiting.set(version, r));
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    await opened;
    const mid = posAt(text, text.length >> 1);
    const times = [];
    for (let i = 0; i < warmup + edits; i++) {
      version++;
      const insert = i % 2 === 0;
      const change = insert
        ? { range: { start: mid, end: mid }, text: '工' }
        : { range: { start: mid, end: { line: mid.line, character: mid.character + 1 } }, text: '' };
      const done = new Promise((r) => waiting.set(version, r));
      const t0 = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const t1 = await done;
      if (i >= warmup) times.push(t1 - t0);
    }
    await conn.sendRequest('shutdown');
    const exited = new Promise((r) => child.once('exit', r));
    await conn.sendNotification('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    return { ms: median(times), runs: times.length, diagnostics: lastDiagnostics.length, lastDiagnostics };
  } finally {
    conn.dispose();
    child.kill();
  }
}

/** LSP position (UTF-16 code units) of an offset, at a character boundary. */
function posAt(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

module.exports = { roundTrips };
