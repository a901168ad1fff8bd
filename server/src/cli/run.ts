/**
 * Running the analysis over the reports: each read and given its options, then analysed in
 * this thread or, for a large batch, on a pool of worker threads (worker.ts).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze } from '../core';
import { recognizeReport } from '../core/recognize';
import type { AnalysisResult, AnalyzeOptions, DutyReportConfig, Locale } from '../core/types';
import type { CheckedFile, SkippedFile } from '../format';
import type { ReportEncoding, ReportFormat } from '../format/types';
import { safeTerminalText } from '../format/text';
import type { CheckArgs } from './args';
import { readReport } from './files';
import { docxPlaces, docxWaiverPlaces, type WordSource } from './word';
import { displayPath, errorText, warn } from './output';
import { workerCount } from './pool';
import type { WorkerReply, WorkerTask } from './worker';

export interface Task {
  path: string;
  text: string;
  /** What the file was read as, carried to its result. */
  format: ReportFormat;
  encoding?: ReportEncoding;
  /** A Word file's reader report and bytes; kept in this thread, never sent to a worker. */
  word?: WordSource;
  options: AnalyzeOptions;
}

/** A checked file as the formats take it, plus, for a Word file, what annotating it needs. */
export interface CheckedReport extends CheckedFile {
  word?: WordSource;
}

type Outcome = { result: AnalysisResult } | { error: string };

/** What reading gave: the reports to analyse, the files refused, and those found that are not reports. */
export interface ReadTasks {
  tasks: Task[];
  skipped: SkippedFile[];
  /** Found in a folder but not recognised as a 述职报告 (core/recognize.ts): listed, not scored. */
  unrecognised: string[];
}

/**
 * Reads every report and pairs it with its options; a file that cannot be read is warned about
 * and listed as skipped, with its reason in `locale`. A file found in a folder is checked only
 * when it reads as a report, as the editor decides (a README, meeting notes and the like are
 * listed as unrecognised); a file named on the command line, or any with --all, always is.
 */
export function readTasks(files: readonly string[], named: ReadonlySet<string>, configs: readonly DutyReportConfig[], args: CheckArgs, locale: Locale): ReadTasks {
  const tasks: Task[] = [];
  const skipped: SkippedFile[] = [];
  const unrecognised: string[] = [];
  files.forEach((file, i) => {
    const shown = displayPath(file);
    const read = readReport(file);
    if ('reason' in read) {
      warn(`跳过 ${shown}：${read.reason}`, `skipped ${shown}: ${read.reasonEn}`);
      skipped.push({ path: shown, reason: locale === 'zh' ? read.reason : read.reasonEn });
      return;
    }
    if (!args.all && !named.has(file) && !recognizeReport(read.text).report) {
      unrecognised.push(shown);
      return;
    }
    const config = configs[i];
    // A .txt draft has a paragraph per line; Markdown joins a line broken mid-sentence.
    const options: AnalyzeOptions = { config, format: read.format === 'text' ? 'text' : 'markdown' };
    if (args.profile !== undefined) options.profile = args.profile;
    const reportLocale = args.locale ?? config.locale;
    if (reportLocale) options.locale = reportLocale;
    const task: Task = { path: shown, text: read.text, format: read.format, options };
    if (read.encoding) task.encoding = read.encoding;
    if (read.word) task.word = read.word;
    tasks.push(task);
  });
  if (unrecognised.length) {
    const n = unrecognised.length;
    warn(
      `${n} 个文件未识别为述职报告，未评分；要检查它们，请直接写出文件名或加 --all`,
      `${n} ${n === 1 ? 'file' : 'files'} not recognised as a report, not scored; name ${n === 1 ? 'it' : 'them'} or add --all to check ${n === 1 ? 'it' : 'them'}`,
    );
  }
  return { tasks, skipped, unrecognised };
}

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

/**
 * Analyses the tasks (on worker threads when the batch is large enough) and returns the results
 * in task order, a Word file's findings placed in its paragraphs. A report the core failed on
 * is printed to stderr and added to `skipped`.
 */
export async function runTasks(tasks: readonly Task[], skipped: SkippedFile[], jobs: number | undefined, locale: Locale): Promise<{ checked: CheckedReport[]; failed: boolean }> {
  const outcomes = await analyzeAll(tasks, jobs);
  const checked: CheckedReport[] = [];
  let failed = false;
  outcomes.forEach((o, i) => {
    if ('error' in o) {
      failed = true;
      process.stderr.write(`duty-report: 分析 ${safeTerminalText(tasks[i].path)} 时出错（analysis failed）：\n${o.error}\n`);
      skipped.push({ path: tasks[i].path, reason: locale === 'zh' ? '分析时出错' : 'analysis failed' });
    } else {
      const t = tasks[i];
      const file: CheckedReport = { path: t.path, format: t.format, encoding: t.encoding, result: o.result };
      if (t.word) {
        file.docx = docxPlaces(t.word.report, o.result.findings);
        if (o.result.waivers?.length) file.docxWaivers = docxWaiverPlaces(t.word.report, o.result.waivers);
        file.word = t.word;
      }
      checked.push(file);
    }
  });
  return { checked, failed };
}
