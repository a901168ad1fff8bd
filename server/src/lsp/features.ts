/**
 * Analysis results → LSP answers: diagnostics, code actions, hover, symbols, folding, lenses,
 * completion. No connection and no state here: each function takes the document and its
 * result and returns protocol values, so protocol tests and the server share one path.
 */
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  MarkupKind,
  SymbolKind,
  type CodeLens,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_PROFILES, RULES } from '../core';
import type { AnalysisResult, Finding, Locale, Profile, Role, SectionStat, Severity } from '../core/types';
import { frontMatterContext, frontMatterSpan } from './frontMatter';
import { ruleHelp } from './ruleDocs';

export const SOURCE = '述职报告助手';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  zh: { achievements: '主要工作', problems: '存在问题', causes: '原因分析', plans: '下步打算', other: '其他' },
  en: { achievements: 'Achievements', problems: 'Problems', causes: 'Causes', plans: 'Plans', other: 'Other' },
};

export function roleName(role: Role, locale: Locale): string {
  return ROLE_NAMES[locale][role];
}

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

export function toDiagnostics(result: AnalysisResult, version: number, uri: string, docsBase: string | undefined, caps: ClientCaps): Diagnostic[] {
  return result.findings.map((f, index) => {
    const d: Diagnostic = {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.rule,
      source: SOURCE,
      message: f.message,
      data: { version, index } satisfies DiagnosticData,
    };
    if (docsBase) d.codeDescription = { href: `${docsBase}/${f.rule}.md` };
    if (f.related?.length && caps.relatedInformation) {
      d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
    }
    return d;
  });
}

/** A diagnostic at the top of a file that was not analysed, saying why (too large, binary). */
export function notCheckedDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

// ---------------------------------------------------------------------------------------
// Code actions

type AnyEdit = TextEdit | { range: Range; snippet: { kind: 'snippet'; value: string } };

function workspaceEdit(doc: TextDocument, edits: AnyEdit[], caps: ClientCaps): WorkspaceEdit {
  if (caps.documentChanges) {
    // The version makes the client refuse the edit if the document moved on meanwhile.
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: edits as TextEdit[] }] };
  }
  // Snippet edits are only made for clients with documentChanges (see fixEdit), so these are plain.
  return { changes: { [doc.uri]: edits as TextEdit[] } };
}

