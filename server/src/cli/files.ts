/**
 * Finding the reports to check (files named, folders searched) and reading each one: text in
 * the encodings node/decode.ts knows, a Word file through node/docx (cli/word.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportEncoding, ReportFormat } from '../format/types';
import { decodeText } from '../node/decode';
import { UsageError, type CheckArgs } from './args';
import { displayPath, errorText, warn } from './output';
import { ANNOTATED_COPY, readWord, type WordSource } from './word';

/** Larger files are refused: no real 述职报告 comes near it, and it bounds memory per file. */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * A report as text, with what it was read as (a text encoding, or for a Word file the reader's
 * report and bytes); or why it was not read.
 */
export type ReadOutcome = { text: string; format: ReportFormat; encoding?: ReportEncoding; word?: WordSource } | { reason: string; reasonEn: string };

/** How files of one kind are read; it may throw on a file-system error. */
type Reader = (abs: string) => ReadOutcome;

/** Text in any encoding node/decode.ts reads, handed to the core as it is. */
function textReader(format: ReportFormat): Reader {
  return (abs) => {
    const decoded = decodeText(fs.readFileSync(abs));
    if ('reason' in decoded) return { reason: `${decoded.reason}，未分析`, reasonEn: `${decoded.reasonEn}, not analysed` };
    return { text: decoded.text, format, encoding: decoded.encoding };
  };
}

const MARKDOWN = textReader('markdown');

/** A Word file: the core analyses the Markdown node/docx makes of it; there is no text encoding. */
const DOCX: Reader = (abs) => {
  const word = readWord(abs);
  if ('reason' in word) return word;
  return { text: word.report.markdown, format: 'docx', word };
};

/**
 * The reader for each extension (lower case, with the dot): these are what folders are searched
 * for. Another kind of file is one line here.
 */
const READERS: ReadonlyMap<string, Reader> = new Map([
  ['.md', MARKDOWN],
  ['.markdown', MARKDOWN],
  ['.txt', textReader('text')],
  ['.docx', DOCX],
]);

/** The extensions searched for, as shown in messages: `*.md、*.markdown、*.txt`. */
function patterns(separator: string): string {
  return [...READERS.keys()].map((ext) => `*${ext}`).join(separator);
}

/** A file named explicitly is checked whatever its extension, as Markdown. */
function readerFor(abs: string): Reader {
  return READERS.get(path.extname(abs).toLowerCase()) ?? MARKDOWN;
}

function isReportFile(name: string): boolean {
  return READERS.has(path.extname(name).toLowerCase());
}

/**
 * Recursively collects the files READERS knows, skipping node_modules, dot-folders and our own
 * annotated copies (counted in `copies`; one named explicitly is checked like any file);
 * symlinked folders are not followed (no cycles).
 */
function walk(dir: string, out: string[], copies: string[]): void {
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
      walk(full, out, copies);
    } else if (ANNOTATED_COPY.test(e.name)) {
      copies.push(full);
    } else if (isReportFile(e.name)) {
      if (e.isFile()) out.push(full);
      else if (e.isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isFile()) out.push(full);
    }
  }
}

function collectFiles(inputs: readonly string[]): string[] {
  const found: string[] = [];
  const copies: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`找不到文件或文件夹：${input}`, `no such file or folder: ${input}`);
    if (stat.isDirectory()) walk(abs, found, copies);
    else found.push(abs); // A file named explicitly is checked whatever its extension.
  }
  if (copies.length) {
    warn(
      `文件夹里的 ${copies.length} 个批注副本（*.批注.docx，--format docx 写出的）不检查`,
      `${copies.length} annotated ${copies.length === 1 ? 'copy' : 'copies'} (*.批注.docx, written by --format docx) in the folders not checked`,
    );
  }
  const unique = [...new Set(found)];
  const keyed = unique.map((abs) => ({ abs, key: displayPath(abs) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.abs);
}

export interface Inputs {
  /** Absolute paths of the reports, in the order they are shown. */
  files: string[];
  /** The absolute path of `--config`, when given. */
  explicitConfig: string | undefined;
}

/** The reports to check and the configuration file named, or a UsageError when either is missing. */
export function resolveInputs(args: CheckArgs): Inputs {
  const files = collectFiles(args.inputs);
  let explicitConfig: string | undefined;
  if (args.config !== undefined) {
    explicitConfig = path.resolve(args.config);
    if (!fs.statSync(explicitConfig, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`找不到配置文件：${args.config}`, `no such configuration file: ${args.config}`);
    }
  }
  if (!files.length) throw new UsageError(`给出的文件夹里没有 ${patterns('、')} 文件`, `no ${patterns(', ')} files in the given folders`);
  return { files, explicitConfig };
}

/** Reads a report by its extension's reader; binary, undecodable and oversized files are refused with a reason. */
export function readReport(abs: string): ReadOutcome {
  try {
    const size = fs.statSync(abs).size;
    if (size > MAX_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(1);
      return { reason: `文件太大（${mb} MB，上限 20 MB），拒绝分析`, reasonEn: `file too large (${mb} MB, limit 20 MB), refused` };
    }
    return readerFor(abs)(abs);
  } catch (err) {
    return { reason: `无法读取文件：${errorText(err)}`, reasonEn: `cannot read file: ${errorText(err)}` };
  }
}
