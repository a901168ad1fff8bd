/** Completion in front matter: the `profile` key and the profiles by id and by name. */
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_PROFILES } from '../../core';
import type { Profile } from '../../core/types';
import { REPORT_LANGUAGES } from '../../../../shared/protocol';
import { uriOf, type ServerContext } from '../context';
import { frontMatterContext } from '../frontMatter';
import { docLines } from './common';

export function completions(doc: TextDocument, pos: Position, profiles: readonly Profile[] = BUILTIN_PROFILES): CompletionItem[] {
  const lines = docLines(doc);
  const ctx = frontMatterContext(lines, pos.line, pos.character);
  if (!ctx) return [];
  if (ctx.kind === 'key') {
    return [{ label: 'profile', kind: CompletionItemKind.Property, detail: '述职类型（画像）/ report profile', insertText: 'profile: ' }];
  }
  const range: Range = { start: { line: pos.line, character: ctx.prefixStart }, end: pos };
  const items: CompletionItem[] = [];
  profiles.forEach((p, i) => {
    const sort = String(i).padStart(2, '0');
    items.push({ label: p.id, kind: CompletionItemKind.EnumMember, detail: p.name, documentation: `${p.nameEn} — ${p.source}`, sortText: `${sort}a`, textEdit: { range, newText: p.id } });
    items.push({ label: p.name, kind: CompletionItemKind.EnumMember, detail: p.id, documentation: `${p.nameEn} — ${p.source}`, sortText: `${sort}b`, textEdit: { range, newText: p.name } });
  });
  return items;
}

export function register(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) => {
    // Checks the request names a document and a position; completion needs no analysis.
    const doc = ctx.documents.get(uriOf(params, true));
    if (!doc || !REPORT_LANGUAGES.includes(doc.languageId)) return [];
    const config = ctx.service.configFor(doc.uri).config;
    const extra = (config.profiles ?? []).filter((p) => p.id && p.name && !BUILTIN_PROFILES.some((b) => b.id === p.id));
    return completions(doc, params.position, [...BUILTIN_PROFILES, ...(extra as typeof BUILTIN_PROFILES)]);
  });
}
