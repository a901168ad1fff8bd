/**
 * The server's own requests and notifications, shared by the server and the VS Code client
 * (and documented in the README for other clients). Each method name carries its parameter and
 * result types, from which each side makes its own typed RequestType or NotificationType (the
 * client and the server use different versions of the protocol library, so one object cannot
 * serve both). The types it names from the server are imported as types, so neither bundle
 * pulls in the other's code.
 */
import type { AnalysisResult } from '../server/src/core/types';
import type { FormatId } from '../server/src/format';

/** A request's method name, typed by its parameters and its result. */
export type RequestMethod<P, R> = string & { readonly __request?: [P, R] };
/** A notification's method name, typed by its parameters. */
export type NotificationMethod<P> = string & { readonly __notification?: P };

export const ScorecardRequest: RequestMethod<ScorecardParams, ScorecardResponse | null> = 'dutyReport/scorecard';
export interface ScorecardParams {
  textDocument: { uri: string };
  /** Also return the scorecard rendered as an HTML fragment (escaped, no scripts). */
  html?: boolean;
}
export interface ScorecardResponse {
  uri: string;
  version: number;
  /** False when the document is not checked (not a report, too large …); see reason. */
  checked: boolean;
  reason: string;
  result?: AnalysisResult;
  /** The configuration file in force, if any. */
  configFile?: string;
  html?: string;
}

export const ExportRequest: RequestMethod<ExportParams, ExportResponse | null> = 'dutyReport/export';
/** The id of a format in the server's registry (server/src/format/index.ts). */
export type ExportFormat = FormatId;
export interface ExportParams {
  textDocument: { uri: string };
  format: ExportFormat;
}
export interface ExportResponse {
  content: string;
}

export const ProfilesRequest: RequestMethod<Record<string, never>, ProfileSummary[]> = 'dutyReport/profiles';
export interface ProfileSummary {
  id: string;
  name: string;
  nameEn: string;
  maxUnits?: number;
}

export const SetProfileRequest: RequestMethod<SetProfileParams, SetProfileResponse | null> = 'dutyReport/setProfile';
export interface SetProfileParams {
  textDocument: { uri: string; version: number };
  profile: string;
}
/** The edits that make the front matter name the profile, for exactly `version`. */
export interface SetProfileResponse {
  version: number;
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
}

/** A Word draft (.docx on disk) read as a Markdown draft, or why it cannot be. */
export interface ImportWordParams {
  uri: string;
}
export type ImportWordResponse = { markdown: string } | { error: string };
export const ImportWordRequest: RequestMethod<ImportWordParams, ImportWordResponse> = 'dutyReport/importWord';

/** The open draft as a .docx laid out as official documents are (GB/T 9704), base64-encoded. */
export interface ExportWordParams {
  textDocument: { uri: string };
}
export type ExportWordResponse = { base64: string } | { error: string };
export const ExportWordRequest: RequestMethod<ExportWordParams, ExportWordResponse> = 'dutyReport/exportWord';

/** Client → server: check this document even though it does not look like a report (or stop). */
export const EnableFileNotification: NotificationMethod<EnableFileParams> = 'dutyReport/enableFile';
export interface EnableFileParams {
  uri: string;
  enabled: boolean;
}

/** Server → client after each analysis: what the status bar shows. */
export const StatusNotification: NotificationMethod<StatusParams> = 'dutyReport/status';
export interface StatusParams {
  uri: string;
  version: number;
  /** The language the findings are in (the dutyReport.locale setting, else the editor's): the status bar follows it. */
  locale?: 'zh' | 'en';
  checked: boolean;
  reason: string;
  units?: number;
  limit?: number;
  score?: number;
  tier?: string;
  profile?: string;
  errors?: number;
  warnings?: number;
}

/**
 * The languages a report may be written in: Markdown, and plain text (a .txt draft, or text
 * pasted from Word). Others are never checked; these only when they read as a report.
 */
export const REPORT_LANGUAGES: readonly string[] = ['markdown', 'plaintext'];

/** The client command that inserts a report outline for a chosen profile (offered on an empty draft). */
export const INSERT_OUTLINE_COMMAND = 'dutyReport.insertOutline';

/** The client command a CodeLens runs (the client registers it; other clients ignore it). */
export const SHOW_SCORECARD_COMMAND = 'dutyReport.showScorecard';
