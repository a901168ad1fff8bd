/**
 * The command line's words: `duty-report check [options] <files|folders>…` and
 * `duty-report export --docx <draft.md> [--output file.docx] [--force]` parsed, and the help text.
 */
import { version } from '../../../package.json';
import { PROFILE_IDS, profileName } from '../core';
import type { Locale } from '../core/types';
import { findFormat, FORMAT_IDS, FORMATS, type Format } from '../format';
import { textFormat } from '../format/text';
import { POOL_THRESHOLD } from './pool';

export interface CheckArgs {
  inputs: string[];
  profile?: string;
  config?: string;
  /** The text output's format; `text` with --format docx, whose summary goes to stdout. */
  format: Format;
  /** --format docx: annotated copies of the Word files checked (annotate.ts); `output` is then their folder. */
  annotate?: boolean;
  output?: string;
  locale?: Locale;
  jobs?: number;
  /** --all: check every file found in the folders, not only those that read as reports. */
  all?: boolean;
}

/** `duty-report export --docx <draft.md>`: the draft, where to write, and whether an existing file may go. */
export interface ExportArgs {
  input: string;
  output?: string;
  force: boolean;
}

export type Parsed = { kind: 'help' } | { kind: 'version' } | { kind: 'check'; args: CheckArgs } | { kind: 'export'; args: ExportArgs };

/** Bad usage: printed Chinese first, English second, then the usage lines; exit 2. */
export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

function profileList(): string {
  return PROFILE_IDS.map((id) => `    ${id}  ${profileName(id)}`).join('\n');
}

/**
 * `--format docx` is the command line's own: it writes a file per Word report rather than one
 * text, so it is not in the registry the language server also serves (cli/annotate.ts).
 */
const DOCX_FORMAT = {
  id: 'docx',
  description: {
    zh: 'Word 批注副本：每份 .docx 另存一份，问题逐条写成批注，评分卡批注在标题上；另在标准输出给出文本结果',
    en: 'annotated Word copies: each .docx saved again, a comment per finding, the scorecard on the title; text results on stdout',
  },
} as const;

/** Every value `--format` takes: the registry's, then docx. */
const OUTPUT_IDS: readonly string[] = [...FORMAT_IDS, DOCX_FORMAT.id];

function formatList(locale: Locale): string {
  const width = Math.max(...OUTPUT_IDS.map((id) => id.length));
  return [...FORMATS, DOCX_FORMAT].map((f) => `    ${f.id.padEnd(width)}  ${f.description[locale]}`).join('\n');
}