function fixEdit(f: Finding, caps: ClientCaps): AnyEdit | undefined {
  if (!f.fix) return undefined;
  if (f.fix.snippet && caps.snippetEdits && caps.documentChanges) return { range: f.fix.range, snippet: { kind: 'snippet', value: f.fix.snippet } };
  return { range: f.fix.range, newText: f.fix.newText };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** The lexicon's suggestion in place of a vague phrase: a selected placeholder to type over. */
function suggestionEdit(f: Finding, caps: ClientCaps): AnyEdit | undefined {
  const suggest = f.data?.suggest;
  if (f.rule !== 'vague-phrase' || typeof suggest !== 'string' || !suggest) return undefined;
  if (caps.snippetEdits && caps.documentChanges) return { range: f.range, snippet: { kind: 'snippet', value: `\${1:${escapeSnippet(suggest)}}` } };
  return { range: f.range, newText: `【${suggest}】` };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

const DISABLE_LINE = /<!--\s*duty-report-disable-line\b([^>]*?)\s*-->/;

function disableLineEdit(doc: TextDocument, f: Finding): TextEdit {
  const line = f.range.start.line;
  const text = lineText(doc, line);
  const m = DISABLE_LINE.exec(text);
  if (m) {
    // One comment per line: add the rule to the one already there.
    const start = m.index;
    const rules = m[1].trim() ? `${m[1].trim()} ${f.rule}` : f.rule;
    return { range: { start: { line, character: start }, end: { line, character: start + m[0].length } }, newText: `<!-- duty-report-disable-line ${rules} -->` };
  }
  return { range: { start: { line, character: text.length }, end: { line, character: text.length } }, newText: ` <!-- duty-report-disable-line ${f.rule} -->` };
}

function disableFileEdit(doc: TextDocument, rule: string): TextEdit {
  const lines = docLines(doc);
  const span = frontMatterSpan(lines);
  const line = span ? span.close + 1 : 0;
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  if (line >= lines.length) {
    // Front matter is the last line: the comment goes on a new line after it.
    const last = lines.length - 1;
    return { range: { start: { line: last, character: lines[last].length }, end: { line: last, character: lines[last].length } }, newText: `${eol}<!-- duty-report-disable ${rule} -->` };
  }
  const at = line === 0 && lines[0].startsWith('\uFEFF') ? 1 : 0;
  return { range: { start: { line, character: at }, end: { line, character: at } }, newText: `<!-- duty-report-disable ${rule} -->${eol}` };
}

const T = {
  zh: {
    suggest: (phrase: string, s: string) => `改写“${phrase}”：${s}`,
    disableLine: (rule: string) => `本行不再检查 ${rule}`,
    disableFile: (rule: string) => `本文件不再检查 ${rule}`,
    fixAll: (rule: string, n: number) => `全部修复：${rule}（${n} 处）`,
    fixAllSource: '述职报告助手：全部修复',
  },
  en: {
    suggest: (phrase: string, s: string) => `Rewrite "${phrase}": ${s}`,
    disableLine: (rule: string) => `Disable ${rule} for this line`,
    disableFile: (rule: string) => `Disable ${rule} for this file`,
    fixAll: (rule: string, n: number) => `Fix all: ${rule} (${n})`,
    fixAllSource: 'Duty Report Assistant: fix all',
  },
};

/** Rules whose fixes may be applied all at once: insertions and phrase replacements that do not overlap. */
const FIX_ALL_RULES = new Set(RULES.filter((r) => r.fix).map((r) => r.id));
/**
 * What `source.fixAll` (run on save when a user asks for it) applies: the structural insertions
 * only. Rewrite prompts for vague phrases need a writer's choice, one at a time or by quick fix.
 */
const SOURCE_FIX_ALL_RULES = new Set(RULES.filter((r) => r.fix === 'insert').map((r) => r.id));

function editFor(f: Finding, caps: ClientCaps): AnyEdit | undefined {
  return fixEdit(f, caps) ?? suggestionEdit(f, caps);
}

/** Fix-all edits for one rule, without overlapping ranges (the first of overlapping ones wins). */
function fixAllEdits(findings: readonly Finding[], rule: string | undefined, caps: ClientCaps): AnyEdit[] {
  const edits: AnyEdit[] = [];
  for (const f of findings) {
    if (rule ? f.rule !== rule : !SOURCE_FIX_ALL_RULES.has(f.rule)) continue;
    const e = editFor(f, caps);
    if (!e) continue;
    if (edits.some((x) => overlapsStrictly(x.range, e.range))) continue;
    edits.push(e);
  }
  return edits;
}

function overlapsStrictly(a: Range, b: Range): boolean {
  const cmp = (p: Position, q: Position) => p.line - q.line || p.character - q.character;
  // Two insertions at one point are fine (applied in order); a replacement must not cross another edit.
  return cmp(a.start, b.end) < 0 && cmp(b.start, a.end) < 0;
}

export function codeActions(
  doc: TextDocument,
  result: AnalysisResult,
  resultVersion: number,
  range: Range,
  only: readonly string[] | undefined,
  diagnostics: readonly Diagnostic[],
  locale: Locale,
  caps: ClientCaps,
): CodeAction[] {
  const t = T[locale];
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const out: CodeAction[] = [];
  if (only?.some((o) => o === CodeActionKind.SourceFixAll || o === CodeActionKind.Source)) {
    const edits = fixAllEdits(result.findings, undefined, caps);
    if (edits.length) out.push({ title: t.fixAllSource, kind: CodeActionKind.SourceFixAll + '.dutyReport', edit: workspaceEdit(doc, edits, caps) });
    return out;
  }
  if (!wants(CodeActionKind.QuickFix)) return out;
  // A diagnostic names its finding by index, which holds only for the version it was made for.
  const diagFor = (i: number) =>
    diagnostics.find((d) => {
      const data = d.data as DiagnosticData | undefined;
      return d.source === SOURCE && data?.version === resultVersion && data.index === i && d.code === result.findings[i].rule;
    });
  const here = result.findings.map((f, i) => ({ f, i })).filter(({ f, i }) => overlaps(f.range, range) || diagFor(i));
  const seenRules = new Set<string>();
  for (const { f, i } of here) {
    const diag = diagFor(i);
    const e = editFor(f, caps);
    if (e) {
      const title = f.fix ? f.fix.title : t.suggest(String(f.data?.phrase ?? ''), String(f.data?.suggest ?? ''));
      out.push({ title, kind: CodeActionKind.QuickFix, isPreferred: !!f.fix, diagnostics: diag ? [diag] : undefined, edit: workspaceEdit(doc, [e], caps) });
    }
    if (!seenRules.has(f.rule)) {
      seenRules.add(f.rule);
      if (FIX_ALL_RULES.has(f.rule)) {
        const all = fixAllEdits(result.findings, f.rule, caps);
        if (all.length > 1) out.push({ title: t.fixAll(f.rule, all.length), kind: CodeActionKind.QuickFix, edit: workspaceEdit(doc, all, caps) });
      }
    }
    out.push({ title: t.disableLine(f.rule), kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, edit: workspaceEdit(doc, [disableLineEdit(doc, f)], caps) });
  }
  for (const rule of seenRules) out.push({ title: t.disableFile(rule), kind: CodeActionKind.QuickFix, edit: workspaceEdit(doc, [disableFileEdit(doc, rule)], caps) });
  return out;
}

// ---------------------------------------------------------------------------------------
// Hover

const SEVERITY_WORD: Record<Locale, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示', hint: '建议' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
};

function contains(r: Range, p: Position): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(r.start, p) && le(p, r.end);
}

