/**
 * The reviewer's command line: `duty-report check [options] <files|folders>…`.
 *
 * Exit codes: 0 no finding is an error; 1 at least one is; 2 bad usage, a report the core
 * failed on, or a configuration with errors (its valid parts still apply and every report is
 * still checked).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { version } from '../../../package.json';
import { analyze, BUILTIN_PROFILES, findProfile, PROFILE_IDS } from '../core';
import type { AnalysisResult, AnalyzeOptions, ConfigProblem, DutyReportConfig, Locale } from '../core/types';
import { ConfigCache } from '../node/configFile';
import type { CheckedFile, FormatInput, SkippedFile } from '../format';
import { safeTerminalText } from '../format/text';
import { helpText, parseArgs, SHORT_USAGE, unknownProfileError, UsageError, type Parsed } from './args';
import type { WorkerReply, WorkerTask } from './worker';
import { workerCount } from './pool';

/** Larger files are refused: no real 述职报告 comes near it, and it bounds memory per file. */
const MAX_BYTES = 20 * 1024 * 1024;

/** Relative to the current directory with forward slashes, as every output format shows paths. */
function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

function isReportFile(name: string): boolean {
  return /\.md$/i.test(name);
}

/** Recursively collects *.md, skipping node_modules and dot-folders; symlinked folders are not followed (no cycles). */
function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    warn(`无法读取文件夹 ${displayPath(dir)}：${errorText(err)}`, `cannot read folder ${displayPath(dir)}`);
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      walk(full, out);
    } else if (isReportFile(e.name)) {
      if (e.isFile()) out.push(full);
      else if (e.isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isFile()) out.push(full);
    }
  }
}

