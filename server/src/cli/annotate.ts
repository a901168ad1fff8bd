/**
 * `duty-report check --format docx`: for each Word file checked, an annotated copy a reviewer
 * can send back, every finding a Word comment (批注) on the text it flags and the scorecard one
 * comment on the title (node/docx/annotate.ts writes them into a copy of the original's bytes).
 *
 * Where: beside the original as `<name>.批注.docx`, or in the folder `--output` names. Never the
 * original and never over an existing file: a name already on disk is refused (said on stderr,
 * exit 2) and the reviewer removes it or names another folder. Two reports of one name sent to
 * one folder in the same run get `<name>.批注-2.docx`, `-3` ….
 *
 * The registry's formats return text, and also run in the language server and the browser; this
 * one writes files, so the CLI runs it itself, after printing the text output to stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleName, RULES } from '../core';
import { OUTLINE_ROLES, type AnalysisResult, type Locale } from '../core/types';
import { WORDS } from '../core/words';
import { safeTerminalText, waiverText } from '../format/text';
import type { DocxPosition } from '../format/types';
import { annotateDocx } from '../node/docx/annotate';
import { UsageError } from './args';
import { displayPath, errorText, warn } from './output';
import type { CheckedReport } from './run';
import { ANNOTATED_SUFFIX, offsetsIn } from './word';

/** Who the comments are from, as Word shows it beside each one. */
const AUTHOR: Record<Locale, string> = { zh: '述职报告助手', en: 'Duty Report Assistant' };
const INITIALS = 'DR';

