// Neovim as a second, real LSP client (shared TESTING.md, section 2): runs test/nvim/client.lua
// in a headless Neovim against the bundled server and checks what Neovim received.
// Run from the project root after `node esbuild.js`.
'use strict';

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const CORE = path.join(ROOT, 'server', 'out', 'core.js');
const CLIENT = path.join(__dirname, 'client.lua');
// Achievements only: no 存在问题 and no 下步打算 part.
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'rule-missing-section-positive', 'input.md');
// Its "一、主要工作" heading is line 6 (0-based): missing parts are pinned to that title, after 一、.
const HEADING_LINE = 6;
// A paragraph with two characters outside the BMP before a vague phrase: each is two UTF-16
// code units, so a server counting code points or bytes would put the underline elsewhere.
const WIDE_LINE = '（五）征集工作。我走访了𠮷𠮷村的老党员，圆满完成了各项任务。';
const SOURCE = '述职报告助手';
const RUN_LIMIT_MS = 25000;

function nvimVersion() {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** Runs the Lua client in its own process group, so a hang cannot leave nvim or node behind. */
function runClient(env) {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${CLIENT}`], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, RUN_LIMIT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('Neovim 0.7+ as an LSP client (test/nvim/client.lua)', function () {
  this.timeout(30000);

  let run;
  let records;
  let reportText;

  before(async function () {
    const version = nvimVersion();
    if (!version) {
      if (process.env.CI) {
        throw new Error('找不到 nvim：请安装 Debian 的 neovim（apt-get install neovim，或运行 test/setup.sh）/ nvim is not on PATH: install Debian\'s neovim');
      }
      console.log('    (跳过：没有 nvim，请安装 Debian 的 neovim / skipped: install Debian\'s neovim to run this)');
      this.skip();
    }
    assert.ok(fs.existsSync(SERVER), `先构建 / build first: node esbuild.js (${path.relative(ROOT, SERVER)} is missing)`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-nvim-'));
    reportText = fs.readFileSync(FIXTURE, 'utf8').replace('\n\n以上述职', `\n\n${WIDE_LINE}\n\n以上述职`);
    assert.ok(reportText.includes(WIDE_LINE), 'the fixture still has its closing line');
    const report = path.join(dir, '2024年述职报告.md');
    const plain = path.join(dir, 'README.md');
    const out = path.join(dir, 'result.jsonl');
    fs.writeFileSync(report, reportText);
    fs.writeFileSync(plain, '# 项目说明\n\n这是一个示例仓库，用来存放会议纪要和通知。\n\n## 安装\n\n```sh\nnpm ci\n```\n');

    run = await runClient({ DUTY_REPORT_SERVER: SERVER, DUTY_REPORT_FILE: report, DUTY_REPORT_PLAIN: plain, DUTY_REPORT_OUT: out });
    const text = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : run.stdout;
    records = text
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lsp = (file) => records.filter((r) => r.kind === 'lsp' && r.file === file).map((r) => r.diagnostic);
  const vim = (file) => records.filter((r) => r.kind === 'vim' && r.file === file).map((r) => r.diagnostic);
  const explain = () => `exit ${run.code}${run.signal ? ' ' + run.signal : ''}\n${records.map((r) => JSON.stringify(r)).join('\n')}\n${run.stderr}`;

  it(`${version0()}exits 0 after the report got diagnostics from ${SOURCE}`, () => {
    assert.equal(run.code, 0, explain());
    const summary = records.find((r) => r.kind === 'summary');
    assert.ok(summary, explain());
    assert.ok(summary.report > 0, explain());
    assert.equal(summary.offset_encoding, 'utf-16');
    for (const d of lsp('report')) {
      assert.equal(d.source, SOURCE);
      assert.equal(typeof d.code, 'string');
    }
  });

  it('reports the missing 存在问题 part on the 一、主要工作 heading', () => {
    const { analyze } = require(CORE);
    const want = analyze(reportText).findings.find((f) => f.rule === 'missing-section' && f.section === 'problems');
    assert.ok(want, 'the engine itself finds the missing problems part');
    assert.deepEqual(want.range, { start: { line: HEADING_LINE, character: 2 }, end: { line: HEADING_LINE, character: 6 } });
    const got = lsp('report').find((d) => d.code === 'missing-section' && d.message === want.message);
    assert.ok(got, explain());
    assert.deepEqual(got.range, want.range);
    assert.equal(got.severity, 1); // Error
  });

  it('sends UTF-16 columns, which Neovim turns into the right byte columns', () => {
    const lines = reportText.split('\n');
    const line = lines.indexOf(WIDE_LINE);
    const character = WIDE_LINE.indexOf('圆满完成'); // a JS string index is a UTF-16 column
    assert.equal(character, 22);
    const got = lsp('report').find((d) => d.code === 'vague-phrase' && d.range.start.line === line);
    assert.ok(got, explain());
    assert.deepEqual(got.range, { start: { line, character }, end: { line, character: character + 4 } });
    const placed = vim('report').find((d) => d.code === 'vague-phrase' && d.lnum === line);
    assert.ok(placed, explain());
    assert.equal(placed.col, Buffer.byteLength(WIDE_LINE.slice(0, character)));
    assert.equal(placed.end_col, Buffer.byteLength(WIDE_LINE.slice(0, character + 4)));
    // And every finding of the engine arrives where the engine put it.
    const { analyze } = require(CORE);
    for (const f of analyze(reportText).findings) {
      assert.ok(
        lsp('report').some((d) => d.code === f.rule && isDeepStrictEqual(d.range, f.range)),
        `${f.rule} at ${JSON.stringify(f.range)}\n${explain()}`,
      );
    }
  });

  it('leaves an ordinary README.md alone', () => {
    assert.deepEqual(
      lsp('plain').filter((d) => d.source === SOURCE),
      [],
    );
    assert.deepEqual(
      vim('plain').filter((d) => d.source === SOURCE),
      [],
    );
    assert.equal(records.find((r) => r.kind === 'summary').plain, 0);
  });
});

/** The Neovim version in the first test's title, so a CI log says which one ran. */
function version0() {
  const v = nvimVersion();
  return v ? `${v}: ` : '';
}
