/**
 * Quick fixes and fix-all: insert a missing part or topic from its snippet, rewrite a vague
 * phrase, or turn a rule off for a line or the file. Edits name the document version they were
 * made for, so a client refuses them once the draft has moved on.
 */
import { CodeActionKind, ErrorCodes, ResponseError, type CodeAction, type Diagnostic, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleName, RULES } from '../../core';
import type { AnalysisResult, Finding, Locale, SectionStat } from '../../core/types';
import { analysed, type ServerContext } from '../context';
import { frontMatterSpan } from '../frontMatter';
import { docLines, lineText, SOURCE, type ClientCaps, type DiagnosticData } from './common';

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
const DISABLE_NEXT_LINE = /^\s*<!--\s*duty-report-disable-next-line\b([^>]*?)\s*-->\s*$/;

/** Lines that open a part or item of the outline: a comment there would change its title. */
function headingLines(result: AnalysisResult): Set<number> {
  const lines = new Set<number>();
  const walk = (s: SectionStat) => {
    lines.add(s.range.start.line);
    s.children.forEach(walk);
  };
  result.stats.sections.forEach(walk);
  return lines;
}

/**
 * The comment that turns `rule` off for one line, placed where it changes nothing about how
 * the draft is read: at the end of a text line; on a line of its own above a heading (in the
 * heading it would become part of the title); nowhere inside front matter (it would break the
 * YAML): there only the whole-file comment is offered.
 */
function disableLineEdit(doc: TextDocument, line: number, rule: string, headings: ReadonlySet<number>): TextEdit | undefined {
  const lines = docLines(doc);
  const fm = frontMatterSpan(lines);
  if (fm && line <= fm.close) return undefined;
  const text = lineText(doc, line);
  if (headings.has(line)) {
    const above = line > 0 ? DISABLE_NEXT_LINE.exec(lines[line - 1]) : null;
    if (above) {
      const rules = above[1].trim() ? `${above[1].trim()} ${rule}` : rule;
      return { range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: lines[line - 1].length } }, newText: `<!-- duty-report-disable-next-line ${rules} -->` };
    }
    const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
    const at = line === 0 && text.startsWith('\uFEFF') ? 1 : 0;
    return { range: { start: { line, character: at }, end: { line, character: at } }, newText: `<!-- duty-report-disable-next-line ${rule} -->${eol}` };
  }
  const m = DISABLE_LINE.exec(text);
  if (m) {
    // One comment per line: add the rule to the one already there.
    const start = m.index;
    const rules = m[1].trim() ? `${m[1].trim()} ${rule}` : rule;
    return { range: { start: { line, character: start }, end: { line, character: start + m[0].length } }, newText: `<!-- duty-report-disable-line ${rules} -->` };
  }
  return { range: { start: { line, character: text.length }, end: { line, character: text.length } }, newText: ` <!-- duty-report-disable-line ${rule} -->` };
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
    suggest: (phrase: string, s: string, _en: string) => `改写“${phrase}”：${s}`,
    disableLine: (name: string) => `本行不再检查“${name}”`,
    disableFile: (name: string) => `本文件不再检查“${name}”`,
    fixAll: (name: string, n: number) => `全部修复“${name}”（${n} 处）`,
    fixAllSource: '述职报告助手：全部修复',
  },
  en: {
    // The edit puts the Chinese suggestion in the draft; the title gives its advice in English,
    // or quotes a user's entry that has none.
    suggest: (phrase: string, s: string, en: string) => (en ? `Rewrite "${phrase}": ${en}` : `Rewrite "${phrase}" as "${s}"`),
    disableLine: (name: string) => `Disable "${name}" for this line`,
    disableFile: (name: string) => `Disable "${name}" for this file`,
    fixAll: (name: string, n: number) => `Fix all: "${name}" (${n})`,
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
  const name = (rule: string) => ruleName(rule, locale);
  const headings = headingLines(result);
  const seenRules = new Set<string>();
  // One "this line" action per rule and line, holding every diagnostic it silences.
  const lineActions = new Map<string, CodeAction>();
  for (const { f, i } of here) {
    const diag = diagFor(i);
    const e = editFor(f, caps);
    if (e) {
      const title = f.fix ? f.fix.title : t.suggest(String(f.data?.phrase ?? ''), String(f.data?.suggest ?? ''), String(f.data?.suggestEn ?? ''));
      out.push({ title, kind: CodeActionKind.QuickFix, isPreferred: !!f.fix, diagnostics: diag ? [diag] : undefined, edit: workspaceEdit(doc, [e], caps) });
    }
    if (!seenRules.has(f.rule)) {
      seenRules.add(f.rule);
      if (FIX_ALL_RULES.has(f.rule)) {
        const all = fixAllEdits(result.findings, f.rule, caps);
        if (all.length > 1) out.push({ title: t.fixAll(name(f.rule), all.length), kind: CodeActionKind.QuickFix, edit: workspaceEdit(doc, all, caps) });
      }
    }
    const key = `${f.rule}\n${f.range.start.line}`;
    const known = lineActions.get(key);
    if (known) {
      if (diag) known.diagnostics = [...(known.diagnostics ?? []), diag];
      continue;
    }
    const edit = disableLineEdit(doc, f.range.start.line, f.rule, headings);
    if (!edit) continue;
    const action: CodeAction = { title: t.disableLine(name(f.rule)), kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, edit: workspaceEdit(doc, [edit], caps) };
    lineActions.set(key, action);
    out.push(action);
  }
  for (const rule of seenRules) out.push({ title: t.disableFile(name(rule)), kind: CodeActionKind.QuickFix, edit: workspaceEdit(doc, [disableFileEdit(doc, rule)], caps) });
  return out;
}

export function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) => {
    // Always the current version: edits carry it, so a stale one is refused by the client.
    const a = analysed(ctx, params);
    if (!a?.entry.result) return [];
    if (!params.range?.start || !params.range.end) throw new ResponseError(ErrorCodes.InvalidParams, 'range 缺失 / range is missing');
    const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
    return codeActions(a.doc, a.entry.result, a.entry.version, params.range, params.context?.only, diagnostics, a.entry.locale, ctx.client.caps);
  });
}
