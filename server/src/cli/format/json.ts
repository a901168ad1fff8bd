/**
 * `--format json`: the analysis results as they are (0-based lines, UTF-16 columns, as in
 * AnalysisResult), one object per file with its path relative to the current directory.
 */
import type { AnalysisResult, Locale } from '../../core/types';

/** One analysed file as every formatter receives it. */
export interface CheckedFile {
  /** Relative to the current directory, forward slashes. */
  path: string;
  result: AnalysisResult;
}

/** A file named or found but not analysed (binary, not UTF-8, too large, unreadable). */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface FormatInput {
  files: CheckedFile[];
  skipped: SkippedFile[];
  /** Locale of the words the formatter adds (severity names, totals). */
  locale: Locale;
  /** ANSI colours (text format only). */
  color: boolean;
}

export interface JsonReport {
  version: 1;
  files: ({ path: string } & AnalysisResult)[];
  skipped: SkippedFile[];
}

/**
 * `pretty`: indented, for one report read by a person (the editor's export). `lines`: one file
 * per line, still one JSON document; the CLI's layout, since a batch of 1,000 reports is about
 * 80 MB indented, and a script can also read it line by line.
 */
export type JsonLayout = 'pretty' | 'lines';

/** The report in pieces, so the CLI can write a large batch without building one string. */
export function* jsonChunks(input: FormatInput, layout: JsonLayout): Generator<string> {
  if (layout === 'pretty') {
    const report: JsonReport = { version: 1, files: input.files.map((f) => ({ path: f.path, ...f.result })), skipped: input.skipped };
    yield JSON.stringify(report, null, 2) + '\n';
    return;
  }
  yield '{"version":1,"files":[';
  for (let i = 0; i < input.files.length; i++) {
    const f = input.files[i];
    yield `${i ? ',' : ''}\n${JSON.stringify({ path: f.path, ...f.result })}`;
  }
  yield `\n],"skipped":${JSON.stringify(input.skipped)}}\n`;
}

export function formatJson(input: FormatInput, layout: JsonLayout = 'pretty'): string {
  return [...jsonChunks(input, layout)].join('');
}
