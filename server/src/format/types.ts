/**
 * What every output format takes and what it declares about itself. The CLI and the language
 * server both hand a `FormatInput` to a `Format` from the registry (./index.ts).
 */
import type { AnalysisResult, Locale } from '../core/types';

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
  /** ANSI colours, when the output goes to a terminal; formats for files ignore it. */
  color: boolean;
}

/**
 * `pretty`: indented, for one report read by a person (the editor's export). `lines`: one file
 * per line, still one JSON document; the CLI's layout, since a batch of 1,000 reports is about
 * 80 MB indented, and a script can also read it line by line.
 */
export type JsonLayout = 'pretty' | 'lines';

/** What the front door knows that the files do not. */
export interface FormatContext {
  /**
   * The folder the relative paths start from, as a `file:` (or other) URI: SARIF's %SRCROOT%.
   * A URI and not a path, so the formats need nothing of Node (the server also runs in a browser).
   */
  srcRootUri: string;
  layout: JsonLayout;
}

/**
 * An output format: plain data plus one function. Adding a format is one file exporting a
 * `Format` and one line in the registry.
 */
export interface Format<Id extends string = string> {
  /** The value of `--format` and of the editor's export request; stable, lower case. */
  readonly id: Id;
  /** File extension without the dot, for a file of this format. */
  readonly extension: string;
  /** One line for help texts and pickers. */
  readonly description: { readonly zh: string; readonly en: string };
  /** The whole output, or its pieces in order so a large batch is written without one string. */
  write(input: FormatInput, context: FormatContext): string | Iterable<string>;
}