export function helpText(): string {
  return `述职报告助手 ${version} — 检查述职报告草稿（Markdown、纯文本、Word）

用法：duty-report check [选项] <文件或文件夹>…
      duty-report export --docx <草稿.md> [--output 文件.docx] [--force]

文件夹会递归查找 *.md、*.markdown、*.txt 和 Word 文件 *.docx（跳过 node_modules、以“.”开头的文件夹
和 --format docx 写出的批注副本 *.批注.docx），按路径排序后逐个检查。
文件夹里找到的文件要看得出是述职报告（标题、文件开头的设置或提纲）才评分，其余列为“未识别为述职报告，
未评分”；直接写出的文件总是检查。读不了的文件（无法识别的编码、二进制、超过 20 MB、损坏的 Word 文件、
没有权限、管道或设备）逐个跳过并说明原因，其余照常检查。Word 文件里的位置写作“第几段”。
每个文件使用离它最近的配置文件（.duty-report.json / .yaml），--config 指定时以它为准。

选项：
  --profile ID        指定述职类型，优先于配置文件，低于文件开头的 profile 设置。可用的类型：
${profileList()}
  --config FILE       使用这个配置文件，不再自动查找
  --all               文件夹里找到的文件全部检查，不论是否识别为述职报告
  --format FORMAT     输出格式，默认 text：
${formatList('zh')}
  --output FILE       写入文件；默认或“-”表示标准输出。不能是要检查的文件，也不能是要检查的文件夹里的
                      .md、.markdown、.txt、.docx 文件；全部写完才替换原有的文件。
                      --format docx 时是批注副本所在的文件夹，
                      默认放在原文件旁边，名为“原名.批注.docx”；原文件和已有的文件从不覆盖
  --locale zh|en      消息语言（默认 zh）
  --jobs N            最多使用 N 个线程（多于 ${POOL_THRESHOLD} 个文件时才启用；不指定时四核及以上才启用）
  -h, --help          显示本帮助
  --version           显示版本号

export --docx 把 Markdown 草稿写成按公文格式（GB/T 9704）排版的 Word 文件：A4，每页 22 行、每行 28 字，
标题二号小标宋，正文三号仿宋，一级标题黑体、二级标题楷体，页码“— 1 —”；提纲序号照原文保留。
  --output FILE       写到这个文件；默认与草稿同名、扩展名为 .docx，放在草稿旁边
  --force             覆盖已有的文件（草稿本身从不覆盖）

退出码：0 没有错误级别的问题（export：已写出）；1 至少有一个错误；2 用法错误、配置错误、有文件被跳过（读不了或分析失败，
其余文件照常检查）、结果未写出、无法导出或批注副本未写出。未识别为述职报告的文件不影响退出码。

Duty Report Assistant ${version} — checks Chinese duty-report drafts (Markdown, plain text, Word)

Usage: duty-report check [options] <files|folders>…
       duty-report export --docx <draft.md> [--output file.docx] [--force]

Folders are searched recursively for *.md, *.markdown, *.txt and Word files *.docx (node_modules,
dot-folders and the annotated copies *.批注.docx that --format docx writes are skipped); files are
checked in sorted order. A file found in a folder is scored only when it reads as a report (its
title, the settings at its start or its outline); others are listed as "not recognised as a report,
not scored". A file named on the command line is always checked. A file that cannot be read (an
unknown encoding, binary, over 20 MB, a damaged Word file, no permission, a pipe or a device) is
skipped with its reason and the others are still checked. Places in a Word file are given as
paragraphs (paragraph 12). Each file uses its nearest configuration file (.duty-report.json /
.yaml) unless --config names one.

Options:
  --profile ID        profile (reporter kind) to use; overrides the configuration, not front matter
  --config FILE       use this configuration file instead of discovering one
  --all               check every file found in the folders, recognised as a report or not
  --format FORMAT     output format, text by default:
${formatList('en')}
  --output FILE       write to FILE; default or "-" is standard output. Never a file to check, nor
                      a .md, .markdown, .txt or .docx file inside a checked folder; an existing
                      file is replaced only once the whole output is written. With --format docx, the
                      folder for the annotated copies; by default each goes beside its original
                      as <name>.批注.docx. Neither the original nor an existing file is overwritten
  --locale zh|en      language of messages (default zh)
  --jobs N            use at most N threads (only above ${POOL_THRESHOLD} files; by default only with 4+ cores)
  -h, --help          show this help
  --version           show the version

export --docx writes the Markdown draft as a Word file laid out as Chinese official documents are
(GB/T 9704): A4, 22 lines of 28 characters, title in 小标宋 二号, body in 仿宋 三号, headings in 黑体
and 楷体, page numbers "— 1 —"; outline labels stay as written.
  --output FILE       write to FILE; by default the draft's name with .docx, beside it
  --force             overwrite an existing file (never the draft itself)

Exit codes: 0 no error findings (export: written); 1 at least one error; 2 bad usage, bad configuration,
a file skipped (unreadable or a failed analysis; the others are still checked), the results not
written, a failed export or an annotated copy not written. Files not recognised as reports do not
change the exit code.
`;
}

/** `--profile` named a profile neither built in nor defined by a loaded configuration. */
export function unknownProfileError(name: string): UsageError {
  return new UsageError(`未知的述职类型：${name}。可用的类型：\n${profileList()}`, `unknown profile: ${name}. Valid profiles: ${PROFILE_IDS.join(', ')}`);
}

export const SHORT_USAGE =
  '用法：duty-report check [选项] <文件或文件夹>… 或 duty-report export --docx <草稿.md>（duty-report --help 查看帮助）\nUsage: duty-report check [options] <files|folders>… or duty-report export --docx <draft.md> (see duty-report --help)';

