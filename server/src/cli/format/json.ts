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

export function formatJson(input: FormatInput): string {
  const report: JsonReport = {
    version: 1,
    files: input.files.map((f) => ({ path: f.path, ...f.result })),
    skipped: input.skipped,
  };
  return JSON.stringify(report, null, 2) + '\n';
}
