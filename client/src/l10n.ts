/**
 * The client's UI strings in the language of the findings: `dutyReport.locale` when it names
 * one, else the editor's language decided as the server decides it (resolveLocale: English for
 * an English editor, Chinese otherwise), so a button never speaks another language than the
 * card beside it. The translations are VS Code's own bundle (l10n/), so each string is
 * translated once.
 */
import * as vscode from 'vscode';
import zhBundle from '../../l10n/bundle.l10n.zh-cn.json';

export type UiLocale = 'zh' | 'en';

const ZH: Readonly<Record<string, string>> = zhBundle;

/** The locale of the UI: the setting when it names one, else the editor's language. */
export function uiLocale(): UiLocale {
  const set = vscode.workspace.getConfiguration('dutyReport').get<string>('locale');
  if (set === 'zh' || set === 'en') return set;
  return /^en\b/i.test(vscode.env.language) ? 'en' : 'zh';
}

const fill = (s: string, args: readonly (string | number | boolean)[]) => s.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

/** `message` (the English text, the bundle's key) in the UI locale, with {0}… filled in. */
export function t(message: string, ...args: (string | number | boolean)[]): string {
  return fill(uiLocale() === 'zh' ? (ZH[message] ?? message) : message, args);
}
