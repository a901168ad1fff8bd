/** Finding the reports to check (files named, folders searched) and reading each one as text. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, type CheckArgs } from './args';
import { displayPath, errorText, warn } from './output';

/** Larger files are refused: no real 述职报告 comes near it, and it bounds memory per file. */
const MAX_BYTES = 20 * 1024 * 1024;

function isReportFile(name: string): boolean {
  return /\.md$/i.test(name);
}

/** Recursively collects *.md, skipping node_modules and dot-folders; symlinked folders are not followed (no cycles). */
function walk(dir: string, out: string[]): void {
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
      walk(full, out);
    } else if (isReportFile(e.name)) {
      if (e.isFile()) out.push(full);
      else if (e.isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isFile()) out.push(full);
    }
  }
}

function collectFiles(inputs: readonly string[]): string[] {
  const found: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`找不到文件或文件夹：${input}`, `no such file or folder: ${input}`);
    if (stat.isDirectory()) walk(abs, found);
    else found.push(abs); // A file named explicitly is checked whatever its extension.
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
  if (!files.length) throw new UsageError('给出的文件夹里没有 *.md 文件', 'no *.md files in the given folders');
  return { files, explicitConfig };
}

export type ReadOutcome = { text: string } | { reason: string; reasonEn: string };

/** Reads a report as UTF-8 text; binary, non-UTF-8 and oversized files are refused with a reason. */
export function readReport(abs: string): ReadOutcome {
  try {
    const size = fs.statSync(abs).size;
    if (size > MAX_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(1);
      return { reason: `文件太大（${mb} MB，上限 20 MB），拒绝分析`, reasonEn: `file too large (${mb} MB, limit 20 MB), refused` };
    }
    const buf = fs.readFileSync(abs);
    // Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: decode it, do not call it binary.
    const utf16 = buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe ? 'utf-16le' : buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff ? 'utf-16be' : undefined;
    if (utf16) {
      let text: string;
      try {
        text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(buf.subarray(2));
      } catch {
        return { reason: '文件不是有效的 UTF-16 文本，未分析', reasonEn: 'file is not valid UTF-16, not analysed' };
      }
      if (text.includes('\u0000')) return { reason: '文件含 NUL 字符，像是二进制文件，未分析', reasonEn: 'file contains NUL characters, looks binary, not analysed' };
      return { text };
    }
    if (buf.includes(0)) {
      return { reason: '文件含 NUL 字节，像是二进制文件，未分析', reasonEn: 'file contains NUL bytes, looks binary, not analysed' };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
    } catch {
      return { reason: '文件不是有效的 UTF-8 文本（请另存为 UTF-8 编码），未分析', reasonEn: 'file is not valid UTF-8 (save it as UTF-8), not analysed' };
    }
    // A BOM is not part of the report: offsets must match what an editor shows.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (err) {
    return { reason: `无法读取文件：${errorText(err)}`, reasonEn: `cannot read file: ${errorText(err)}` };
  }
}
