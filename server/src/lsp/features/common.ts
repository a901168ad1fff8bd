/**
 * What every editor feature shares: the diagnostic source, what the server knows of the client,
 * and small readers of a document's lines. No connection and no state here.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale, Role, SectionStat } from '../../core/types';
import { WORDS } from '../../core/words';

export const SOURCE = '述职报告助手';

/** What the server knows of a client, for shaping edits. */
export interface ClientCaps {
  documentChanges: boolean;
  snippetEdits: boolean;
  relatedInformation: boolean;
}

/** The data a diagnostic carries back to the server: which result and which finding. */
export interface DiagnosticData {
  version: number;
  index: number;
}

export function roleName(role: Role, locale: Locale): string {
  return WORDS.role[locale][role];
}

export function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

export function docLines(doc: TextDocument): string[] {
  return doc.getText().split(/\r\n|\r|\n/);
}

/** Report text shown in Markdown: characters that would format or link are escaped. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => '\\' + c);
}

export function sectionDetail(s: SectionStat, locale: Locale): string {
  const pct = `${Math.round(s.share * 100)}%`;
  return locale === 'zh' ? `${roleName(s.role, locale)} · ${s.units} 字 · ${pct}` : `${roleName(s.role, locale)} · ${s.units} chars · ${pct}`;
}
