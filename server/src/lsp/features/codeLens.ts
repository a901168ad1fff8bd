/** Lenses: the profile, 字数 and score above the title, each part's role, 字数 and share above it. */
import type { CodeLens } from 'vscode-languageserver';
import type { AnalysisResult, Locale } from '../../core/types';
import { WORDS } from '../../core/words';
import { INSERT_OUTLINE_COMMAND, REPORT_LANGUAGES, SHOW_SCORECARD_COMMAND } from '../../../../shared/protocol';
import { analysed, type ServerContext } from '../context';
import { SOURCE, sectionDetail } from './common';

export interface LensInfo {
  limit?: number;
  configFile?: string;
}

export function codeLenses(result: AnalysisResult, locale: Locale, info: LensInfo, command: string | undefined): CodeLens[] {
  const cmd = (title: string) => ({ title, command: command ?? '', arguments: [] as unknown[] });
  const lenses: CodeLens[] = [];
  const units = info.limit ? `${result.stats.units} / ${info.limit} 字` : `${result.stats.units} 字`;
  const summary =
    locale === 'zh'
      ? `${SOURCE}：${result.profile.name}（${result.profile.reason}）· ${units} · 得分 ${result.score}（${result.tier}）${info.configFile ? ` · 配置 ${info.configFile}` : ''}`
      : `Duty Report Assistant: ${result.profile.name} (${result.profile.reason}) · ${info.limit ? `${result.stats.units} / ${info.limit}` : result.stats.units} chars · score ${result.score} (${WORDS.tier.en[result.tier]})${info.configFile ? ` · config ${info.configFile}` : ''}`;
  // The summary stands on the first line, above the title.
  lenses.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: cmd(summary) });
  for (const s of result.stats.sections) {
    lenses.push({ range: { start: s.range.start, end: s.range.start }, command: cmd(sectionDetail(s, locale)) });
  }
  return lenses;
}

/**
 * The first step on an empty draft: a new file, or one whose name reads as a report's, gets a
 * lens that inserts the outline (typing 述职提纲 or dutyreport offers it too: features/completion.ts).
 * Other empty files get nothing.
 */
function firstStep(ctx: ServerContext, uri: string, text: string, locale: Locale): CodeLens[] {
  if (text.trim() !== '') return [];
  const named = uri.startsWith('untitled:') || /述职/.test(decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)));
  if (!named) return [];
  const title = locale === 'zh' ? '插入述职报告提纲…（也可直接输入“述职提纲”）' : 'Insert a report outline… (or just type dutyreport)';
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title, command: INSERT_OUTLINE_COMMAND, arguments: [] } }];
}

export function register(ctx: ServerContext): void {
  ctx.connection.onCodeLens((params) => {
    const a = analysed(ctx, params);
    if (a && a.entry.settings.codeLens && REPORT_LANGUAGES.includes(a.doc.languageId) && !a.entry.result) return firstStep(ctx, a.doc.uri, a.doc.getText(), a.entry.locale);
    const r = a?.entry.result;
    if (!a || !r || !a.entry.settings.codeLens) return [];
    const configFile = a.entry.configFile ? ctx.files.baseName(a.entry.configFile) : undefined;
    return codeLenses(r, a.entry.locale, { limit: r.profile.thresholds.maxUnits, configFile }, SHOW_SCORECARD_COMMAND);
  });
}
