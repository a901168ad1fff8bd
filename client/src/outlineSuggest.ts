/**
 * Opens the suggestions when a writer has just typed an outline keyword (述职提纲, 提纲,
 * 述职报告提纲, dutyreport) alone on a line of a Markdown file, so that the language server's
 * outline completion shows while typing, with Markdown's quick suggestions left off.
 *
 * Why not the server's trigger characters: VS Code ignores a trigger character typed at the end
 * of a word. Its SuggestModel (src/vs/editor/contrib/suggest/browser/suggestModel.ts,
 * `_updateTriggerCharacters`) checks `LineContext.shouldAutoTrigger(editor)` first ("don't
 * trigger by trigger characters when this is a case for quick suggest"), which is true whenever
 * the caret ends a word, whether quick suggestions are on or not; Markdown's word pattern is
 * \p{Alphabetic}…, so 纲 and t always end a word, and `[markdown]` sets editor.quickSuggestions
 * off (markdown-language-features). An input method's commit runs the same check on
 * compositionend, with the line's last character, and is ignored the same way.
 *
 * So the client asks, as a trigger character would: `editor.action.triggerSuggest` with
 * `{ auto: true }`, which stays silent when the server has nothing (no "No suggestions").
 * The server alone decides what to offer; this only looks at the line that changed.
 */
import * as vscode from 'vscode';
import { OUTLINE_KEYWORD_TYPED } from '../../shared/outlineKeyword';

export function registerOutlineSuggest(): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((e) => {
    // Typing only: one change of one line, not an undo or redo, in the editor being typed in.
    if (e.document.languageId !== 'markdown' || e.reason !== undefined || e.contentChanges.length !== 1) return;
    const change = e.contentChanges[0];
    if (!change.text || change.text.includes('\n') || change.text.includes('\r')) return;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || editor.selections.length !== 1) return;
    const end = change.range.start.translate(0, change.text.length);
    const line = e.document.lineAt(end.line).text;
    if (!OUTLINE_KEYWORD_TYPED.test(line.slice(0, end.character)) || line.slice(end.character).trim() !== '') return;
    // A writer who turned trigger characters off does not want this either.
    if (!vscode.workspace.getConfiguration('editor', e.document).get<boolean>('suggestOnTriggerCharacters', true)) return;
    const version = e.document.version;
    // Once the editor has moved the caret past the typed text, and only if nothing else changed.
    setTimeout(() => {
      if (vscode.window.activeTextEditor !== editor || e.document.version !== version) return;
      if (!editor.selection.isEmpty || !editor.selection.active.isEqual(end)) return;
      void vscode.commands.executeCommand('editor.action.triggerSuggest', { auto: true });
    }, 0);
  });
}
