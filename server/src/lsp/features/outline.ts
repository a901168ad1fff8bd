/** The outline of a report: its parts as document symbols, and folding by part and front matter. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, Locale, SectionStat } from '../../core/types';
import { analysed, type ServerContext } from '../context';
import { frontMatterSpan } from '../frontMatter';
import { docLines, lineText, roleName, sectionDetail } from './common';

export function documentSymbols(doc: TextDocument, result: AnalysisResult, locale: Locale): DocumentSymbol[] {
  const toSymbol = (s: SectionStat): DocumentSymbol => {
    const line = s.range.start.line;
    const selection: Range = { start: s.range.start, end: { line, character: lineText(doc, line).length } };
    // The selection must lie inside the range; a one-line section ends where its line ends.
    const range: Range = s.range.end.line > line || s.range.end.character >= selection.end.character ? s.range : { start: s.range.start, end: selection.end };
    return {
      name: s.title.trim() || roleName(s.role, locale),
      detail: sectionDetail(s, locale),
      kind: s.level === 1 ? SymbolKind.Namespace : SymbolKind.String,
      range,
      selectionRange: selection,
      children: s.children.map(toSymbol),
    };
  };
  return result.stats.sections.map(toSymbol);
}

export function foldingRanges(doc: TextDocument, result: AnalysisResult): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = docLines(doc);
  const walk = (s: SectionStat) => {
    let end = s.range.end.character === 0 ? s.range.end.line - 1 : s.range.end.line;
    while (end > s.range.start.line && !(lines[end] ?? '').trim()) end--;
    if (end > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: end, kind: FoldingRangeKind.Region });
    s.children.forEach(walk);
  };
  result.stats.sections.forEach(walk);
  const fm = frontMatterSpan(lines);
  if (fm && fm.close > fm.open) out.push({ startLine: fm.open, endLine: fm.close, kind: FoldingRangeKind.Region });
  return out;
}

export function register(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((params) => {
    const a = analysed(ctx, params);
    return a?.entry.result ? documentSymbols(a.doc, a.entry.result, a.entry.locale) : [];
  });
  ctx.connection.onFoldingRanges((params) => {
    const a = analysed(ctx, params);
    return a?.entry.result ? foldingRanges(a.doc, a.entry.result) : [];
  });
}
