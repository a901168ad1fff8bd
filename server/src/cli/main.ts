/**
 * The reviewer's command line: `duty-report check [options] <files|folders>…`, and the
 * writer's `duty-report export --docx <draft.md>` (export.ts).
 *
 * Exit codes: 0 no finding is an error; 1 at least one is; 2 bad usage, a report the core
 * failed on, or a configuration with errors (its valid parts still apply and every report is
 * still checked).
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
import { resolveInputs, type Inputs } from './files';
import { exitCode, usageFailure, writeResults } from './output';
import { readTasks, runTasks } from './run';

async function check(args: CheckArgs): Promise<number> {
  let inputs: Inputs;
  try {
    if (args.annotate) checkCopyFolder(args.output);
    inputs = resolveInputs(args);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err);
    throw err;
  }
  // Configuration first, so that its problems are printed before any finding.
  const { configs, bad } = loadConfigs(inputs.files, inputs.explicitConfig, args.locale ?? 'zh');
  if (args.profile !== undefined && !isKnownProfile(args.profile, configs)) return usageFailure(unknownProfileError(args.profile));

  const displayLocale: Locale = args.locale ?? (configs.every((c) => c.locale === 'en') ? 'en' : 'zh');
  const { tasks, skipped } = readTasks(inputs.files, configs, args, displayLocale);
  const { checked, failed } = await runTasks(tasks, skipped, args.jobs, displayLocale);
  // With --format docx, --output is the copies' folder; the text results go to stdout.
  if (!writeResults(args.annotate ? { ...args, output: undefined } : args, checked, skipped, displayLocale)) return 2;
  const copiesFailed = args.annotate === true && !writeAnnotatedCopies(checked, args.output, displayLocale);
  return exitCode(checked, failed || bad || copiesFailed);
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