/** `--output` for annotated copies is a folder (made when missing), never a file or stdout; checked before any work. */
export function checkCopyFolder(output: string | undefined): void {
  if (output === undefined) return;
  if (output === '-') throw new UsageError('--format docx 写出的是 Word 文件，不能写到标准输出；--output 请指定一个文件夹', '--format docx writes Word files, not standard output; give --output a folder');
  const stat = fs.statSync(path.resolve(output), { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    throw new UsageError(`--format docx 的 --output 应是文件夹，${output} 是文件`, `with --format docx, --output names a folder; ${output} is a file`);
  }
}


function percent(n: number): string {
  return `${Math.round((Number.isFinite(n) ? n : 0) * 100)}%`;
}

/**
 * The scorecard as one comment, a line each: score and tier, profile and why, 字数 and shares,
 * required topics, how many findings of each rule (in the rules' order), what the tier rests on,
 * and every check switched off, where (its 段 when `places` are given) and why.
 */
export function scorecardComment(r: AnalysisResult, locale: Locale, places?: readonly DocxPosition[]): string {
  const zh = locale === 'zh';
  const tier = WORDS.tier[locale][r.tier] ?? r.tier;
  const source = WORDS.profileSource[locale][r.profile.source] ?? r.profile.source;
  const shares = OUTLINE_ROLES.map((role) => `${WORDS.roleShort[locale][role]} ${percent(r.stats.shares[role])}`).join(zh ? '，' : ', ');
  const counts = new Map<string, number>();
  for (const f of r.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const order = (id: string): number => RULES.find((x) => x.id === id)?.order ?? Number.MAX_SAFE_INTEGER;
  const perRule = [...counts].sort((a, b) => order(a[0]) - order(b[0])).map(([id, n]) => `${ruleName(id, locale)} ${n}`);
  const topics = r.stats.topics ?? [];
  const lines = zh
    ? [`【评分卡】评分 ${r.score}/100（${tier}）`, `述职类型：${r.profile.name}（${source}）`, `字数：${r.stats.units} 字；${shares}`]
    : [`[Scorecard] score ${r.score}/100 (${tier})`, `Profile: ${r.profile.name} (${source})`, `Length: ${r.stats.units} characters; ${shares}`];
  if (topics.length) lines.push(zh ? `必述内容：${topics.filter((t) => t.covered).length}/${topics.length}` : `Required topics: ${topics.filter((t) => t.covered).length}/${topics.length}`);
  lines.push(zh ? `检查意见 ${r.findings.length} 条${perRule.length ? `：${perRule.join('，')}` : ''}` : `${r.findings.length} findings${perRule.length ? `: ${perRule.join(', ')}` : ''}`);
  if (r.tierReasons?.length) lines.push(zh ? `定档依据：${r.tierReasons.join('；')}` : `Tier because: ${r.tierReasons.join('; ')}`);
  (r.waivers ?? []).forEach((w, k) => lines.push(`${zh ? '已关闭检查：' : 'Check switched off: '}${waiverText(w, locale, places?.[k])}`));
  return lines.join('\n');
}

/** One finding as a comment: the rule's name in brackets, then the message. */
function findingComment(rule: string, message: string, locale: Locale): string {
  return locale === 'zh' ? `【${ruleName(rule, locale)}】${message}` : `[${ruleName(rule, locale)}] ${message}`;
}

/** Where a copy of `source` goes: `<name>.批注.docx` in `dir`, numbered when this run already took that name. */
function copyName(source: string, dir: string, taken: Set<string>): string {
  const { name } = path.parse(source);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, `${name}${ANNOTATED_SUFFIX}${n > 1 ? `-${n}` : ''}.docx`);
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/**
 * Writes an annotated copy of every Word file in `checked` and prints, on stdout, which were
 * written and which reports were not annotated (not Word files). Returns false when a copy was
 * not written (a file already there, a folder that cannot be written): said on stderr, exit 2.
 */
export function writeAnnotatedCopies(checked: readonly CheckedReport[], output: string | undefined, locale: Locale): boolean {
  const zh = locale === 'zh';
  const taken = new Set<string>();
  const written: string[] = [];
  const others: string[] = [];
  let ok = true;
  for (const file of checked) {
    if (!file.word) {
      others.push(file.path);
      continue;
    }
    const { abs, report, bytes } = file.word;
    const target = copyName(abs, output === undefined ? path.dirname(abs) : path.resolve(output), taken);
    const shown = displayPath(target);
    const offsetOf = offsetsIn(report.markdown);
    const notes = file.result.findings.map((f) => ({ start: offsetOf(f.range.start), end: offsetOf(f.range.end), text: findingComment(f.rule, f.message, locale) }));
    try {
      const copy = annotateDocx(bytes, report, notes, { author: AUTHOR[locale], initials: INITIALS, date: new Date(), summary: scorecardComment(file.result, locale, file.docxWaivers) });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // 'wx': never over a file that is there, whatever made it (an earlier run, the reviewer).
      fs.writeFileSync(target, copy, { flag: 'wx' });
    } catch (err) {
      ok = false;
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        warn(
          `${shown} 已存在，没有覆盖，${file.path} 的批注副本未写出；请删去它或用 --output 另指文件夹`,
          `${shown} already exists and was left as it is; no annotated copy of ${file.path} was written: remove it or name another folder with --output`,
        );
      } else {
        warn(`无法写出 ${file.path} 的批注副本 ${shown}：${errorText(err)}`, `cannot write the annotated copy ${shown} of ${file.path}`);
      }
      continue;
    }
    const n = notes.length + 1;
    written.push(zh ? `  ${file.path} → ${shown}（${n} 条批注：${notes.length} 条检查意见和评分卡）` : `  ${file.path} → ${shown} (${n} comments: ${notes.length} findings and the scorecard)`);
  }
  const out: string[] = [];
  if (written.length) out.push(zh ? '已写出批注副本：' : 'Annotated copies written:', ...written);
  else out.push(zh ? '没有写出批注副本。' : 'No annotated copy written.');
  if (others.length) out.push(zh ? '未加批注（不是 Word 文件）：' : 'Not annotated (not Word files):', ...others.map((p) => `  ${p}`));
  process.stdout.write(out.map(safeTerminalText).join('\n') + '\n');
  return ok;
}