function collectFiles(inputs: readonly string[]): string[] {
  const found: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`找不到文件或文件夹：${input}`, `no such file or folder: ${input}`);
    if (stat.isDirectory()) walk(abs, found);
    else found.push(abs); // A file named explicitly is checked whatever its extension.
  }
  const unique = [...new Set(found)];
  const keyed = unique.map((abs) => ({ abs, key: displayPath(abs) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.abs);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function warn(zh: string, en: string): void {
  process.stderr.write(`duty-report: ${safeTerminalText(zh)}（${safeTerminalText(en)}）\n`);
}

type ReadOutcome = { text: string } | { reason: string; reasonEn: string };

/** Reads a report as UTF-8 text; binary, non-UTF-8 and oversized files are refused with a reason. */
function readReport(abs: string): ReadOutcome {
  try {
    const size = fs.statSync(abs).size;
    if (size > MAX_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(1);
      return { reason: `文件太大（${mb} MB，上限 20 MB），拒绝分析`, reasonEn: `file too large (${mb} MB, limit 20 MB), refused` };
    }
    const buf = fs.readFileSync(abs);
    // Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: decode it, do not call it binary.
    const utf16 = buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe ? 'utf-16le' : buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff ? 'utf-16be' : undefined;
    if (utf16) {
      let text: string;
      try {
        text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(buf.subarray(2));
      } catch {
        return { reason: '文件不是有效的 UTF-16 文本，未分析', reasonEn: 'file is not valid UTF-16, not analysed' };
      }
      if (text.includes('\u0000')) return { reason: '文件含 NUL 字符，像是二进制文件，未分析', reasonEn: 'file contains NUL characters, looks binary, not analysed' };
      return { text };
    }
    if (buf.includes(0)) {
      return { reason: '文件含 NUL 字节，像是二进制文件，未分析', reasonEn: 'file contains NUL bytes, looks binary, not analysed' };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
    } catch {
      return { reason: '文件不是有效的 UTF-8 文本（请另存为 UTF-8 编码），未分析', reasonEn: 'file is not valid UTF-8 (save it as UTF-8), not analysed' };
    }
    // A BOM is not part of the report: offsets must match what an editor shows.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (err) {
    return { reason: `无法读取文件：${errorText(err)}`, reasonEn: `cannot read file: ${errorText(err)}` };
  }
}

interface Task {
  path: string;
  text: string;
  options: AnalyzeOptions;
}

type Outcome = { result: AnalysisResult } | { error: string };

function analyzeHere(task: Task): Outcome {
  try {
    return { result: analyze(task.text, task.options) };
  } catch (err) {
    return { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

function availableParallelism(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Tasks sent ahead to each worker thread. */
const IN_FLIGHT = 4;


/**
 * Analyses the tasks on `count` worker threads, each taking the next task when it answers.
 * A worker that dies hands the tasks it held back to this thread, so one crash never loses a file.
 * Results come back indexed by task, so output order never depends on thread timing.
 */
function analyzeInWorkers(tasks: readonly Task[], count: number): Promise<Outcome[]> {
  return new Promise((resolve) => {
    const outcomes: Outcome[] = new Array(tasks.length);
    let next = 0;
    let done = 0;
    let alive = 0;
    let workerFailed = false;
    const settle = (i: number, o: Outcome): void => {
      outcomes[i] = o;
      done++;
    };
    const finishIfDone = (): void => {
      if (done === tasks.length) resolve(outcomes);
    };
    const drainHere = (): void => {
      while (next < tasks.length) {
        const i = next++;
        settle(i, analyzeHere(tasks[i]));
      }
    };
    const start = (): void => {
      let worker: Worker;
      try {
        worker = new Worker(path.join(__dirname, 'worker.js'));
      } catch {
        return;
      }
      alive++;
      // A few tasks in flight per worker: with one, the worker idles while this thread takes
      // its answer and sends the next, and two threads ran slower than one.
      const inHand = new Set<number>();
      const feed = (): void => {
        while (inHand.size < IN_FLIGHT && next < tasks.length) {
          const i = next++;
          inHand.add(i);
          const t = tasks[i];
          const msg: WorkerTask = { id: i, path: t.path, text: t.text, options: t.options };
          worker.postMessage(msg);
        }
        if (inHand.size === 0) void worker.terminate();
      };
      worker.on('message', (reply: WorkerReply) => {
        inHand.delete(reply.id);
        settle(reply.id, 'result' in reply ? { result: reply.result } : { error: reply.error });
        feed();
        finishIfDone();
      });
      worker.on('error', (err) => {
        // 'exit' follows and redoes the task in hand here; say so once, since it hides a packaging fault.
        if (!workerFailed) warn(`工作线程出错，改在主线程分析：${errorText(err)}`, 'a worker thread failed; analysing in the main thread');
        workerFailed = true;
      });
      worker.on('exit', () => {
        alive--;
        for (const i of inHand) settle(i, analyzeHere(tasks[i]));
        inHand.clear();
        if (alive === 0) drainHere();
        finishIfDone();
      });
      feed();
    };
    for (let k = 0; k < count; k++) start();
    if (alive === 0) {
      drainHere();
      finishIfDone();
    }
  });
}

async function analyzeAll(tasks: readonly Task[], jobs: number | undefined): Promise<Outcome[]> {
  const count = workerCount(tasks.length, jobs, availableParallelism());
  if (process.env.DUTY_REPORT_DEBUG) process.stderr.write(`duty-report: ${count} workers for ${tasks.length} files\n`);
  if (count === 0) return tasks.map(analyzeHere);
  return analyzeInWorkers(tasks, count);
}

function printConfigProblem(configPath: string | undefined, p: ConfigProblem, locale: Locale): void {
  const where = `${configPath ? displayPath(configPath) : '<config>'}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  const sev = p.severity === 'error' ? (locale === 'zh' ? '错误' : 'error') : locale === 'zh' ? '警告' : 'warning';
  const message = locale === 'zh' ? p.message : p.messageEn;
  process.stderr.write(`${safeTerminalText(where)}  ${sev}  ${safeTerminalText(message)}\n`);
}

/** Is `name` a built-in profile id or name, or one a loaded configuration defines? */
function isKnownProfile(name: string, configs: readonly DutyReportConfig[]): boolean {
  // The core's own lookup, so the CLI accepts exactly what analyze() resolves (ids, names, aliases).
  if (findProfile(BUILTIN_PROFILES, name)) return true;
  const k = name.trim();
  return configs.some((c) => (c.profiles ?? []).some((p) => p.id === k || p.name === k || (p.aliases ?? []).includes(k)));
}

function usageFailure(err: UsageError): number {
  process.stderr.write(`duty-report: ${safeTerminalText(err.zh)}\nduty-report: ${safeTerminalText(err.en)}\n\n${SHORT_USAGE}\n`);
  return 2;
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err);
    throw err;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const args = parsed.args;

  let files: string[];
  let explicitConfig: string | undefined;
  try {
    files = collectFiles(args.inputs);
    if (args.config !== undefined) {
      explicitConfig = path.resolve(args.config);
      if (!fs.statSync(explicitConfig, { throwIfNoEntry: false })?.isFile()) {
        throw new UsageError(`找不到配置文件：${args.config}`, `no such configuration file: ${args.config}`);
      }
    }
    if (!files.length) throw new UsageError('给出的文件夹里没有 *.md 文件', 'no *.md files in the given folders');
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err);
    throw err;
  }

  // Configuration first, so that its problems are printed before any finding.
  const cache = new ConfigCache({ profileIds: PROFILE_IDS });
  const printed = new Set<string>();
  let badConfig = false;
  const configs = files.map((file) => {
    const found = cache.forFile(file, explicitConfig);
    if (found.problems.length && !printed.has(found.path ?? '')) {
      printed.add(found.path ?? '');
      for (const p of found.problems) {
        printConfigProblem(found.path ?? explicitConfig, p, args.locale ?? 'zh');
        if (p.severity === 'error') badConfig = true;
      }
    }
    return found.config;
  });
  if (badConfig) {
    // As the editor does: the broken parts are left out and the rest applies. The exit code
    // still says 2, so a script or CI job does not take a half-configured run for a clean one.
    process.stderr.write(
      'duty-report: 配置文件有错误，出错的部分已略去，其余设置照常生效；检查完成后以退出码 2 结束。\nduty-report: the configuration has errors; those parts are left out, the rest applies, and the run ends with exit code 2.\n',
    );
  }
  if (args.profile !== undefined && !isKnownProfile(args.profile, configs)) {
    return usageFailure(unknownProfileError(args.profile));
  }

  const tasks: Task[] = [];
  const skipped: SkippedFile[] = [];
  const displayLocale: Locale = args.locale ?? (configs.every((c) => c.locale === 'en') ? 'en' : 'zh');
  files.forEach((file, i) => {
    const shown = displayPath(file);
    const read = readReport(file);
    if ('reason' in read) {
      warn(`跳过 ${shown}：${read.reason}`, `skipped ${shown}: ${read.reasonEn}`);
      skipped.push({ path: shown, reason: displayLocale === 'zh' ? read.reason : read.reasonEn });
      return;
    }
    const config = configs[i];
    const options: AnalyzeOptions = { config };
    if (args.profile !== undefined) options.profile = args.profile;
    const locale = args.locale ?? config.locale;
    if (locale) options.locale = locale;
    tasks.push({ path: shown, text: read.text, options });
  });

  const outcomes = await analyzeAll(tasks, args.jobs);
  const checked: CheckedFile[] = [];
  let failed = false;
  outcomes.forEach((o, i) => {
    if ('error' in o) {
      failed = true;
      process.stderr.write(`duty-report: 分析 ${safeTerminalText(tasks[i].path)} 时出错（analysis failed）：\n${o.error}\n`);
      skipped.push({ path: tasks[i].path, reason: displayLocale === 'zh' ? '分析时出错' : 'analysis failed' });
    } else {
      checked.push({ path: tasks[i].path, result: o.result });
    }
  });

  const toStdout = args.output === undefined || args.output === '-';
  const input: FormatInput = {
    files: checked,
    skipped,
    locale: displayLocale,
    color: toStdout && process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  const output = args.format.write(input, { srcRootUri: pathToFileURL(process.cwd()).href, layout: 'lines' });
  const pieces = typeof output === 'string' ? [output] : output;
  if (toStdout) {
    for (const piece of pieces) process.stdout.write(piece);
  } else {
    try {
      const fd = fs.openSync(path.resolve(args.output as string), 'w');
      try {
        for (const piece of pieces) fs.writeSync(fd, piece);
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      process.stderr.write(`duty-report: 无法写入 ${args.output}：${errorText(err)}\nduty-report: cannot write ${args.output}\n`);
      return 2;
    }
  }
  if (failed || badConfig) return 2;
  return checked.some((f) => f.result.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}

// Set exitCode rather than calling exit(): a piped stdout must drain before the process ends.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`duty-report: 内部错误（internal error）：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
