/**
 * Which Markdown documents are reports. Silence in the wrong files matters as much as findings
 * in the right ones (SPEC "Silence where it does not belong"): a README gets nothing.
 */
import { compileGlob, GlobError } from './glob';
import { recognizeReport } from '../core/recognize';
import { REPORT_LANGUAGES } from '../../../shared/protocol';

export interface ReportDecision {
  check: boolean;
  /** Why, in a few words, for the log and the status bar tooltip. */
  reason: string;
}

export type GlobMatcher = (path: string) => boolean;

/**
 * Globs as VS Code's `files.associations` reads them: one with a slash is matched against the
 * workspace-relative path, one without against the file name alone. A glob that cannot be used
 * is left out, and `problems` says which and why.
 */
export function compileGlobs(globs: readonly string[], problems: string[] = []): GlobMatcher {
  const matchers: ((rel: string, base: string) => boolean)[] = [];
  for (const g of globs) {
    try {
      const isPath = g.includes('/');
      const m = compileGlob(g);
      matchers.push((rel, base) => (isPath ? m(rel) : m(base)));
    } catch (err) {
      const why = err instanceof GlobError ? err.message : String(err);
      problems.push(`dutyReport.files 中的 glob 无法使用，已忽略 / unusable glob in dutyReport.files, ignored: ${JSON.stringify(g.length > 80 ? g.slice(0, 80) + '…' : g)} (${why})`);
    }
  }
  // A document's path does not change between keystrokes: decide once per path.
  const seen = new Map<string, boolean>();
  return (path: string) => {
    let hit = seen.get(path);
    if (hit === undefined) {
      const rel = path.replace(/\\/g, '/').replace(/^\/+/, '');
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      hit = matchers.some((m) => m(rel, base));
      if (seen.size >= 10000) seen.clear();
      seen.set(path, hit);
    }
    return hit;
  };
}

/** The path a glob is matched against: relative to the innermost workspace folder holding it. */
export function relativeToFolders(filePath: string, folders: readonly string[]): string {
  const norm = filePath.replace(/\\/g, '/');
  let best: string | undefined;
  for (const f of folders) {
    const dir = f.replace(/\\/g, '/').replace(/\/+$/, '');
    if (norm.startsWith(dir + '/') && (!best || dir.length > best.length)) best = dir;
  }
  return best ? norm.slice(best.length + 1) : norm;
}

export interface DecideInput {
  languageId: string;
  /** Workspace-relative (or absolute) path with forward slashes; undefined for untitled documents. */
  path?: string;
  text: string;
  enable: boolean;
  forced: boolean;
  files: GlobMatcher;
  detectByContent: boolean;
}

export function decideReport(input: DecideInput): ReportDecision {
  if (!input.enable) return { check: false, reason: 'dutyReport.enable = false' };
  if (!REPORT_LANGUAGES.includes(input.languageId)) return { check: false, reason: `language ${input.languageId}` };
  if (input.forced) return { check: true, reason: '已对本文件开启检查 / checking turned on for this file' };
  const seen = recognizeReport(input.text);
  // An explicit "not a report" in front matter wins over a matching file name.
  if (!seen.report && seen.by === 'front-matter') return { check: false, reason: `front matter: ${seen.evidence}` };
  if (seen.report && seen.by === 'front-matter') return { check: true, reason: `front matter: ${seen.evidence}` };
  if (input.path && input.files(input.path)) return { check: true, reason: '文件名符合 dutyReport.files / file name matches dutyReport.files' };
  if (input.detectByContent && seen.report) {
    return { check: true, reason: seen.by === 'title' ? `标题像述职报告 / title: ${seen.evidence}` : `提纲像述职报告 / outline: ${seen.evidence}` };
  }
  return { check: false, reason: '不是述职报告 / not a report' };
}
