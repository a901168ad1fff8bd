/**
 * The reviewer's batch at its edges (issue 16): an output that would touch an input, runs whose
 * files are refused, paths that loop or cannot be read, pipes and devices, a reader that stops
 * early, files that are not reports, checks switched off in a draft, and bidi controls.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sarifValidator as compileSarifSchema } from './sarifSchema';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'duty-report.js');

/** A report with an error finding (no 问题 part): exit code 1 when checked alone. */
const REPORT = `# 2023年度个人述职报告

各位领导、同志们：

## 一、主要工作

一是抓学习。全年组织支部集中学习24次，本人讲党课4次。

## 二、下步打算

2024年3月底前，本人牵头制定支部学习计划，每月组织1次集中学习。
`;

/** Not a report: a project README, as found in any shared folder. */
const README = `# 使用说明

本文件夹存放各支部的材料。请把文件按支部名称命名。

## 目录

- 材料一
- 材料二

更多问题请联系办公室。
`;

/** A report whose draft switched checks off: one with a reason, one without. */
const WAIVED = `# 2023年度个人述职报告

## 一、主要工作

<!-- duty-report-disable-next-line vague-phrase -- 理由：原文引用上级通报 -->
本人圆满完成了任务。

本人全年组织学习24次。

## 二、存在问题

本人学习不够深入，全年只读书3本。

## 三、下步打算

<!-- duty-report-disable vague-phrase -->
本人圆满完成了任务。本人圆满完成了任务。

2024年3月底前，本人制定学习计划。
`;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, args: string[], options: { timeout?: number; prefix?: string[]; bin?: string } = {}): Run {
  const [cmd, ...pre] = options.prefix ?? [process.execPath];
  const bin = options.bin ?? BIN;
  const argv = options.prefix ? [...pre, process.execPath, bin, ...args] : [bin, ...args];
  const r = spawnSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DUTY_REPORT_DEBUG: '' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeout ?? 60_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function write(dir: string, rel: string, content: string | Buffer): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

interface JsonOut {
  files: { path: string; score: number; waivers?: { kind: string; rules: string[]; line: number; reason?: string; hidden: number }[] }[];
  skipped: { path: string; reason: string }[];
  unrecognised: string[];
}

/**
 * The built CLI copied under `dir` (readable by everyone), for a run as nobody: the checkout
 * itself may sit in a folder only its owner can enter (a mktemp -d clone).
 */
function publicCli(dir: string): string {
  for (const rel of ['bin/duty-report.js', 'server/out/cli.js', 'server/out/worker.js']) {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true, mode: 0o755 });
    fs.copyFileSync(path.join(ROOT, rel), path.join(dir, rel));
  }
  return path.join(dir, 'bin/duty-report.js');
}

/**
 * How to run the CLI as a user the file modes apply to. As root, chmod 000 stops nothing, so the
 * CLI runs as nobody through setpriv where there is one; undefined when neither works.
 */
function unprivileged(): string[] | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return [];
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
  return probe.status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined;
}

