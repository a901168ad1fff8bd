/**
 * The reviewer's command line: `duty-report check [options] <files|folders>…`, and the
 * writer's `duty-report export --docx <draft.md>` (export.ts).
 *
 * Exit codes: 0 no finding is an error; 1 at least one is; 2 bad usage, a file refused or
 * failed (unreadable, binary, undecodable, too large, a damaged .docx, a failed analysis: the
 * others are still checked first), results not written, or a configuration with errors (its
 * valid parts still apply and every report is still checked). A reader that closes the pipe
 * early (`| head`) changes nothing: the run ends quietly with the code it would have had.
 *
 * This file only wires the stages: args.ts parses, files.ts finds the reports, configs.ts loads
 * their configuration, run.ts reads and analyses them, output.ts writes the results, and for
 * --format docx annotate.ts writes the annotated copies of Word files.
 */
import { version } from '../../../package.json';
import type { Locale } from '../core/types';
import { checkCopyFolder, writeAnnotatedCopies } from './annotate';
import { helpText, parseArgs, unknownProfileError, UsageError, type CheckArgs, type Parsed } from './args';
import { isKnownProfile, loadConfigs } from './configs';
import { exportCommand } from './export';
import { isReportFile, resolveInputs, type Inputs } from './files';
import { checkOutputPath, exitCode, usageFailure, warn, writeResults } from './output';
import { readTasks, runTasks } from './run';

async function check(args: CheckArgs): Promise<number> {
  let inputs: Inputs;
  try {
    if (args.annotate) checkCopyFolder(args.output);
    inputs = resolveInputs(args);
    if (!args.annotate) checkOutputPath(args.output, inputs.files, inputs.folders, isReportFile);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err);
    throw err;
  }
  // Configuration first, so that its problems are printed before any finding.
  const { configs, bad } = loadConfigs(inputs.files, inputs.explicitConfig, args.locale ?? 'zh');
  if (args.profile !== undefined && !isKnownProfile(args.profile, configs)) return usageFailure(unknownProfileError(args.profile));

  const displayLocale: Locale = args.locale ?? (configs.every((c) => c.locale === 'en') ? 'en' : 'zh');
  // Entries refused while searching (a looping link, an unreadable folder), said first, then listed with the files refused when read.
  const refused = inputs.refused.map((r) => {
    warn(`跳过 ${r.path}：${r.reason}`, `skipped ${r.path}: ${r.reasonEn}`);
    return { path: r.path, reason: displayLocale === 'zh' ? r.reason : r.reasonEn };
  });
  const { tasks, skipped, unrecognised } = readTasks(inputs.files, inputs.named, configs, args, displayLocale);
  // One list in path order, as the reports are.
  skipped.push(...refused);
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { checked } = await runTasks(tasks, skipped, args.jobs, displayLocale);
  // With --format docx, --output is the copies' folder; the text results go to stdout.
  const written = writeResults(args.annotate ? { ...args, output: undefined } : args, checked, skipped, unrecognised, displayLocale);
  const copiesFailed = args.annotate === true && !writeAnnotatedCopies(checked, args.output, displayLocale);
  // Any file skipped (refused, unreadable, or failed in analysis: runTasks lists those too) makes the run a failure.
  return exitCode(checked, !written || skipped.length > 0 || bad || copiesFailed);
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
  if (parsed.kind === 'export') return exportCommand(parsed.args);
  return check(parsed.args);
}

/**
 * A reader that stops early (`| head -1`) closes the pipe: later writes fail with EPIPE, which
 * unhandled would crash the process with exit code 1, the code for "errors found". The rest of
 * the output goes nowhere and the run ends with its own code. Any other failure to write
 * standard output (a full disk) is said once and makes the code 2.
 */
function guardStdio(): void {
  let said = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    process.exitCode = 2;
    if (said) return;
    said = true;
    process.stderr.write(`duty-report: 无法写出结果（cannot write the results）：${err.message}\n`);
  });
  // Nowhere left to say anything.
  process.stderr.on('error', () => undefined);
}

guardStdio();
// Set exitCode rather than calling exit(): a piped stdout must drain before the process ends.
// An exit code already set (a failed write to stdout) is kept when higher.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
  },
  (err: unknown) => {
    process.stderr.write(`duty-report: 内部错误（internal error）：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
