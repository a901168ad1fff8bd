/**
 * Completion: in front matter the `profile` key and the profiles by id and by name; in the body
 * of an empty draft or at the start of a line, the report outlines, when the writer types
 * 述职提纲 (or 提纲, 述职报告提纲, dutyreport).
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_PROFILES } from '../../core';
import { scanBlocks, TEXT_KINDS } from '../../core/blocks';
import type { Locale, Profile } from '../../core/types';
import { OUTLINE_LINE, PLAIN_OUTLINE_WORD } from '../../../../shared/outlineKeyword';
import { REPORT_LANGUAGES } from '../../../../shared/protocol';
import { snippetFor, type OutlineSnippet } from '../../../../scripts/gen-snippets';
import { uriOf, type ServerContext } from '../context';
import { frontMatterContext } from '../frontMatter';
import { docLines, lineText } from './common';

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

/** The built-in profiles' outline snippets, made on first use by the snippet generator itself. */
let outlines: { profile: Profile; snippet: OutlineSnippet }[] | undefined;
function builtinOutlines() {
  outlines ??= BUILTIN_PROFILES.map((profile) => ({ profile, snippet: snippetFor(profile) }));
  return outlines;
}

/** A snippet body as the text it inserts with every default taken, for the details pane. */
function snippetText(body: string): string {
  return body.replace(/\$\{\d+:((?:\\.|[^\\}])*)\}|\$\d+|\\([\\$}])/g, (_, placeholder: string | undefined, escaped: string | undefined) =>
    placeholder !== undefined ? placeholder.replace(/\\([\\$}])/g, '$1') : (escaped ?? ''),
  );
}

/** Longest line before the cursor worth looking at: the keyword with indentation and a suffix. */
const MAX_KEYWORD_LINE = 120;

/**
 * The outlines for a keyword typed before `pos`, or nothing. The keyword must stand alone on
 * its line (the cursor at its end, nothing after it) and in a paragraph of its own, outside
 * front matter, code and comments; the plain word 提纲 asks only in an otherwise empty draft
 * (front matter, comments and blank lines allowed), since it may begin a sentence. Everything
 * but the one line is looked at only once the line matches.
 */
export function outlineCompletions(doc: TextDocument, pos: Position, localeOf: () => Locale): CompletionItem[] {
  if (doc.languageId !== 'markdown' || pos.character > MAX_KEYWORD_LINE) return [];
  const line = lineText(doc, pos.line);
  const m = OUTLINE_LINE.exec(line.slice(0, pos.character));
  if (!m || line.slice(pos.character).trim() !== '') return [];
  const [, indent, keyword, , blank] = m;

  const scan = scanBlocks(doc.getText());
  const block = scan.blocks.find((b) => b.line <= pos.line && pos.line <= b.endLine);
  // No block: a blank line or front matter. Code and comments are not report text.
  if (!block || !TEXT_KINDS.has(block.kind) || block.line !== pos.line || block.endLine !== pos.line) return [];
  if (keyword === PLAIN_OUTLINE_WORD && scan.blocks.some((b) => b !== block && TEXT_KINDS.has(b.kind))) return [];

  const locale = localeOf();
  const latin = /^[a-z]/i.test(keyword);
  const range: Range = { start: { line: pos.line, character: indent.length }, end: pos };
  // An indented outline would not be read as headings: the indentation goes too.
  const dedent: TextEdit[] = indent ? [{ range: { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: indent.length } }, newText: '' }] : [];
  return builtinOutlines().map(({ profile: p, snippet }, i) => {
    const body = snippet.body.join('\n');
    const topics = p.topics.length;
    return {
      label: locale === 'zh' ? `述职报告提纲：${p.name}` : `Report outline: ${p.nameEn}`,
      kind: CompletionItemKind.Snippet,
      detail:
        locale === 'zh'
          ? `插入${p.name}的标准提纲${topics ? `（含 ${topics} 项必述内容）` : ''}`
          : `Inserts the standard outline of a ${p.nameEn}${topics ? ` with its ${topics} required topics` : ''}`,
      documentation: snippetText(body),
      // The keyword, then the profile: typing on (dutyreport-branch…) narrows the list. After a
      // blank the editor filters on all the text replaced, blank included, so that is matched.
      filterText: blank ? line.slice(indent.length, pos.character) : `${keyword}-${latin ? p.id : p.name}`,
      sortText: String(i).padStart(2, '0'),
      textEdit: { range, newText: body },
      additionalTextEdits: dedent,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    };
  });
}

export function register(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) => {
    // Checks the request names a document and a position; completion needs no analysis.
    const doc = ctx.documents.get(uriOf(params, true));
    if (!doc || !REPORT_LANGUAGES.includes(doc.languageId)) return [];
    const outline = outlineCompletions(doc, params.position, () => ctx.service.localeFor(doc.uri));
    if (outline.length) return outline;
    // A 't' typed in the front matter (profile: party-secretary) still gets the profiles there:
    // editors that honour trigger characters ask on every one.
    const config = ctx.service.configFor(doc.uri).config;
    const extra = (config.profiles ?? []).filter((p) => p.id && p.name && !BUILTIN_PROFILES.some((b) => b.id === p.id));
    return completions(doc, params.position, [...BUILTIN_PROFILES, ...(extra as typeof BUILTIN_PROFILES)]);
  });
}
