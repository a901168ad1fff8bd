/** What the command line prints: paths as shown, warnings, usage failures, the formatted results and the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../core/types';
import type { CheckedFile, FormatInput, SkippedFile } from '../format';
import { safeTerminalText } from '../format/text';
import { SHORT_USAGE, type CheckArgs, type UsageError } from './args';

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

/**
 * Writes the results in the chosen format to standard output or to `--output`.
 * Returns false, having said why, when the file cannot be written.
 */
export function writeResults(args: CheckArgs, files: CheckedFile[], skipped: SkippedFile[], locale: Locale): boolean {
  const toStdout = args.output === undefined || args.output === '-';
  const input: FormatInput = {
    files,
    skipped,
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
    const fd = fs.openSync(path.resolve(args.output as string), 'w');
    try {
      for (const piece of pieces) fs.writeSync(fd, piece);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    process.stderr.write(`duty-report: 无法写入 ${args.output}：${errorText(err)}\nduty-report: cannot write ${args.output}\n`);
    return false;
  }
  return true;
}

/** 2 when a report or the configuration failed, else 1 when any finding is an error, else 0. */
export function exitCode(checked: readonly CheckedFile[], failed: boolean): number {
  if (failed) return 2;
  return checked.some((f) => f.result.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}