export function hover(result: AnalysisResult, pos: Position, locale: Locale, docsBase: string | undefined): Hover | undefined {
  const hits = result.findings.filter((f) => contains(f.range, pos));
  if (!hits.length) return undefined;
  const parts: string[] = [];
  for (const f of hits.slice(0, 3)) {
    const info = RULES.find((r) => r.id === f.rule);
    const help = ruleHelp(f.rule);
    const link = docsBase ? ` · [${locale === 'zh' ? '规则说明' : 'rule page'}](${docsBase}/${f.rule}.md)` : '';
    const lines = [`**${SOURCE} · \`${f.rule}\`**（${SEVERITY_WORD[locale][f.severity]}）${link}`, '', mdText(f.message)];
    if (info) lines.push('', `**${locale === 'zh' ? '要求' : 'What it asks'}**：${mdText(info.description[locale])}`);
    if (locale === 'zh') {
      if (help?.sources.length) lines.push('', `**依据**：${help.sources[0]}`);
      else if (info) lines.push('', `**依据**：${mdText(info.source)}`);
      if (help?.fix.length) lines.push('', '**如何修改**：', ...help.fix.slice(0, 3).map((s) => `- ${s}`));
    } else {
      if (help?.sourceEn) lines.push('', `**Source**: ${help.sourceEn}`);
      if (help?.fixEn) lines.push('', `**Fix**: ${help.fixEn}`);
    }
    parts.push(lines.join('\n'));
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: hits[0].range };
}

/** Report text shown in Markdown: characters that would format or link are escaped. */
function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => '\\' + c);
}

// ---------------------------------------------------------------------------------------
// Outline: symbols, folding, lenses

function lineText(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

function docLines(doc: TextDocument): string[] {
  return doc.getText().split(/\r\n|\r|\n/);
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function sectionDetail(s: SectionStat, locale: Locale): string {
  return locale === 'zh' ? `${roleName(s.role, locale)} · ${s.units} 字 · ${pct(s.share)}` : `${roleName(s.role, locale)} · ${s.units} chars · ${pct(s.share)}`;
}

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

export interface LensInfo {
  limit?: number;
  configFile?: string;
}

const TIER_EN: Record<string, string> = { 好: 'good', 中: 'fair', 差: 'poor' };

export function codeLenses(result: AnalysisResult, locale: Locale, info: LensInfo, command: string | undefined): CodeLens[] {
  const cmd = (title: string) => ({ title, command: command ?? '', arguments: [] as unknown[] });
  const lenses: CodeLens[] = [];
  const units = info.limit ? `${result.stats.units} / ${info.limit} 字` : `${result.stats.units} 字`;
  const summary =
    locale === 'zh'
      ? `${SOURCE}：${result.profile.name}（${result.profile.reason}）· ${units} · 得分 ${result.score}（${result.tier}）${info.configFile ? ` · 配置 ${info.configFile}` : ''}`
      : `Duty Report Assistant: ${result.profile.name} (${result.profile.reason}) · ${info.limit ? `${result.stats.units} / ${info.limit}` : result.stats.units} chars · score ${result.score} (${TIER_EN[result.tier] ?? result.tier})${info.configFile ? ` · config ${info.configFile}` : ''}`;
  // The summary stands on the first line, above the title.
  lenses.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: cmd(summary) });
  for (const s of result.stats.sections) {
    lenses.push({ range: { start: s.range.start, end: s.range.start }, command: cmd(sectionDetail(s, locale)) });
  }
  return lenses;
}

// ---------------------------------------------------------------------------------------
// Completion in front matter

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
