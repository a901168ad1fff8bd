/** What the command line prints: paths as shown, warnings, usage failures, the formatted results and the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../core/types';
import type { CheckedFile, FormatInput, SkippedFile } from '../format';
import { safeTerminalText } from '../format/text';
import { SHORT_USAGE, UsageError, type CheckArgs } from './args';

/** Relative to the current directory with forward slashes, as every output format shows paths. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function warn(zh: string, en: string): void {
  process.stderr.write(`duty-report: ${safeTerminalText(zh)}（${safeTerminalText(en)}）\n`);
}

export function usageFailure(err: UsageError): number {
  process.stderr.write(`duty-report: ${safeTerminalText(err.zh)}\nduty-report: ${safeTerminalText(err.en)}\n\n${SHORT_USAGE}\n`);
  return 2;
}

/** The same file, also through a link or another spelling of its path. */
function sameFile(a: string, b: fs.Stats | undefined, bPath: string): boolean {
  if (a === bPath) return true;
  const sa = fs.statSync(a, { throwIfNoEntry: false });
  return !!sa && !!b && sa.dev === b.dev && sa.ino === b.ino;
}

/** The real path of a file that may not exist yet: its folder resolved, its name kept. */
function realTarget(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Is `abs` inside `folder` (at any depth)? */
function isInside(abs: string, folder: string): boolean {
  const rel = path.relative(folder, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Refuses (a UsageError, before anything is read or written) an `--output` that would touch a
 * report: one of the files to check, or a file the next search of a checked folder would pick
 * up as a report (a checked extension inside it). An existing folder is refused too.
 */
export function checkOutputPath(output: string | undefined, files: readonly string[], folders: readonly string[], isReportName: (name: string) => boolean): void {
  if (output === undefined || output === '-') return;
  const abs = path.resolve(output);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new UsageError(`--output 应是文件，${output} 是文件夹`, `--output names a file; ${output} is a folder`);
  const real = realTarget(abs);
  if (files.some((f) => sameFile(f, stat, abs) || realTarget(f) === real)) {
    throw new UsageError(
      `输出文件 ${output} 就是要检查的文件，不会覆盖它；请用 --output 另指一个文件`,
      `the output ${output} is one of the files to check; it is never overwritten: name another file with --output`,
    );
  }
  if (!isReportName(path.basename(abs))) return;
  const folder = folders.find((f) => isInside(abs, f) || isInside(real, realTarget(f)));
  if (folder !== undefined) {
    const shown = displayPath(folder);
    throw new UsageError(
      `输出文件 ${output} 在要检查的文件夹 ${shown} 里，下次检查会把它当作一份报告；请写到文件夹外，或换一个扩展名（如 .json、.sarif、.html）`,
      `the output ${output} is inside the checked folder ${shown} and would be checked as a report next time: write it outside the folder or use another extension (.json, .sarif, .html)`,
    );
  }
}

/**
 * Writes `pieces` to `target` through a temporary file in the same folder, renamed into place
 * only once all is written: a write that fails (a full disk, a size limit) leaves the file that
 * was there as it was, and no temporary file behind. A link at `target` is written through.
 */
function writeWhole(target: string, pieces: Iterable<string>): void {
  const real = realTarget(target);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx');
    // The replaced file's permissions stay its own.
    const before = fs.statSync(real, { throwIfNoEntry: false });
    if (before) fs.fchmodSync(fd, before.mode & 0o7777);
    for (const piece of pieces) fs.writeSync(fd, piece);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, real);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes the results in the chosen format to standard output or to `--output`.
 * Returns false, having said why, when the file cannot be written.
 */
export function writeResults(args: CheckArgs, files: CheckedFile[], skipped: SkippedFile[], unrecognised: string[], locale: Locale): boolean {
  const toStdout = args.output === undefined || args.output === '-';
  const input: FormatInput = {
    files,
    skipped,
    unrecognised,
    locale,
    color: toStdout && process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  const output = args.format.write(input, { srcRootUri: pathToFileURL(process.cwd()).href, layout: 'lines' });
  const pieces = typeof output === 'string' ? [output] : output;
  if (toStdout) {
    for (const piece of pieces) process.stdout.write(piece);
    return true;
  }
  try {
    writeWhole(path.resolve(args.output as string), pieces);
  } catch (err) {
    const shown = safeTerminalText(args.output as string);
    process.stderr.write(`duty-report: 无法写入 ${shown}：${safeTerminalText(errorText(err))}，原有的文件保持不变\nduty-report: cannot write ${shown}: ${safeTerminalText(errorText(err))}; any file there is left as it was\n`);
    return false;
  }
  return true;
}

/**
 * The exit code: 2 when anything failed (a file refused or not analysed, a bad configuration,
 * a copy not written), else 1 when any finding is an error, else 0.
 */
export function exitCode(checked: readonly CheckedFile[], failed: boolean): number {
  if (failed) return 2;
  return checked.some((f) => f.result.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}
