/**
 * What every output format takes and what it declares about itself. The CLI and the language
 * server both hand a `FormatInput` to a `Format` from the registry (./index.ts).
 */
import type { AnalysisResult, Locale } from '../core/types';

/**
 * What a report was read as, by the CLI's reader for its extension (cli/files.ts). For `docx`
 * the analysed text is the Markdown node/docx makes of the Word file.
 */
export type ReportFormat = 'markdown' | 'text' | 'docx';

/**
 * The encoding a report's bytes were read in (node/decode.ts): WHATWG labels, with `utf-8-bom`
 * for UTF-8 that starts with a byte-order mark.
 */
export type ReportEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The IANA charset name of each encoding: SARIF's `artifact.encoding` and the text output's note. */
export const CHARSET: Readonly<Record<ReportEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
};

/**
 * A place in a Word file as a reviewer finds it: the 段 (paragraph; 1-based, counting the
 * paragraphs that hold text, as node/docx numbers them) and the UTF-16 offset in what Word shows
 * of that paragraph, numbering label included (0-based).
 */
export interface DocxPosition {
  paragraph: number;
  offset: number;
}

/** Where one finding of a Word file stands: its range, and its related ranges in their order. */
export interface DocxPlace {
  start: DocxPosition;
  end: DocxPosition;
  related?: DocxPosition[];
}

/** One analysed file as every formatter receives it. */
export interface CheckedFile {
  /** Relative to the current directory, forward slashes. */
  path: string;
  /** How the file was read; the CLI always says, the editor's export (an open document) does not. */
  format?: ReportFormat;
  /** The encoding its bytes were read in, when read from disk as text (a .docx has none). */
  encoding?: ReportEncoding;
  result: AnalysisResult;
  /**
   * For a Word file: where each finding stands in it, one per `result.findings` in the same
   * order. The findings' ranges still refer to the Markdown the core read.
   */
  docx?: DocxPlace[];
  /** For a Word file: where each of `result.waivers` stands in it, in the same order. */
  docxWaivers?: DocxPosition[];
}

/**
 * A file named or found but not analysed (binary, in no encoding we read, too large, unreadable,
 * not a regular file, a damaged Word file, a failed analysis), or a folder that could not be
 * searched (its path ends with `/`). Every format lists them; any makes the CLI's exit code 2.
 */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface FormatInput {
  files: CheckedFile[];
  skipped: SkippedFile[];
  /**
   * Files found in a folder that do not read as a 述职报告 (core/recognize.ts): not scored, not
   * ranked, not in the totals, only listed. The CLI always gives it; the editor's export has none.
   */
  unrecognised?: string[];
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