const VALUE_OPTIONS = ['--profile', '--config', '--format', '--output', '--locale', '--jobs'];
/** Options of `export` that take no value; `--output` is the only valued one it accepts. */
const EXPORT_FLAGS = ['--docx', '--force'];
/** Options of `check` that take no value. */
const CHECK_FLAGS = ['--all'];

/** Checks one option's value and stores it in `args`. */
function setOption(args: CheckArgs, name: string, value: string): void {
  switch (name) {
    case '--profile':
      args.profile = value;
      break;
    case '--config':
      args.config = value;
      break;
    case '--output':
      args.output = value;
      break;
    case '--format': {
      if (value === DOCX_FORMAT.id) {
        args.annotate = true;
        args.format = textFormat;
        break;
      }
      const format = findFormat(value);
      if (!format) throw new UsageError(`未知的输出格式：${value}（可用：${OUTPUT_IDS.join('、')}）`, `unknown format: ${value} (valid: ${OUTPUT_IDS.join(', ')})`);
      args.annotate = false;
      args.format = format;
      break;
    }
    case '--locale':
      if (value !== 'zh' && value !== 'en') throw new UsageError(`未知的语言：${value}（可用：zh、en）`, `unknown locale: ${value} (valid: zh, en)`);
      args.locale = value;
      break;
    case '--jobs': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs 需要正整数：${value}`, `--jobs needs a positive integer: ${value}`);
      args.jobs = n;
      break;
    }
  }
}

export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const args: CheckArgs = { inputs: [], format: textFormat };
  let help = false;
  let showVersion = false;
  const given: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '--version') {
      showVersion = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (EXPORT_FLAGS.includes(arg)) {
      given.push(arg);
      continue;
    }
    if (CHECK_FLAGS.includes(arg)) {
      given.push(arg);
      if (arg === '--all') args.all = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    given.push(name);
    if (!VALUE_OPTIONS.includes(name)) throw new UsageError(`未知选项：${arg}`, `unknown option: ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`选项 ${name} 缺少取值`, `option ${name} needs a value`);
    setOption(args, name, value);
  }
  if (help) return { kind: 'help' };
  if (showVersion) return { kind: 'version' };
  if (!positional.length) throw new UsageError('缺少子命令 check', 'missing the check subcommand');
  const [command, ...inputs] = positional;
  if (command === 'export') return { kind: 'export', args: exportArgs(inputs, args.output, given) };
  if (command !== 'check') throw new UsageError(`未知子命令：${command}（有 check 和 export）`, `unknown subcommand: ${command} (check or export)`);
  const exportOnly = given.find((o) => EXPORT_FLAGS.includes(o));
  if (exportOnly) throw new UsageError(`选项 ${exportOnly} 只用于 export`, `option ${exportOnly} is for export only`);
  if (!inputs.length) throw new UsageError('没有给出要检查的文件或文件夹', 'no files or folders to check');
  args.inputs = inputs;
  return { kind: 'check', args };
}

/** `export`'s words checked: one draft, a target format, and only the options it has. */
function exportArgs(inputs: readonly string[], output: string | undefined, given: readonly string[]): ExportArgs {
  const foreign = given.find((o) => o !== '--output' && !EXPORT_FLAGS.includes(o));
  if (foreign) throw new UsageError(`选项 ${foreign} 不用于 export`, `option ${foreign} does not apply to export`);
  if (!given.includes('--docx')) throw new UsageError('export 需要指明导出格式：--docx', 'export needs the format to write: --docx');
  if (!inputs.length) throw new UsageError('没有给出要导出的草稿', 'no draft to export');
  if (inputs.length > 1) throw new UsageError(`一次只导出一份草稿，给出了 ${inputs.length} 个`, `one draft at a time, ${inputs.length} given`);
  if (output === '-') throw new UsageError('Word 文件不能写到标准输出，请用 --output 指定文件', 'a Word file cannot go to standard output; name a file with --output');
  return { input: inputs[0], output, force: given.includes('--force') };
}