describe('cli: the reviewer batch at its edges', function () {
  this.timeout(120_000);
  let tmp: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'server/out/cli.js')), 'run node esbuild.js first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-batch-'));
    // Readable by nobody too (the unreadable-folder tests run the CLI as nobody when root).
    fs.chmodSync(tmp, 0o755);
  });

  after(() => {
    for (const dir of ['locked/secret', 'named/locked']) {
      if (fs.existsSync(path.join(tmp, dir))) fs.chmodSync(path.join(tmp, dir), 0o755);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('output never touches an input', () => {
    it('refuses --output naming the report checked, and leaves the report as it was', () => {
      const file = write(tmp, 'same/述职报告.md', REPORT);
      const r = run(tmp, ['check', 'same/述职报告.md', '--output', 'same/述职报告.md']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /输出文件 same\/述职报告\.md 就是要检查的文件，不会覆盖它[\s\S]*the output same\/述职报告\.md is one of the files to check/);
      assert.equal(r.stdout, '');
      assert.equal(fs.readFileSync(file, 'utf8'), REPORT);
      // Also through another spelling of the path, and a link to it.
      fs.symlinkSync('述职报告.md', path.join(tmp, 'same/link.md'));
      for (const output of ['./same/../same/述职报告.md', 'same/link.md']) {
        assert.equal(run(tmp, ['check', 'same/述职报告.md', '--output', output]).status, 2, output);
      }
      assert.equal(fs.readFileSync(file, 'utf8'), REPORT);
    });

    it('refuses a summary with a checked extension inside a checked folder; another extension is fine', () => {
      write(tmp, 'dir/a.md', REPORT);
      const r = run(tmp, ['check', 'dir', '--output', 'dir/汇总.md']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /输出文件 dir\/汇总\.md 在要检查的文件夹 dir 里[\s\S]*inside the checked folder dir/);
      assert.ok(!fs.existsSync(path.join(tmp, 'dir/汇总.md')));
      for (const name of ['sub/汇总.txt', '汇总.DOCX']) assert.equal(run(tmp, ['check', 'dir', '--output', `dir/${name}`]).status, 2, name);
      const ok = run(tmp, ['check', 'dir', '--format', 'json', '--output', 'dir/汇总.json']);
      assert.equal(ok.status, 1, ok.stderr);
      assert.ok(fs.existsSync(path.join(tmp, 'dir/汇总.json')));
      fs.rmSync(path.join(tmp, 'dir/汇总.json'));
    });

    it('leaves the old output file whole when a write fails, and no temporary file behind', () => {
      write(tmp, 'full/a.md', REPORT);
      const old = '上次的结果\n'.repeat(20);
      const out = write(tmp, 'results/out.json', old);
      // A file-size limit of 1 KB: the JSON results are larger, so the write fails with EFBIG.
      const r = run(tmp, ['check', 'full', '--format', 'json', '--output', 'results/out.json'], { prefix: ['sh', '-c', 'ulimit -f 2; exec "$@"', 'sh'] });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(fs.readFileSync(out, 'utf8'), old);
      assert.deepEqual(fs.readdirSync(path.join(tmp, 'results')), ['out.json']);
      assert.match(r.stderr, /无法写入 results\/out\.json：.*原有的文件保持不变/);
      // Without the limit, the same run replaces it.
      assert.equal(run(tmp, ['check', 'full', '--format', 'json', '--output', 'results/out.json']).status, 1);
      assert.match(fs.readFileSync(out, 'utf8'), /"path":"full\/a\.md"/);
    });
  });

  describe('exit codes and SARIF tell the truth', () => {
    before(() => {
      write(tmp, 'refused/gb.md', Buffer.from([0x23, 0x20, 0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x0a]));
      write(tmp, 'refused/binary.txt', Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02, 0x0a]));
      write(tmp, 'refused/broken.docx', Buffer.from('PK\x03\x04 not really'));
    });

    it('a folder whose every file is refused exits 2, and SARIF says the run did not succeed', () => {
      const r = run(tmp, ['check', '--format', 'sarif', 'refused']);
      assert.equal(r.status, 2, r.stderr);
      const log: any = JSON.parse(r.stdout);
      const validate = compileSarifSchema(ROOT);
      assert.ok(validate(log as object), JSON.stringify(validate.errors, null, 2));
      const inv = log.runs[0].invocations[0];
      assert.equal(inv.executionSuccessful, false);
      const notes = inv.toolExecutionNotifications.map((n: any) => [n.locations[0].physicalLocation.artifactLocation.uri, n.level, n.descriptor.id]);
      assert.deepEqual(notes, [
        ['refused/binary.txt', 'error', 'file-skipped'],
        ['refused/broken.docx', 'error', 'file-skipped'],
        ['refused/gb.md', 'error', 'file-skipped'],
      ]);
      assert.deepEqual(log.runs[0].results, []);
    });

    it('one refused file among reports: the others are checked, listed in text and JSON, and the code is 2', () => {
      write(tmp, 'some/a.md', REPORT);
      fs.copyFileSync(path.join(tmp, 'refused/binary.txt'), path.join(tmp, 'some/binary.txt'));
      const text = run(tmp, ['check', 'some']);
      assert.equal(text.status, 2, text.stderr);
      assert.match(text.stdout, /^some\/binary\.txt {2}已跳过：文件含 NUL 字节/m);
      assert.match(text.stdout, /^共 1 个文件：.*；跳过 1 个文件。$/m);
      const json = JSON.parse(run(tmp, ['check', '--format', 'json', 'some']).stdout) as JsonOut;
      assert.deepEqual(json.files.map((f) => f.path), ['some/a.md']);
      assert.deepEqual(json.skipped.map((s) => s.path), ['some/binary.txt']);
      assert.match(json.skipped[0].reason, /NUL/);
    });

    it('piped into a reader that stops early, ends quietly with the code of the run', async function () {
      for (let i = 0; i < 30; i++) write(tmp, `pipe/r${String(i).padStart(2, '0')}.md`, REPORT.replace('24次', `${24 + i}次`));
      const full = run(tmp, ['check', 'pipe']);
      assert.equal(full.status, 1);
      // Our end of the pipe closed before the CLI writes a byte: every write it makes fails with EPIPE.
      const child = spawn(process.execPath, [BIN, 'check', '--format', 'json', 'pipe'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.equal(code, 1, stderr);
      assert.doesNotMatch(stderr, /EPIPE|内部错误|internal error|\n\s+at /);
      // And as a shell runs it.
      const sh = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check pipe | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: tmp, encoding: 'utf8' });
      assert.equal(sh.stdout, 'pipe/r00.md\n');
      assert.match(sh.stderr, /status 1\n$/);
      assert.doesNotMatch(sh.stderr, /EPIPE|Error/);
    });
  });

  describe('one bad path never stops the batch', () => {
    it('a looping link, found in a folder or named, is skipped with its reason and the rest is checked', () => {
      write(tmp, 'loop/good.md', REPORT);
      fs.symlinkSync('loop.md', path.join(tmp, 'loop/loop.md'));
      for (const args of [['loop'], ['loop/good.md', 'loop/loop.md']]) {
        const r = run(tmp, ['check', '--format', 'json', ...args]);
        assert.equal(r.status, 2, r.stderr);
        assert.doesNotMatch(r.stderr, /内部错误|internal error/);
        const out = JSON.parse(r.stdout) as JsonOut;
        assert.deepEqual(out.files.map((f) => f.path), ['loop/good.md']);
        assert.deepEqual(out.skipped.map((s) => s.path), ['loop/loop.md']);
        assert.match(out.skipped[0].reason, /符号链接绕回自身/);
      }
    });

    it('an unreadable subfolder and a file named under an unreadable folder are skipped, the rest checked', function () {
      const as = unprivileged();
      if (!as) this.skip();
      write(tmp, 'locked/good.md', REPORT);
      write(tmp, 'locked/secret/hidden.md', REPORT);
      write(tmp, 'named/ok.md', REPORT);
      write(tmp, 'named/locked/inside.md', REPORT);
      fs.chmodSync(path.join(tmp, 'locked/secret'), 0o000);
      fs.chmodSync(path.join(tmp, 'named/locked'), 0o000);
      // Running as nobody, chmod must really lock nobody out; otherwise this machine cannot test it.
      const check = spawnSync(as.length ? as[0] : 'ls', as.length ? [...as.slice(1), 'ls', path.join(tmp, 'locked/secret')] : [path.join(tmp, 'locked/secret')]);
      if (check.status === 0) this.skip();

      const bin = as.length ? publicCli(path.join(tmp, '.cli')) : BIN;
      const folder = run(tmp, ['check', '--format', 'json', 'locked'], { prefix: as.length ? as : undefined, bin });
      assert.equal(folder.status, 2, folder.stderr);
      let out = JSON.parse(folder.stdout) as JsonOut;
      assert.deepEqual(out.files.map((f) => f.path), ['locked/good.md']);
      assert.deepEqual(out.skipped, [{ path: 'locked/secret/', reason: '无法读取文件夹：没有读取权限' }]);

      const named = run(tmp, ['check', '--format', 'json', 'named/ok.md', 'named/locked/inside.md'], { prefix: as.length ? as : undefined, bin });
      assert.equal(named.status, 2, named.stderr);
      assert.doesNotMatch(named.stderr, /内部错误|internal error/);
      out = JSON.parse(named.stdout) as JsonOut;
      assert.deepEqual(out.files.map((f) => f.path), ['named/ok.md']);
      assert.deepEqual(out.skipped, [{ path: 'named/locked/inside.md', reason: '无法读取文件：没有读取权限' }]);
    });

    it('refuses /dev/zero and a named pipe at once instead of reading them forever', function () {
      if (process.platform === 'win32') this.skip();
      write(tmp, 'dev/ok.md', REPORT);
      const fifo = path.join(tmp, 'dev/pipe.md');
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
      const started = Date.now();
      const r = run(tmp, ['check', '--format', 'json', 'dev/ok.md', '/dev/zero', 'dev/pipe.md'], { timeout: 20_000 });
      assert.equal(r.signal, null, 'ended by itself');
      assert.ok(Date.now() - started < 15_000);
      assert.equal(r.status, 2, r.stderr);
      const out = JSON.parse(r.stdout) as JsonOut;
      assert.deepEqual(out.files.map((f) => f.path), ['dev/ok.md']);
      assert.equal(out.skipped.length, 2);
      for (const s of out.skipped) assert.equal(s.reason, '不是普通文件（管道、设备或套接字），未读取', s.path);
      // A pipe found in a folder search is refused as well.
      const search = run(tmp, ['check', '--format', 'json', 'dev'], { timeout: 20_000 });
      assert.equal(search.status, 2);
      assert.deepEqual((JSON.parse(search.stdout) as JsonOut).skipped.map((s) => s.path), ['dev/pipe.md']);
    });
  });

  describe('files that are not reports', () => {
    before(() => {
      write(tmp, 'office/张三述职报告.md', REPORT);
      write(tmp, 'office/README.md', README);
    });

    it('lists an unrelated README found in a folder as not recognised, and keeps it out of the results', () => {
      const r = run(tmp, ['check', 'office']);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^office\/README\.md {2}未识别为述职报告，未评分$/m);
      assert.match(r.stdout, /^共 1 个文件：.*；1 个文件未识别为述职报告，未评分。$/m);
      assert.doesNotMatch(r.stdout, /^office\/README\.md:\d+:\d+/m);
      assert.match(r.stderr, /1 个文件未识别为述职报告，未评分；要检查它们，请直接写出文件名或加 --all/);
      const json = JSON.parse(run(tmp, ['check', '--format', 'json', 'office']).stdout) as JsonOut;
      assert.deepEqual(json.files.map((f) => f.path), ['office/张三述职报告.md']);
      assert.deepEqual(json.unrecognised, ['office/README.md']);
      const en = run(tmp, ['check', '--locale', 'en', 'office']).stdout;
      assert.match(en, /^office\/README\.md {2}not recognised as a report, not scored$/m);
      const log = JSON.parse(run(tmp, ['check', '--format', 'sarif', 'office']).stdout);
      assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
      assert.deepEqual(
        log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => [n.level, n.descriptor.id, n.locations[0].physicalLocation.artifactLocation.uri]),
        [['note', 'not-a-report', 'office/README.md']],
      );
      assert.deepEqual(log.runs[0].artifacts.map((a: any) => a.location.uri), [encodeURI('office/张三述职报告.md')]);
    });

    it('checks it with --all, and when it is named', () => {
      for (const args of [['--all', 'office'], ['office', 'office/README.md']]) {
        const json = JSON.parse(run(tmp, ['check', '--format', 'json', ...args]).stdout) as JsonOut;
        assert.deepEqual(json.files.map((f) => f.path).sort(), ['office/README.md', 'office/张三述职报告.md'], args.join(' '));
        assert.deepEqual(json.unrecognised, []);
      }
    });
  });

  describe('checks switched off in the draft', () => {
    it('are shown in text, kept in JSON and listed in SARIF, with their reasons or the lack of one', () => {
      write(tmp, 'waived/述职报告.md', WAIVED);
      const text = run(tmp, ['check', 'waived']).stdout;
      assert.match(text, /^ {2}已关闭检查：第5行 空话套话（下一行；理由：原文引用上级通报），隐去 1 条$/m);
      assert.match(text, /^ {2}已关闭检查：第16行 空话套话（此后全文；未写理由），隐去 2 条$/m);
      assert.match(text, /；2 处关闭了检查，隐去 3 条。$/m);
      const en = run(tmp, ['check', '--locale', 'en', 'waived']).stdout;
      assert.match(en, /^ {2}checks switched off: line 5 Vague or formulaic phrase \(next line; reason: 原文引用上级通报\), 1 finding hidden$/m);
      assert.match(en, /^ {2}checks switched off: line 16 Vague or formulaic phrase \(from here on; no reason given\), 2 findings hidden$/m);

      const json = JSON.parse(run(tmp, ['check', '--format', 'json', 'waived']).stdout) as JsonOut;
      assert.deepEqual(json.files[0].waivers, [
        { kind: 'disable-next-line', rules: ['vague-phrase'], line: 4, reason: '原文引用上级通报', hidden: 1 },
        { kind: 'disable', rules: ['vague-phrase'], line: 15, hidden: 2 },
      ]);

      const log: any = JSON.parse(run(tmp, ['check', '--format', 'sarif', 'waived']).stdout);
      const validate = compileSarifSchema(ROOT);
      assert.ok(validate(log as object), JSON.stringify(validate.errors, null, 2));
      assert.deepEqual(log.runs[0].artifacts[0].properties.waivers.map((w: any) => [w.startLine, w.hidden]), [
        [5, 1],
        [16, 2],
      ]);
      const notes = log.runs[0].invocations[0].toolConfigurationNotifications;
      assert.deepEqual(
        notes.map((n: any) => [n.descriptor.id, n.level, n.locations[0].physicalLocation.region.startLine]),
        [
          ['waiver', 'note', 5],
          ['waiver', 'warning', 16],
        ],
      );
      assert.ok(log.runs[0].results.some((r: any) => r.ruleId === 'waiver-without-reason'), 'the waiver without a reason is also a finding');
    });
  });

  describe('bidi controls', () => {
    it('show visibly in text output, in file names and in report text, never raw', () => {
      const name = 'bidi/张三\u202Etxt.md';
      write(tmp, name, REPORT.replace('# 2023年度个人述职报告', '# 2023年度个人述职报告\u2067') + '\n本人\u202E圆满完成了任务。\n');
      const r = run(tmp, ['check', 'bidi']);
      assert.match(r.stdout, /^bidi\/张三<U\+202E>txt\.md$/m);
      for (const stream of [r.stdout, r.stderr]) assert.doesNotMatch(stream, /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
      const skipped = run(tmp, ['check', 'bidi', '/no/such/dir/\u202Ex.md']);
      assert.doesNotMatch(skipped.stderr, /[\u202a-\u202e]/);
    });
  });
});
