/**
 * Finding the reports to check (files named, folders searched) and reading each one: text in
 * the encodings node/decode.ts knows, a Word file through node/docx (cli/word.ts).
 *
 * One bad path never stops the batch: a looping link, a folder that cannot be read, a pipe or a
 * device with a report's name is refused with its reason (in both languages) and the others are
 * still checked; the run then ends with exit code 2.
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

/** Why something named or found was not read: said in both languages, the path as shown. */
export interface Refusal {
  path: string;
  reason: string;
  reasonEn: string;
}

/**
 * A report as text, with what it was read as (a text encoding, or for a Word file the reader's
 * report and bytes); or why it was not read.
 */
export type ReadOutcome = { text: string; format: ReportFormat; encoding?: ReportEncoding; word?: WordSource } | { reason: string; reasonEn: string };

/** How files of one kind are read from their bytes. */
type Reader = (abs: string, bytes: Buffer) => ReadOutcome;

/** Text in any encoding node/decode.ts reads, handed to the core as it is. */
function textReader(format: ReportFormat): Reader {
  return (_abs, bytes) => {
    const decoded = decodeText(bytes);
    if ('reason' in decoded) return { reason: `${decoded.reason}，未分析`, reasonEn: `${decoded.reasonEn}, not analysed` };
    return { text: decoded.text, format, encoding: decoded.encoding };
  };
}

const MARKDOWN = textReader('markdown');

/** A Word file: the core analyses the Markdown node/docx makes of it; there is no text encoding. */
const DOCX: Reader = (abs, bytes) => {
  const word = readWord(abs, bytes);
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

/** Does a folder search pick up a file of this name (and would the next run check an output written there)? */
export function isReportFile(name: string): boolean {
  return READERS.has(path.extname(name).toLowerCase());
}

/** A file-system error in words: the common ones said plainly, any other with Node's message. */
function fsReason(err: unknown, what: { zh: string; en: string }): { reason: string; reasonEn: string } {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { reason: `${what.zh}：符号链接绕回自身（循环），未读取`, reasonEn: `${what.en}: the symbolic link loops back on itself, not read` };
  if (code === 'EACCES' || code === 'EPERM') return { reason: `${what.zh}：没有读取权限`, reasonEn: `${what.en}: permission denied` };
  return { reason: `${what.zh}：${errorText(err)}`, reasonEn: `${what.en}: ${errorText(err)}` };
}

const CANNOT_READ_FILE = { zh: '无法读取文件', en: 'cannot read file' };
const CANNOT_READ_FOLDER = { zh: '无法读取文件夹', en: 'cannot read folder' };

/** A pipe, socket or device: reading one could wait forever (a FIFO) or never end (/dev/zero). */
function notRegular(): { reason: string; reasonEn: string } {
  return { reason: '不是普通文件（管道、设备或套接字），未读取', reasonEn: 'not a regular file (a pipe, device or socket), not read' };
}

function tooLarge(bytes: number | undefined): { reason: string; reasonEn: string } {
  if (bytes === undefined) return { reason: '文件太大（超过 20 MB），拒绝分析', reasonEn: 'file too large (over 20 MB), refused' };
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return { reason: `文件太大（${mb} MB，上限 20 MB），拒绝分析`, reasonEn: `file too large (${mb} MB, limit 20 MB), refused` };
}

/** What a search of the inputs gave: the files to read and the entries refused on the way. */
interface Found {
  files: string[];
  /** Files named on the command line: checked whatever they hold. */
  named: Set<string>;
  refused: Refusal[];
  copies: string[];
}

function refuse(found: Found, abs: string, why: { reason: string; reasonEn: string }, folder = false): void {
  found.refused.push({ path: displayPath(abs) + (folder ? '/' : ''), reason: why.reason, reasonEn: why.reasonEn });
}

/**
 * Recursively collects the files READERS knows, skipping node_modules, dot-folders and our own
 * annotated copies (counted in `copies`; one named explicitly is checked like any file);
 * symlinked folders are not followed (no cycles). A folder that cannot be read, a link that
 * loops and an entry with a report's name that is no regular file are refused with a reason; a
 * dangling link (an editor's lock file) is passed over, as before.
 */
function walk(dir: string, found: Found): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    refuse(found, dir, fsReason(err, CANNOT_READ_FOLDER), true);
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      walk(full, found);
    } else if (ANNOTATED_COPY.test(e.name)) {
      found.copies.push(full);
    } else if (isReportFile(e.name)) {
      if (e.isFile()) {
        found.files.push(full);
        continue;
      }
      if (!e.isSymbolicLink()) {
        refuse(found, full, notRegular());
        continue;
      }
      let target: fs.Stats | undefined;
      try {
        target = fs.statSync(full, { throwIfNoEntry: false });
      } catch (err) {
        refuse(found, full, fsReason(err, CANNOT_READ_FILE));
        continue;
      }
      if (!target || target.isDirectory()) continue;
      if (target.isFile()) found.files.push(full);
      else refuse(found, full, notRegular());
    }
  }
}

