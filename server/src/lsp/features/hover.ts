/** Hover on a finding: the message, what the rule asks, its source and how to fix it. */
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver';
import { RULES } from '../../core';
import type { AnalysisResult, Locale } from '../../core/types';
import { WORDS } from '../../core/words';
import { analysed, type ServerContext } from '../context';
import { ruleHelp } from '../../docs/ruleDocs';
import { mdText, SOURCE } from './common';

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
    // The rule by its name in the reader's language: the id is the diagnostic's code, shown
    // (with the same link) beside the message by the editor.
    const name = mdText(info?.name[locale] ?? f.rule);
    const severity = WORDS.severity[locale][f.severity];
    const lines =
      locale === 'zh'
        ? [`**${SOURCE} · ${name}**（${severity}）${link}`, '', mdText(f.message)]
        : [`**Duty Report Assistant · ${name}** (${severity})${link}`, '', mdText(f.message)];
    if (info) lines.push('', locale === 'zh' ? `**要求**：${mdText(info.description.zh)}` : `**What it asks**: ${mdText(info.description.en)}`);
    if (locale === 'zh') {
      if (help?.sources.length) lines.push('', `**依据**：${help.sources[0]}`);
      else if (info) lines.push('', `**依据**：${mdText(info.source)}`);
      if (help?.fix.length) lines.push('', '**如何修改**：', ...help.fix.slice(0, 3).map((s) => `- ${s}`));
    } else {
      if (help?.sourceEn) lines.push('', `**Source**: ${help.sourceEn}`);
      // The page's "Quick fix." paragraph; "None" says nothing a hover needs.
      if (help?.fixEn && !/^None\b/.test(help.fixEn)) lines.push('', `**Fix**: ${help.fixEn}`);
    }
    parts.push(lines.join('\n'));
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: hits[0].range };
}

export function register(ctx: ServerContext): void {
  ctx.connection.onHover((params) => {
    const a = analysed(ctx, params, true);
    return a?.entry.result ? hover(a.entry.result, params.position, a.entry.locale, ctx.files.docsBase) ?? null : null;
  });
}
