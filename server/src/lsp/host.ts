/**
 * The two things the language server needs from its runtime, behind small interfaces so the
 * same server runs under Node (files on disk, `node/serverHost.ts`) and in a browser worker
 * (no files, `browser/main.ts`): reading configuration and paths, and waiting.
 */
import type { ConfigProblem, DutyReportConfig, TextFormat } from '../core/types';

export interface LoadedConfig {
  /** The configuration file's path, when one governs the document. */
  path?: string;
  /** The same object for as long as the file is unchanged, so what is built from it is kept. */
  config: DutyReportConfig;
  problems: ConfigProblem[];
}

/** Files: configuration, paths and rule pages. The server itself reads nothing. */
export interface FileHost {
  /** The configuration for a document: `explicit` (a setting) when given, else the nearest file upward. */
  configFor(uri: string, explicit: string | undefined, folders: readonly string[]): LoadedConfig;
  /** A configuration file was created, changed or deleted: forget what was read. */
  forgetConfigs(): void;
  /** The document's path relative to the innermost folder holding it, for `dutyReport.files`; undefined without a file path. */
  relativePath(uri: string, folders: readonly string[]): string | undefined;
  /** The name a document is shown by in exports and scorecards. */
  displayName(uri: string): string;
  /** The URI to publish a configuration file's problems on. */
  uriOfPath(path: string): string;
  /** The file name of a configuration path, for the lens above the title. */
  baseName(path: string): string;
  /** Where SARIF paths of a document start: the URI of its own folder. */
  baseDirUri(uri: string): string;
  /** Base URI of the rule pages when they ship as files beside the server. */
  readonly docsBase?: string;
  /** Word files, where the runtime can read them. */
  readonly word?: WordHost;
}

/** Reading a .docx into a Markdown draft, and writing a draft as a .docx to hand in. */
export interface WordHost {
  importDocx(uri: string): { markdown: string } | { error: { zh: string; en: string } };
  exportDocx(markdown: string, format: TextFormat): Promise<Uint8Array>;
}

/** Time. */
export interface ProcessHost {
  /** Runs `fn` after `ms` (0: after the messages already queued); returns how to cancel it. */
  later(ms: number, fn: () => void): () => void;
}
