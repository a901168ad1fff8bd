/**
 * The reviewer's command line: `duty-report check [options] <files|folders>…`.
 *
 * Exit codes: 0 no finding is an error; 1 at least one is; 2 bad usage, a report the core
 * failed on, or a configuration with errors (its valid parts still apply and every report is
 * still checked).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { version } from '../../../package.json';
import { analyze, BUILTIN_PROFILES, findProfile, PROFILE_IDS } from '../core';
import type { AnalysisResult, AnalyzeOptions, ConfigProblem, DutyReportConfig, Locale } from '../core/types';
import { ConfigCache } from '../node/configFile';
import type { CheckedFile, SkippedFile } from '../format';
import { safeTerminalText } from '../format/text';
import { helpText, parseArgs, unknownProfileError, UsageError, type Parsed } from './args';
import { readReport, resolveInputs, type Inputs } from './files';
import { displayPath, errorText, exitCode, usageFailure, warn, writeResults } from './output';
import type { WorkerReply, WorkerTask } from './worker';
import { workerCount } from './pool';

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

  let inputs: Inputs;
  try {
    inputs = resolveInputs(args);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err);
    throw err;
  }
  const { files, explicitConfig } = inputs;

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

  if (!writeResults(args, checked, skipped, displayLocale)) return 2;
  return exitCode(checked, failed || badConfig);
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
