/**
 * `duty-report export --docx <draft.md> [--output file.docx] [--force]`: the writer's way from a
 * finished Markdown draft to a Word file to hand in (node/export lays it out).
 *
 * It writes one file and nothing else: never the draft itself, and never over an existing file
 * unless --force is given. Exit codes: 0 written; 2 bad usage, an unreadable draft or a failed write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../core';
import { safeTerminalText } from '../format/text';
import { exportDocx } from '../node/export';
import { UsageError, type ExportArgs } from './args';
import { readReport } from './files';
import { displayPath, errorText, usageFailure } from './output';

/** A failure that is not bad usage: said in both languages, without the usage lines; exit 2. */
function fail(zh: string, en: string): number {
  process.stderr.write(`duty-report: ${safeTerminalText(zh)}\nduty-report: ${safeTerminalText(en)}\n`);
  return 2;
}

/** Where the Word file goes: --output, else beside the draft with .docx in place of its extension. */
export function exportTarget(args: ExportArgs): string {
  if (args.output !== undefined) return path.resolve(args.output);
  const abs = path.resolve(args.input);
  const { dir, name } = path.parse(abs);
  return path.join(dir, `${name}.docx`);
}

/** The same file, also through a link or another spelling of its path. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  const sa = fs.statSync(a, { throwIfNoEntry: false });
  const sb = fs.statSync(b, { throwIfNoEntry: false });
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** The draft's text, or a UsageError / failure message saying why there is none. */
function readDraft(input: string): { text: string; plain: boolean } | { code: number } {
  const abs = path.resolve(input);
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  if (!stat) return { code: usageFailure(new UsageError(`找不到草稿：${input}`, `no such draft: ${input}`)) };
  if (stat.isDirectory()) return { code: usageFailure(new UsageError(`${input} 是文件夹；export 一次导出一份草稿`, `${input} is a folder; export takes one draft`)) };
  if (/\.docx$/i.test(abs)) return { code: usageFailure(new UsageError(`${input} 已经是 Word 文件；export --docx 导出的是 Markdown 草稿`, `${input} is already a Word file; export --docx takes a Markdown draft`)) };
  const read = readReport(abs);
  if ('reason' in read) return { code: fail(`无法导出 ${displayPath(abs)}：${read.reason}`, `cannot export ${displayPath(abs)}: ${read.reasonEn}`) };
  return { text: read.text, plain: read.format === 'text' };
}

export async function exportCommand(args: ExportArgs): Promise<number> {
  const draft = readDraft(args.input);
  if ('code' in draft) return draft.code;
  const source = path.resolve(args.input);
  const target = exportTarget(args);
  const shown = displayPath(target);
  if (sameFile(source, target)) {
    return usageFailure(new UsageError(`输出文件就是草稿本身（${shown}），不会覆盖它；请用 --output 另指一个文件`, `the output is the draft itself (${shown}); it is never overwritten: name another file with --output`));
  }
  const existing = fs.statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) return usageFailure(new UsageError(`${shown} 是文件夹，不能写成 Word 文件`, `${shown} is a folder, not a file to write`));
  if (existing && !args.force) return fail(`${shown} 已存在，没有覆盖；确要覆盖请加 --force`, `${shown} already exists and was left as it is; add --force to overwrite it`);

  const bytes = await exportDocx(draft.text, { format: draft.plain ? 'text' : 'markdown' });
  try {
    if (args.force) {
      // Replaced only once the new file is whole: a failed write (a full disk) keeps the old one.
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      try {
        fs.writeFileSync(tmp, bytes, { flag: 'wx' });
        fs.renameSync(tmp, target);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    } else {
      // 'wx' fails if the file appeared meanwhile: without --force nothing is ever overwritten.
      fs.writeFileSync(target, bytes, { flag: 'wx' });
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fail(`${shown} 已存在，没有覆盖；确要覆盖请加 --force`, `${shown} already exists and was left as it is; add --force to overwrite it`);
    return fail(`无法写入 ${shown}：${errorText(err)}`, `cannot write ${shown}: ${errorText(err)}`);
  }
  process.stdout.write(`${safeTerminalText(`已导出 Word 文件：${shown}`)}\n${safeTerminalText(`Wrote the Word file: ${shown}`)}\n`);
  // The checker's own count of what is still to be written: instructions are left out of the
  // file and placeholders (X月, XX次) are kept as they are, so the writer should know.
  const result = analyze(draft.text);
  const unfilled = result.findings.filter((f) => f.rule === 'unfilled').length;
  if (unfilled) {
    process.stderr.write(
      `duty-report: 注意：草稿还有 ${unfilled} 处待填写，提示语没有写进 Word 文件，占位符照原样保留\n` +
        `duty-report: note: the draft still has ${unfilled} ${unfilled === 1 ? 'place' : 'places'} to fill in; instructions are left out of the Word file, placeholders kept as written\n`,
    );
  }
  // Comments are left out of the Word file, waivers with them: the reviewer who gets only the
  // Word file would not know a check was switched off, so the writer is told.
  const waivers = result.waivers?.length ?? 0;
  if (waivers) {
    process.stderr.write(
      `duty-report: 注意：草稿里有 ${waivers} 处关闭检查的注释，注释没有写进 Word 文件；审核人要看关闭的检查和理由，请一并提交评分卡（check --format html）\n` +
        `duty-report: note: the draft switches off checks in ${waivers} ${waivers === 1 ? 'comment' : 'comments'}, and comments are left out of the Word file; to show the reviewer what was switched off and why, send the scorecard too (check --format html)\n`,
    );
  }
  return 0;
}
