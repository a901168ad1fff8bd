import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROFILE_IDS, RULES } from '../../server/src/core';
import type { AnalysisResult } from '../../server/src/core/types';
import { workerCount } from '../../server/src/cli/pool';
import { FORMATS } from '../../server/src/format';
import { scorecardCssHash } from '../../server/src/render/html';
import { escapeHtml, scorecardCsp } from '../../shared/html';
import { sarifValidator as compileSarifSchema } from './sarifSchema';

// Tests run from test/out (bundled); the repository root is two folders up.
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'duty-report.js');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** A report that lists achievements and plans but has no 问题 part at all. */
const NO_PROBLEMS = `# 2023年度个人述职报告

各位领导、同志们：

现将本人一年来履职情况报告如下。

## 一、主要工作

一是抓学习。全年组织支部集中学习24次，本人讲党课4次。

二是抓业务。本人牵头完成办公楼改造项目，节约资金12万元。

## 二、下步打算

2024年3月底前，本人牵头制定支部学习计划，每月组织1次集中学习。

以上述职，请予评议。
`;

/** A report in the outline of seed 003: 主要工作, 存在问题, 原因, 下步打算, with figures and owners. */
const CLEAN = `# 2023年度机关第一党支部书记述职报告

各位领导、同志们：

## 一、主要工作

本人作为支部书记，全年主持召开支委会12次、党员大会4次，讲党课3次；组织“三会一课”48次，党员参学率98%。6月牵头完成档案室改造并通过验收。

## 二、存在问题

一是本人理论学习不够系统，全年自学笔记仅1.2万字，对《条例》第三章理解不深。二是本人对青年党员关心不够，全年只与3名青年党员谈心。三是支部组织生活形式单一，12次主题党日中有9次是集中读文件。

## 三、原因分析

主观上，本人对理论学习重视不够，存在重业务轻党建的思想，安排支部活动图省事；客观上，年内业务任务较重。

## 四、下步打算

一是2024年3月底前，本人制定个人学习计划，每月自学不少于2万字。二是本人每季度与青年党员谈心不少于5人次。三是6月底前，由本人带队组织2次现场教学。

以上述职，请予评议。
`;