function collectFiles(inputs: readonly string[]): Found {
  const found: Found = { files: [], named: new Set(), refused: [], copies: [] };
  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs, { throwIfNoEntry: false });
    } catch (err) {
      // Under a folder that cannot be searched, or a link that loops: this one is refused, the rest go on.
      refuse(found, abs, fsReason(err, CANNOT_READ_FILE));
      continue;
    }
    if (!stat) throw new UsageError(`找不到文件或文件夹：${input}`, `no such file or folder: ${input}`);
    if (stat.isDirectory()) walk(abs, found);
    else {
      // A file named explicitly is checked whatever its extension (a pipe or device is refused when read).
      found.files.push(abs);
      found.named.add(abs);
    }
  }
  if (found.copies.length) {
    const n = found.copies.length;
    warn(`文件夹里的 ${n} 个批注副本（*.批注.docx，--format docx 写出的）不检查`, `${n} annotated ${n === 1 ? 'copy' : 'copies'} (*.批注.docx, written by --format docx) in the folders not checked`);
  }
  const keyed = [...new Set(found.files)].map((abs) => ({ abs, key: displayPath(abs) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  found.files = keyed.map((k) => k.abs);
  const seen = new Set<string>();
  found.refused = found.refused.filter((r) => !seen.has(r.path) && !!seen.add(r.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found;
}

export interface Inputs {
  /** Absolute paths of the reports, in the order they are shown. */
  files: string[];
  /** Of `files`, those named on the command line: always checked, report or not. */
  named: ReadonlySet<string>;
  /** Entries that could not be looked at (a looping link, an unreadable folder): listed as skipped, exit 2. */
  refused: Refusal[];
  /** Absolute paths of the folders named, searched for reports. */
  folders: string[];
  /** The absolute path of `--config`, when given. */
  explicitConfig: string | undefined;
}

/** The reports to check and the configuration file named, or a UsageError when either is missing. */
export function resolveInputs(args: CheckArgs): Inputs {
  const found = collectFiles(args.inputs);
  const folders = args.inputs.map((i) => path.resolve(i)).filter((abs) => isFolder(abs));
  let explicitConfig: string | undefined;
  if (args.config !== undefined) {
    explicitConfig = path.resolve(args.config);
    if (!fs.statSync(explicitConfig, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`找不到配置文件：${args.config}`, `no such configuration file: ${args.config}`);
    }
  }
  if (!found.files.length && !found.refused.length) throw new UsageError(`给出的文件夹里没有 ${patterns('、')} 文件`, `no ${patterns(', ')} files in the given folders`);
  return { files: found.files, named: found.named, refused: found.refused, folders, explicitConfig };
}

function isFolder(abs: string): boolean {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/** O_NONBLOCK where there is one: opening a FIFO for reading must not wait for a writer. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * At most `max` bytes of an open file. The common case, a file of the size fstat gave, is one
 * read into a buffer of its own (not a slice of a shared pool: the Word reader and the annotated
 * copies keep these bytes); a file that grows meanwhile is read on only up to `max`.
 */
function readAtMost(fd: number, size: number, max: number): Buffer {
  const first = Buffer.allocUnsafeSlow(Math.min(size, max));
  let total = 0;
  while (total < first.length) {
    const n = fs.readSync(fd, first, total, first.length - total, null);
    if (n === 0) return first.subarray(0, total); // shrank meanwhile
    total += n;
  }
  const chunks: Buffer[] = [first];
  while (total < max) {
    const chunk = Buffer.allocUnsafeSlow(Math.min(64 * 1024, max - total));
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  if (chunks.length === 1) return first;
  const all = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const c of chunks) at += c.copy(all, at);
  return all;
}

/**
 * Reads a report by its extension's reader. Only regular files are read, and none over 20 MB:
 * the size is checked before reading (stat) and while reading (at most 20 MB + 1 byte is read),
 * so neither /dev/zero nor a named pipe nor a file still growing can hold the run. Binary,
 * undecodable and damaged files are refused with a reason.
 */
export function readReport(abs: string): ReadOutcome {
  let fd: number;
  try {
    // Looked at before opening: opening some devices does something.
    const stat = fs.statSync(abs);
    if (!stat.isFile()) return notRegular();
    if (stat.size > MAX_BYTES) return tooLarge(stat.size);
    fd = fs.openSync(abs, OPEN_FLAGS);
  } catch (err) {
    return fsReason(err, CANNOT_READ_FILE);
  }
  try {
    // And again on what was opened, in case the path changed in between.
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return notRegular();
    if (stat.size > MAX_BYTES) return tooLarge(stat.size);
    const bytes = readAtMost(fd, stat.size, MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) return tooLarge(undefined);
    return readerFor(abs)(abs, bytes);
  } catch (err) {
    return fsReason(err, CANNOT_READ_FILE);
  } finally {
    fs.closeSync(fd);
  }
}