const HOSTILE_TITLE = '<script>alert(1)</script>';
const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
const HOSTILE = `# ${HOSTILE_TITLE}

## 一、主要工作${HOSTILE_IMG}

本人全年组织学习24次。${HOSTILE_IMG}

## 二、存在问题

本人学习不够深入。

## 三、下步打算

本人3月底前制定计划。
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DUTY_REPORT_DEBUG: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFile extends AnalysisResult {
  path: string;
  format: 'markdown' | 'text';
  encoding: string;
}
interface JsonOut {
  version: number;
  files: JsonFile[];
  skipped: { path: string; reason: string }[];
}

function json(r: Run): JsonOut {
  return JSON.parse(r.stdout) as JsonOut;
}

/** Text output lines of findings: `path:line:col  severity  rule  message`. */
const FINDING_LINE = /^(.+):(\d+):(\d+) {2}(错误|警告|提示|建议|error|warning|info|hint) {2}([a-z][a-z0-9-]*) {2}(.+)$/;

function write(dir: string, rel: string, content: string | Buffer): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('cli (bin/duty-report.js)', function () {
  this.timeout(60_000);
  let tmp: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'server/out/cli.js')), 'run node esbuild.js first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-cli-'));
    write(tmp, 'one/no-problems.md', NO_PROBLEMS);
    write(tmp, 'one/clean.md', CLEAN);
    write(tmp, 'mixed/a-no-problems.md', NO_PROBLEMS);
    write(tmp, 'mixed/b-clean.md', CLEAN);
    write(tmp, 'mixed/报告 二#1.md', CLEAN);
    write(tmp, 'mixed/binary.md', Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02, 0x0a]));
    // "# Résumé" in Latin-1: neither UTF-8 nor GB18030 (E9 0A is no GB18030 pair).
    write(tmp, 'mixed/latin1.md', Buffer.from([0x23, 0x20, 0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x0a]));
    write(tmp, 'mixed/node_modules/dep/readme.md', NO_PROBLEMS);
    write(tmp, 'mixed/.hidden/draft.md', NO_PROBLEMS);
    write(tmp, 'mixed/notes.txt', NO_PROBLEMS);
    write(tmp, 'bom/with-bom.md', '\ufeff' + NO_PROBLEMS);
    write(tmp, 'bom/without-bom.md', NO_PROBLEMS);
    // Notepad's "Unicode" (UTF-16 LE with a BOM) and its big-endian twin.
    fs.mkdirSync(path.join(tmp, 'utf16'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'utf16', 'le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NO_PROBLEMS, 'utf16le')]));
    fs.writeFileSync(path.join(tmp, 'utf16', 'be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NO_PROBLEMS, 'utf16le').swap16()]));
    write(tmp, `hostile/${HOSTILE_IMG}.md`, HOSTILE);
    write(tmp, 'hostile/clean.md', CLEAN);
    for (let i = 0; i < 20; i++) {
      const n = String(i).padStart(2, '0');
      // Vary the figures so each file is distinct, and mix the two kinds so results differ.
      const text = (i % 2 ? CLEAN : NO_PROBLEMS).replace(/24次/g, `${24 + i}次`).replace(/12次/g, `${12 + i}次`);
      write(tmp, `many/r${n}.md`, text);
    }
    write(tmp, 'badconfig/.duty-report.json', '{ "rules": { "vague-phrase": ');
    write(tmp, 'badconfig/report.md', CLEAN);
    write(tmp, 'broken.json', '{ "profile": ');
    write(tmp, 'empty/notes.rtf', 'nothing here');
  });

  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('usage', () => {
    it('prints Chinese help first, English second, and exits 0', () => {
      const r = run(tmp, ['--help']);
      assert.equal(r.status, 0);
      const zh = r.stdout.indexOf('用法：duty-report check');
      const en = r.stdout.indexOf('Usage: duty-report check');
      assert.ok(zh >= 0 && en > zh, r.stdout);
      for (const opt of ['--profile', '--config', '--format', '--output', '--locale', '--jobs', '--version']) assert.ok(r.stdout.includes(opt), opt);
      for (const id of PROFILE_IDS) assert.ok(r.stdout.includes(id), id);
      for (const f of FORMATS) assert.ok(r.stdout.includes(f.description.zh) && r.stdout.includes(f.description.en), f.id);
      assert.equal(run(tmp, ['check', '-h']).status, 0);
    });

    it('takes its formats from the registry: every one is accepted and writes its output', () => {
      assert.equal(new Set(FORMATS.map((f) => f.id)).size, FORMATS.length);
      for (const f of FORMATS) {
        assert.match(f.id, /^[a-z][a-z0-9-]*$/);
        assert.match(f.extension, /^[a-z0-9]+$/, f.id);
        const file = path.join(tmp, `out.${f.extension}`);
        const r = run(tmp, ['check', '--format', f.id, '--output', file, 'one/clean.md']);
        assert.ok(r.status === 0 || r.status === 1, `${f.id}: ${r.stderr}`);
        assert.ok(fs.readFileSync(file, 'utf8').length > 0, f.id);
        fs.rmSync(file);
      }
    });

    it('prints the package version', () => {
      const r = run(tmp, ['--version']);
      assert.equal(r.status, 0);
      assert.equal(r.stdout.trim(), PKG.version);
    });

    const bad: [string, string[], RegExp][] = [
      ['an unknown option', ['check', '--frobnicate', 'one'], /未知选项：--frobnicate[\s\S]*unknown option/],
      ['no inputs', ['check'], /没有给出要检查的文件[\s\S]*no files or folders/],
      ['no subcommand', [], /缺少子命令[\s\S]*missing the check subcommand/],
      ['an unknown subcommand', ['lint', 'one'], /未知子命令：lint/],
      ['a missing file', ['check', 'one/nope.md'], /找不到文件或文件夹：one\/nope\.md[\s\S]*no such file/],
      ['an unknown format', ['check', '--format', 'xml', 'one'], /未知的输出格式：xml[\s\S]*unknown format/],
      ['an unknown locale', ['check', '--locale', 'fr', 'one'], /未知的语言/],
      ['a bad --jobs', ['check', '--jobs', '0', 'one'], /--jobs 需要正整数/],
      ['an option without its value', ['check', 'one', '--format'], /缺少取值/],
      ['a missing --config file', ['check', '--config', 'nope.json', 'one'], /找不到配置文件：nope\.json/],
      ['a folder with no report', ['check', 'empty'], /没有 \*\.md、\*\.markdown、\*\.txt、\*\.docx 文件[\s\S]*no \*\.md, \*\.markdown, \*\.txt, \*\.docx files/],
    ];
    for (const [what, args, message] of bad) {
      it(`exits 2 on ${what}, Chinese before English, with the usage line`, () => {
        const r = run(tmp, args);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.ok(r.stderr.indexOf('用法：') < r.stderr.indexOf('Usage:'), r.stderr);
        assert.equal(r.stdout, '');
      });
    }

    it('exits 2 on an unknown --profile and lists the valid ones', () => {
      const r = run(tmp, ['check', '--profile', 'no-such-profile', 'one']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /未知的述职类型：no-such-profile/);
      for (const id of PROFILE_IDS) assert.ok(r.stderr.includes(id), id);
      assert.equal(r.stdout, '');
    });

    it('accepts every built-in profile id', () => {
      for (const id of PROFILE_IDS) {
        const r = run(tmp, ['check', '--profile', id, '--format', 'json', 'one/clean.md']);
        assert.ok(r.status === 0 || r.status === 1, `${id}: ${r.stderr}`);
        assert.equal(json(r).files[0].profile.id, id);
        assert.equal(json(r).files[0].profile.source, 'option');
      }
    });
    it('accepts a profile by its Chinese name too', () => {
      const r = run(tmp, ['check', '--profile', '机关党支部书记述职', '--format', 'json', 'one/clean.md']);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assert.equal(json(r).files[0].profile.name, '机关党支部书记述职');
    });
  });

  describe('configuration', () => {
    it('with a broken discovered configuration, says where, checks with the rest, and exits 2', () => {
      const r = run(tmp, ['check', '--format', 'json', 'badconfig']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^badconfig\/\.duty-report\.json:\d+:\d+ {2}错误 {2}\S/m);
      assert.match(r.stderr, /出错的部分已略去/);
      const out = JSON.parse(r.stdout);
      assert.ok(out.files.length > 0, 'the reports were still checked');
    });

    it('with a broken explicit --config, still checks reports elsewhere and exits 2', () => {
      const r = run(tmp, ['check', '--config', 'broken.json', 'one/clean.md']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^broken\.json:\d+:\d+ {2}错误 {2}\S/m);
      assert.match(r.stdout, /clean\.md/);
    });

    it('prints configuration problems in English with --locale en', () => {
      const r = run(tmp, ['check', '--locale', 'en', 'badconfig']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^badconfig\/\.duty-report\.json:\d+:\d+ {2}error {2}\S/m);
    });
  });

  describe('text format', () => {
    it('reports a missing 问题 part as an error with path:line:col and exits 1', () => {
      const r = run(tmp, ['check', 'one/no-problems.md']);
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.split('\n');
      const findings = lines.filter((l) => FINDING_LINE.test(l));
      assert.ok(findings.length > 0, r.stdout);
      const missing = findings.map((l) => FINDING_LINE.exec(l) as RegExpExecArray).find((m) => m[5] === 'missing-section');
      assert.ok(missing, r.stdout);
      assert.equal(missing[1], 'one/no-problems.md');
      assert.equal(missing[4], '错误');
      assert.ok(Number(missing[2]) >= 1 && Number(missing[3]) >= 1, '1-based');
      assert.match(r.stdout, /^ {2}评分 \d+\/100（[好中差]） · 类型 .+（.+） · \d+ 字 · 成绩 \d+% 问题 \d+% 原因 \d+% 措施 \d+%/m);
      assert.match(r.stdout, /^共 1 个文件：[1-9]\d* 个错误，\d+ 个警告，\d+ 个提示。$/m);
      assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when not a TTY');
    });

    it('shows a fix title indented under its finding', () => {
      const r = run(tmp, ['check', 'one/no-problems.md', '--format', 'json']);
      const withFix = json(r).files[0].findings.filter((f) => f.fix);
      const text = run(tmp, ['check', 'one/no-problems.md']).stdout;
      for (const f of withFix) assert.ok(text.includes(`    修改建议：${f.fix?.title}`), f.fix?.title);
    });

    it('uses English severity words with --locale en', () => {
      const r = run(tmp, ['check', '--locale', 'en', 'one/no-problems.md']);
      assert.equal(r.status, 1);
      assert.ok(r.stdout.split('\n').some((l) => FINDING_LINE.exec(l)?.[4] === 'error'), r.stdout);
      assert.match(r.stdout, /^1 files: [1-9]\d* errors/m);
    });

    it('exits 0 when no finding is an error, and never reports a present part as missing', () => {
      const r = run(tmp, ['check', '--format', 'json', 'one/clean.md']);
      const file = json(r).files[0];
      const errors = file.findings.filter((f) => f.severity === 'error');
      assert.equal(r.status, errors.length ? 1 : 0);
      assert.deepEqual(
        file.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section),
        [],
      );
    });

    it('searches folders for *.md and *.txt, skips node_modules, dot-folders, binary files and files in no encoding it reads', () => {
      const r = run(tmp, ['check', 'mixed']);
      const paths = [...new Set(r.stdout.split('\n').map((l) => FINDING_LINE.exec(l)?.[1]).filter((p) => p))];
      for (const p of paths) assert.match(p as string, /^mixed\/((a-no-problems|b-clean|报告 二#1)\.md|notes\.txt)$/);
      assert.match(r.stdout, /^mixed\/a-no-problems\.md$/m);
      assert.match(r.stdout, /^mixed\/b-clean\.md$/m);
      assert.match(r.stdout, /^mixed\/notes\.txt$/m);
      assert.doesNotMatch(r.stdout, /node_modules|\.hidden/);
      assert.match(r.stderr, /跳过 mixed\/binary\.md：文件含 NUL 字节/);
      assert.match(r.stderr, /跳过 mixed\/latin1\.md：文件不是有效的 UTF-8 文本，也不是 GB18030 文本/);
      assert.match(r.stdout, /^共 4 个文件：.*跳过 2 个文件。$/m);
      // Two files refused: the others are checked, and the exit code says the run was not whole.
      assert.equal(r.status, 2);
    });

    it('refuses a file over 20 MB with a message and checks the rest', () => {
      write(tmp, 'big/ok.md', CLEAN);
      // A sparse file: the size check comes before any read, so this costs no disk or time.
      fs.closeSync(fs.openSync(path.join(tmp, 'big/huge.md'), 'w'));
      fs.truncateSync(path.join(tmp, 'big/huge.md'), 21 * 1024 * 1024);
      const r = run(tmp, ['check', '--format', 'json', 'big']);
      assert.match(r.stderr, /跳过 big\/huge\.md：文件太大（21\.0 MB，上限 20 MB）/);
      const out = json(r);
      assert.deepEqual(
        out.files.map((f) => f.path),
        ['big/ok.md'],
      );
      assert.equal(out.skipped[0].path, 'big/huge.md');
    });

    it('writes to --output and leaves stdout empty', () => {
      const out = path.join(tmp, 'out.txt');
      const r = run(tmp, ['check', '--output', out, 'one']);
      assert.equal(r.stdout, '');
      assert.match(fs.readFileSync(out, 'utf8'), /^共 2 个文件/m);
      assert.equal(run(tmp, ['check', '--output', '-', 'one']).stdout, fs.readFileSync(out, 'utf8'));
    });
  });

  describe('json format', () => {
    it('has the documented shape, relative forward-slash paths, sorted', () => {
      const r = run(tmp, ['check', '--format', 'json', 'one', 'mixed']);
      const out = json(r);
      assert.equal(out.version, 1);
      assert.deepEqual(
        out.files.map((f) => f.path),
        ['mixed/a-no-problems.md', 'mixed/b-clean.md', 'mixed/notes.txt', 'mixed/报告 二#1.md', 'one/clean.md', 'one/no-problems.md'],
      );
      assert.deepEqual(
        out.skipped.map((s) => s.path),
        ['mixed/binary.md', 'mixed/latin1.md'],
      );
      for (const f of out.files) {
        assert.equal(f.format, f.path.endsWith('.txt') ? 'text' : 'markdown');
        assert.equal(f.encoding, 'utf-8');
        assert.deepEqual(Object.keys(f).slice(0, 3), ['path', 'format', 'encoding']);
        assert.equal(typeof f.profile.id, 'string');
        assert.equal(typeof f.profile.name, 'string');
        assert.equal(typeof f.profile.source, 'string');
        assert.equal(typeof f.profile.reason, 'string');
        assert.equal(typeof f.stats.units, 'number');
        assert.ok(f.score >= 0 && f.score <= 100);
        assert.ok(['好', '中', '差'].includes(f.tier));
        for (const x of f.findings) {
          assert.equal(typeof x.rule, 'string');
          assert.ok(['error', 'warning', 'info', 'hint'].includes(x.severity));
          assert.equal(typeof x.message, 'string');
          assert.ok(x.range.start.line >= 0 && x.range.start.character >= 0);
        }
      }
      const np = out.files.find((f) => f.path === 'mixed/a-no-problems.md') as JsonFile;
      assert.ok(np.findings.some((f) => f.rule === 'missing-section' && f.section === 'problems'));
    });

    it('writes one report per line, to stdout and to --output alike', () => {
      const r = run(tmp, ['check', '--format', 'json', 'one', 'mixed']);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], '{"version":1,"files":[');
      const files = lines.slice(1, -1).map((l) => JSON.parse(l.replace(/,$/, '')) as JsonFile);
      assert.deepEqual(files.map((f) => f.path), json(r).files.map((f) => f.path));
      assert.match(lines[lines.length - 1], /^\],"skipped":\[.*\]\}$/);
      const file = path.join(tmp, 'out.json');
      run(tmp, ['check', '--format', 'json', '--output', file, 'one', 'mixed']);
      assert.equal(fs.readFileSync(file, 'utf8'), r.stdout);
    });

    it('uses 0-based lines: positions match the text', () => {
      const out = json(run(tmp, ['check', '--format', 'json', 'one/no-problems.md']));
      const lines = NO_PROBLEMS.split('\n');
      for (const f of out.files[0].findings) {
        assert.ok(f.range.start.line < lines.length, `line ${f.range.start.line}`);
        assert.ok(f.range.start.character <= lines[f.range.start.line].length);
      }
    });

    it('strips a BOM: the same report with and without one gives the same findings', () => {
      const out = json(run(tmp, ['check', '--format', 'json', 'bom']));
      assert.equal(out.files.length, 2);
      const [a, b] = out.files;
      assert.deepEqual([a.encoding, b.encoding], ['utf-8-bom', 'utf-8']);
      assert.deepEqual({ ...a, path: '', encoding: '' }, { ...b, path: '', encoding: '' });
    });
  });

  describe('UTF-16 reports', () => {
    it('reads UTF-16 with a BOM (LE and BE) as the same report as UTF-8', () => {
      const out = json(run(tmp, ['check', '--format', 'json', 'utf16', 'bom/without-bom.md']));
      assert.equal(out.files.length, 3, JSON.stringify(out.skipped));
      const [utf8, be, le] = [out.files.find((f) => f.path.endsWith('without-bom.md')), ...out.files.filter((f) => f.path.includes('utf16'))] as JsonFile[];
      assert.deepEqual([utf8.encoding, be.encoding, le.encoding], ['utf-8', 'utf-16be', 'utf-16le']);
      assert.deepEqual({ ...be, path: '', encoding: '' }, { ...utf8, path: '', encoding: '' });
      assert.deepEqual({ ...le, path: '', encoding: '' }, { ...utf8, path: '', encoding: '' });
    });
  });

  describe('encodings and kinds of file', () => {
    /** A real-looking report with findings of every severity. */
    const SAMPLE = fs.readFileSync(path.join(ROOT, 'samples', '村党支部书记述职报告-初稿.md'), 'utf8');
    const GRID_CONFIG = '{\n  "profile": "社区网格员",\n  "profiles": [{ "id": "grid", "name": "社区网格员述职", "aliases": ["社区网格员"], "thresholds": { "maxUnits": 1500 } }]\n}\n';

    /** `text` converted by the system's iconv, not by our code; a BOM is added where asked. */
    function iconv(text: string, to: string, bom: number[] = []): Buffer {
      const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', to], { input: Buffer.from(text, 'utf8') });
      assert.equal(r.status, 0, `iconv -t ${to}: ${r.stderr}`);
      return Buffer.concat([Buffer.from(bom), r.stdout]);
    }

    before(() => {
      write(tmp, 'enc/utf8.md', SAMPLE);
      write(tmp, 'enc/gb.txt', iconv(SAMPLE, 'GB18030'));
      write(tmp, 'enc/le.md', iconv(SAMPLE, 'UTF-16LE', [0xff, 0xfe]));
      write(tmp, 'enc/be.markdown', iconv(SAMPLE, 'UTF-16BE', [0xfe, 0xff]));
      write(tmp, 'gbconfig/.duty-report.json', iconv(GRID_CONFIG, 'GB18030'));
      write(tmp, 'gbconfig/report.txt', iconv(NO_PROBLEMS, 'GB18030'));
      write(tmp, 'kinds/a.md', CLEAN);
      write(tmp, 'kinds/b.markdown', NO_PROBLEMS);
      write(tmp, 'kinds/c.txt', CLEAN);
      write(tmp, 'kinds/d.Markdown', CLEAN);
      write(tmp, 'kinds/e.rtf', CLEAN);
      write(tmp, 'kinds/node_modules/dep/notes.txt', NO_PROBLEMS);
      write(tmp, 'kinds/.hidden/draft.markdown', NO_PROBLEMS);
      write(tmp, 'binary/report.txt', Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02, 0x0a]));
    });

    it('reads GB18030 and UTF-16 files made by iconv as the UTF-8 original: same findings, encoding and format named', () => {
      const r = run(tmp, ['check', '--format', 'json', 'enc']);
      const out = json(r);
      assert.deepEqual(out.skipped, []);
      assert.deepEqual(
        out.files.map((f) => [f.path, f.format, f.encoding]),
        [
          ['enc/be.markdown', 'markdown', 'utf-16be'],
          ['enc/gb.txt', 'text', 'gb18030'],
          ['enc/le.md', 'markdown', 'utf-16le'],
          ['enc/utf8.md', 'markdown', 'utf-8'],
        ],
      );
      const original = out.files[3];
      assert.ok(original.findings.length > 5 && original.findings.some((x) => x.severity === 'warning'), 'the sample has findings to compare');
      for (const f of out.files) assert.deepEqual({ ...f, path: '', format: '', encoding: '' }, { ...original, path: '', format: '', encoding: '' }, f.path);
      assert.equal(r.status, run(tmp, ['check', '--format', 'json', 'enc/utf8.md']).status);
    });

    it('names an encoding other than UTF-8 after the path in text output, in Chinese and in English', () => {
      const zh = run(tmp, ['check', 'enc', 'bom']).stdout;
      assert.match(zh, /^enc\/gb\.txt（GB18030 编码）$/m);
      assert.match(zh, /^enc\/le\.md（UTF-16LE 编码）$/m);
      assert.match(zh, /^enc\/be\.markdown（UTF-16BE 编码）$/m);
      // UTF-8, with a BOM or without, is what ordinary output looks like: nothing added.
      for (const plain of ['enc/utf8.md', 'bom/with-bom.md', 'bom/without-bom.md']) assert.ok(zh.split('\n').includes(plain), plain);
      // Finding lines keep the bare path, for problem matchers.
      assert.ok(zh.split('\n').some((l) => FINDING_LINE.exec(l)?.[1] === 'enc/gb.txt'), zh);
      const en = run(tmp, ['check', '--locale', 'en', 'enc']).stdout;
      assert.match(en, /^enc\/gb\.txt \(GB18030\)$/m);
      assert.match(en, /^enc\/le\.md \(UTF-16LE\)$/m);
      assert.ok(en.split('\n').includes('enc/utf8.md'));
    });

    it('gives each SARIF artifact its encoding, MIME type and format, and still validates', () => {
      const log = JSON.parse(run(tmp, ['check', '--format', 'sarif', 'enc', 'bom/with-bom.md']).stdout);
      const artifacts = log.runs[0].artifacts.map((a: any) => [a.location.uri, a.encoding, a.mimeType, a.properties.format, a.properties.encoding]);
      const validate = compileSarifSchema(ROOT);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      assert.deepEqual(artifacts, [
        ['bom/with-bom.md', 'UTF-8', 'text/markdown', 'markdown', 'utf-8-bom'],
        ['enc/be.markdown', 'UTF-16BE', 'text/markdown', 'markdown', 'utf-16be'],
        ['enc/gb.txt', 'GB18030', 'text/plain', 'text', 'gb18030'],
        ['enc/le.md', 'UTF-16LE', 'text/markdown', 'markdown', 'utf-16le'],
        ['enc/utf8.md', 'UTF-8', 'text/markdown', 'markdown', 'utf-8'],
      ]);
    });

    it('reads a GB18030 .duty-report.json with Chinese profile names', () => {
      const r = run(tmp, ['check', '--format', 'json', 'gbconfig']);
      assert.equal(r.stderr, '');
      const [file] = json(r).files;
      assert.equal(file.encoding, 'gb18030');
      assert.deepEqual([file.profile.id, file.profile.name, file.profile.source], ['grid', '社区网格员述职', 'config']);
      assert.equal(file.profile.thresholds.maxUnits, 1500);
      // The same profile by its Chinese alias on the command line: the configuration defines it.
      assert.equal(json(run(tmp, ['check', '--format', 'json', '--profile', '社区网格员', 'gbconfig'])).files[0].profile.source, 'option');
    });

    it('checks .md, .markdown and .txt in a folder, whatever their case, and no other kind', () => {
      const out = json(run(tmp, ['check', '--format', 'json', 'kinds']));
      assert.deepEqual(
        out.files.map((f) => [f.path, f.format]),
        [
          ['kinds/a.md', 'markdown'],
          ['kinds/b.markdown', 'markdown'],
          ['kinds/c.txt', 'text'],
          ['kinds/d.Markdown', 'markdown'],
        ],
      );
      assert.deepEqual(out.skipped, []);
      // A .txt report gives what the same text gives as Markdown.
      assert.deepEqual({ ...out.files[2], path: '', format: '' }, { ...out.files[0], path: '', format: '' });
    });

    it('checks a file named explicitly whatever its extension, and still refuses a binary one', () => {
      const r = run(tmp, ['check', '--format', 'json', 'kinds/e.rtf', 'kinds/c.txt', 'binary/report.txt']);
      const out = json(r);
      assert.deepEqual(
        out.files.map((f) => [f.path, f.format]),
        [
          ['kinds/c.txt', 'text'],
          ['kinds/e.rtf', 'markdown'],
        ],
      );
      assert.deepEqual(out.skipped, [{ path: 'binary/report.txt', reason: '文件含 NUL 字节，像是二进制文件，未分析' }]);
      assert.match(r.stderr, /跳过 binary\/report\.txt：文件含 NUL 字节/);
    });
  });

  describe('worker pool', () => {
    it('runs 20 files on worker threads with the same, input-ordered results as in-process', () => {
      const pooled = run(tmp, ['check', '--format', 'json', '--jobs', '3', 'many'], { DUTY_REPORT_DEBUG: '1' });
      assert.match(pooled.stderr, /3 workers for 20 files/);
      const serial = run(tmp, ['check', '--format', 'json', '--jobs', '1', 'many'], { DUTY_REPORT_DEBUG: '1' });
      assert.match(serial.stderr, /0 workers for 20 files/);
      assert.equal(pooled.stdout, serial.stdout);
      assert.equal(pooled.status, 1);
      const out = json(pooled);
      assert.deepEqual(
        out.files.map((f) => f.path),
        Array.from({ length: 20 }, (_, i) => `many/r${String(i).padStart(2, '0')}.md`),
      );
      // Even files lack the 问题 part; the pool must not have swapped results between files.
      out.files.forEach((f, i) => assert.equal(f.findings.some((x) => x.rule === 'missing-section' && x.section === 'problems'), i % 2 === 0, f.path));
    });

    it('defaults to min(cores − 1, files/4) workers from four cores, and stays in-process for small batches or fewer cores', () => {
      const many = run(tmp, ['check', '--format', 'json', 'many'], { DUTY_REPORT_DEBUG: '1' });
      const cores = os.availableParallelism();
      const expected = cores < 4 ? 0 : Math.min(cores - 1, 5);
      assert.match(many.stderr, new RegExp(`${expected} workers for 20 files`));
      assert.equal(workerCount(20, undefined, 2), 0);
      assert.equal(workerCount(20, undefined, 4), 3);
      assert.equal(workerCount(20, undefined, 16), 5);
      assert.equal(workerCount(20, 2, 2), 2, '--jobs asks for threads on any machine');
      assert.equal(workerCount(8, 4, 16), 0, 'eight files or fewer: never');
      const few = run(tmp, ['check', '--format', 'json', 'one'], { DUTY_REPORT_DEBUG: '1' });
      assert.match(few.stderr, /0 workers for 2 files/);
    });
  });

  describe('sarif format', () => {
    const validate = compileSarifSchema(ROOT);

    it('validates against the SARIF 2.1.0 schema', () => {
      const r = run(tmp, ['check', '--format', 'sarif', 'one', 'mixed']);
      assert.equal(r.status, 2, 'mixed/ has two files refused');
      const log = JSON.parse(r.stdout);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    });

    it('the schema check is real: a relative helpUri or a 0 column is rejected', () => {
      const log = JSON.parse(run(tmp, ['check', '--format', 'sarif', 'one']).stdout);
      const bad1 = structuredClone(log);
      bad1.runs[0].tool.driver.rules[0].helpUri = RULES[0].docs;
      assert.equal(validate(bad1), false);
      const bad2 = structuredClone(log);
      bad2.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
      assert.equal(validate(bad2), false);
    });

    it('describes the tool, its rules and 1-based UTF-16 regions', () => {
      const log = JSON.parse(run(tmp, ['check', '--format', 'sarif', 'one', 'mixed']).stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const runObj = log.runs[0];
      assert.equal(runObj.columnKind, 'utf16CodeUnits');
      const driver = runObj.tool.driver;
      assert.equal(driver.name, 'duty-report');
      assert.equal(driver.semanticVersion, PKG.version);
      assert.deepEqual(
        driver.rules.map((x: { id: string }) => x.id),
        RULES.map((x) => x.id),
      );
      for (const rule of driver.rules) {
        // The package names no real repository yet: no links that lead nowhere, the page itself instead.
        assert.equal(rule.helpUri, undefined);
        assert.match(rule.help.markdown, new RegExp(`^# ${rule.id}`));
        assert.ok(rule.shortDescription.text);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      assert.match(runObj.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
      const uris = runObj.artifacts.map((a: { location: { uri: string } }) => a.location.uri);
      assert.ok(uris.includes('mixed/%E6%8A%A5%E5%91%8A%20%E4%BA%8C%231.md'), uris.join(' '));
      const json1 = json(run(tmp, ['check', '--format', 'json', 'one', 'mixed']));
      const flat = json1.files.flatMap((f) => f.findings.map((x) => ({ f, x })));
      assert.equal(runObj.results.length, flat.length);
      runObj.results.forEach((res: any, i: number) => {
        const { x } = flat[i];
        assert.equal(res.ruleId, x.rule);
        assert.equal(driver.rules[res.ruleIndex].id, x.rule);
        assert.equal(res.level, x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'note');
        const region = res.locations[0].physicalLocation.region;
        assert.equal(region.startLine, x.range.start.line + 1);
        assert.equal(region.startColumn, x.range.start.character + 1);
        assert.equal(res.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
        if (x.fix) {
          const rep = res.fixes[0].artifactChanges[0].replacements[0];
          assert.equal(rep.insertedContent.text, x.fix.newText);
          assert.equal(rep.deletedRegion.startLine, x.fix.range.start.line + 1);
        }
      });
      assert.ok(runObj.invocations[0].toolExecutionNotifications.length === 2, 'skipped files are notifications');
    });
  });

  describe('html format', () => {
    it('ranks the reports by tier and score and escapes hostile titles and paths', () => {
      const r = run(tmp, ['check', '--format', 'html', 'hostile', 'one']);
      assert.equal(r.status, 1, r.stderr);
      const html = r.stdout;
      assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
      assert.ok(html.includes(`content="${scorecardCsp({ styleHash: scorecardCssHash() })}"`));
      assert.doesNotMatch(html, /<script|<img|onerror=alert\(1\)>|href=/i);
      assert.ok(html.includes(`hostile/${escapeHtml(HOSTILE_IMG)}.md`));
      const data = json(run(tmp, ['check', '--format', 'json', 'hostile', 'one']));
      // Wherever the core carries the hostile title or heading (sections, a title field), the page shows it escaped.
      const carried = JSON.stringify(data.files);
      if (carried.includes(HOSTILE_TITLE)) assert.ok(html.includes(escapeHtml(HOSTILE_TITLE)));
      if (carried.includes(`主要工作${HOSTILE_IMG}`)) assert.ok(html.includes(`主要工作${escapeHtml(HOSTILE_IMG)}`));
      const rows = [...html.matchAll(/<span class="dr-rank-no">(\d+)<\/span><span class="dr-name"><span class="dr-path">([^<]*)<\/span>(?: <span class="dr-muted">[^<]*<\/span>)?<\/span><span class="dr-score-n-small">(\d+)<\/span><span class="dr-tier">([好中差])</g)];
      assert.equal(rows.length, 4);
      assert.equal(html.match(/<details>/g)?.length, 4);
      const rank = { 好: 0, 中: 1, 差: 2 } as Record<string, number>;
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]];
        assert.ok(rank[a[4]] < rank[b[4]] || (rank[a[4]] === rank[b[4]] && Number(a[3]) >= Number(b[3])), `${a[0]} before ${b[0]}`);
      }
      for (const t of ['好', '中', '差']) {
        const n = data.files.filter((f) => f.tier === t).length;
        assert.ok(html.includes(`">${t} ${n}</span>`), `${t} ${n}`);
      }
    });

    it('gives one report its scorecard page: the same card as the editor preview', () => {
      const dir = path.join(tmp, 'one');
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.md'));
      assert.ok(file);
      const r = run(tmp, ['check', '--format', 'html', `one/${file}`]);
      const data = json(run(tmp, ['check', '--format', 'json', `one/${file}`]));
      assert.doesNotMatch(r.stdout, /<details>|class="dr-rank/);
      assert.equal(r.stdout.match(/<section class="dr-card/g)?.length, 1);
      assert.ok(r.stdout.includes(`<span class="dr-score-n">${data.files[0].score}</span>`));
      assert.ok(r.stdout.includes(`content="${scorecardCsp({ styleHash: scorecardCssHash() })}"`));
    });
  });
});
