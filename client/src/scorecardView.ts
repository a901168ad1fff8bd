/**
 * The scorecard preview beside the draft, opened like Markdown's "Open Preview to the Side".
 *
 * The server renders the scorecard (every piece of report text escaped there); this view puts
 * the fragment into a webview whose only script is `client/out/preview.js`, allowed by a nonce.
 * The page is built once per webview; later versions are posted as messages and swapped in, so
 * typing never reloads the page, flickers or loses the scroll position.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import * as l10n from './l10n';
import { request } from './messages';
import { ExportRequest, REPORT_LANGUAGES, ScorecardRequest, type ExportResponse, type ScorecardResponse, type StatusParams } from '../../shared/protocol';
import { escapeHtml, SCORECARD_CSS, scorecardCsp, showBidiControls } from '../../shared/html';
import type { AnalysisResult, Finding } from '../../server/src/core/types';
import type { FromPreview, PreviewState, ToPreview } from './preview/messages';

export const SCORECARD_VIEW_TYPE = 'dutyReport.scorecard';
/** Wait this long after the active editor changes before following it (tab cycling stays cheap). */
const FOLLOW_DELAY_MS = 150;

interface Shown {
  uri: string;
  version: number;
  html: string;
  result: AnalysisResult;
}

export class ScorecardView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The document the preview follows. */
  private uri: string | undefined;
  private shown: Shown | undefined;
  private note: string | undefined;
  private refreshing = false;
  private refreshAgain = false;
  private followTimer: NodeJS.Timeout | undefined;
  /** The column the followed editor was in, for revealing places when it is not visible. */
  private sourceColumn: vscode.ViewColumn | undefined;
  /** The followed file's name, for the tab title in whichever language. */
  private fileName: string | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
    private readonly exportHtml: (uri: vscode.Uri) => Promise<void>,
  ) {}

  /** Opens the preview for `editor`'s document beside it, or brings it forward. */
  async show(editor: vscode.TextEditor): Promise<void> {
    this.sourceColumn = editor.viewColumn;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(SCORECARD_VIEW_TYPE, l10n.t('Scorecard'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
      this.attach(panel);
    } else {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    }
    this.followDocument(editor.document);
  }

  /** Takes over a panel VS Code restored after a window reload. */
  async restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    const uri = typeof state?.uri === 'string' ? state.uri : undefined;
    if (!uri) return this.setNote(l10n.t('Open a report and run "Open Scorecard to the Side".'));
    this.uri = uri;
    this.setNote(l10n.t('Analysing…'));
    try {
      // Opening the document tells the server about it; its first analysis refreshes the view.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      this.setTitle(doc);
      await this.refresh();
    } catch {
      this.setNote(l10n.t('{0} could not be opened.', uri));
    }
  }

  /** Follows the writer to another Markdown editor, once it is known to be a report. */
  onActiveEditor(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || !REPORT_LANGUAGES.includes(editor.document.languageId)) return;
    if (editor.document.uri.toString() === this.uri) {
      this.sourceColumn = editor.viewColumn;
      return;
    }
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => void this.followIfReport(editor), FOLLOW_DELAY_MS);
  }

  /**
   * The server analysed the followed document: fetched again even for the same version, since
   * a settings or configuration change re-analyses without a new version.
   */
  onStatus(p: StatusParams): void {
    if (this.panel && p.uri === this.uri) void this.refresh();
  }

  private async followIfReport(editor: vscode.TextEditor): Promise<void> {
    if (vscode.window.activeTextEditor !== editor) return;
    const res = await this.fetch(editor.document.uri.toString(), false);
    // A Markdown file that is not a report leaves the preview on the last report, as
    // Markdown's own preview stays on the last Markdown file when another kind is focused.
    // The writer may have moved on, or closed the preview, while the server answered.
    if (!res?.checked || !this.panel || vscode.window.activeTextEditor !== editor) return;
    this.sourceColumn = editor.viewColumn;
    this.followDocument(editor.document);
  }

  private followDocument(doc: vscode.TextDocument): void {
    const uri = doc.uri.toString();
    if (uri !== this.uri) this.shown = undefined;
    this.uri = uri;
    this.setTitle(doc);
    void this.refresh();
  }

  private setTitle(doc: vscode.TextDocument): void {
    this.fileName = doc.uri.path.split('/').pop() ?? '';
    // A file name's bidirectional controls shown, not obeyed, as on the card (shared/html.ts).
    if (this.panel) this.panel.title = l10n.t('Scorecard: {0}', showBidiControls(this.fileName));
  }

  /**
   * dutyReport.locale changed: the page shell (its button, its language) is built again; the
   * webview then says it is ready and gets the card, which the server re-renders in the new
   * language as it re-analyses.
   */
  onLocaleChanged(): void {
    if (!this.panel) return;
    this.panel.title = this.fileName === undefined ? l10n.t('Scorecard') : l10n.t('Scorecard: {0}', showBidiControls(this.fileName));
    this.panel.webview.html = this.page(this.panel.webview);
    void this.refresh();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      // The script file is the only thing the page may load.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'client', 'out')],
      enableFindWidget: true,
    };
  }

  /**
   * Makes `panel` the one preview. A second one can appear when VS Code revives the tab of a
   * reloaded window after a new preview was opened: the newest wins and the other closes.
   */
  private attach(panel: vscode.WebviewPanel): void {
    const previous = this.panel;
    this.panel = panel;
    this.shown = undefined;
    panel.webview.html = this.page(panel.webview);
    const onMessage = panel.webview.onDidReceiveMessage((m: FromPreview) => {
      if (this.panel === panel) void this.onMessage(m);
    });
    const onDispose = panel.onDidDispose(() => {
      onMessage.dispose();
      onDispose.dispose();
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.uri = undefined;
      this.shown = undefined;
      clearTimeout(this.followTimer);
    });
    if (previous && previous !== panel) previous.dispose();
  }

  /** The page shell: built once per webview, with a fresh nonce for its style and script. */
  private page(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'client', 'out', 'preview.js'));
    const csp = scorecardCsp({ nonce });
    return (
      `<!DOCTYPE html><html lang="${l10n.uiLocale() === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<style nonce="${nonce}">${SCORECARD_CSS}.dr-toolbar{display:flex;gap:8px;justify-content:flex-end;margin-bottom:4px}` +
      `.dr-toolbar button{font:inherit;color:var(--vscode-button-secondaryForeground);background:var(--vscode-button-secondaryBackground);` +
      `border:1px solid var(--vscode-button-border,transparent);border-radius:2px;padding:2px 10px;cursor:pointer}` +
      `.dr-toolbar button:hover{background:var(--vscode-button-secondaryHoverBackground)}#dr-note{margin:4px 0}</style>` +
      `</head><body>` +
      `<div class="dr-toolbar"><button id="dr-export" type="button" title="${escapeHtml(l10n.t('Save this scorecard as a standalone HTML file'))}">${escapeHtml(l10n.t('Export HTML'))}</button></div>` +
      `<p id="dr-note" class="dr-muted" hidden></p><main id="dr-root"></main>` +
      `<script nonce="${nonce}" src="${script.toString()}"></script></body></html>`
    );
  }

  private post(msg: ToPreview): void {
    // A note may name a file or quote the server; the card itself comes escaped from the renderer.
    void this.panel?.webview.postMessage(msg.note === undefined ? msg : { ...msg, note: showBidiControls(msg.note) });
  }

  /** Shows `note` above the card; the card stays when it belongs to the followed document. */
  private setNote(note: string | undefined): void {
    this.note = note;
    this.post({ type: 'update', uri: this.uri ?? '', version: this.shown?.version ?? -1, note });
  }

  private async fetch(uri: string, html = true): Promise<ScorecardResponse | null | undefined> {
    const c = this.client();
    if (!c || c.state !== State.Running) return undefined;
    try {
      return await c.sendRequest(request(ScorecardRequest), { textDocument: { uri }, html });
    } catch {
      return undefined;
    }
  }

  /** Fetches the followed document's scorecard; overlapping calls collapse into one more. */
  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        const uri = this.uri;
        if (!this.panel || !uri) return;
        const res = await this.fetch(uri);
        if (uri !== this.uri || !this.panel) continue;
        if (res === undefined) {
          this.setNote(l10n.t('The Duty Report Assistant server is not running yet. Try again in a moment.'));
        } else if (res === null || !res.checked || !res.result || res.html === undefined) {
          this.shown = undefined;
          this.note = res ? res.reason : l10n.t('The document is not open.');
          this.post({ type: 'update', uri, version: res?.version ?? -1, html: null, note: this.note });
        } else {
          this.shown = { uri, version: res.version, html: res.html, result: res.result };
          this.note = undefined;
          this.post({ type: 'update', uri, version: res.version, html: res.html });
        }
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
    }
  }

  private async onMessage(m: FromPreview): Promise<void> {
    switch (m?.type) {
      case 'ready':
        // A new or re-shown webview: give it what is known at once, then check for newer.
        if (this.shown || this.note) this.post({ type: 'update', uri: this.uri ?? '', version: this.shown?.version ?? -1, html: this.shown?.html ?? null, note: this.note });
        void this.refresh();
        return;
      case 'reveal':
      case 'fix': {
        // Only clicks on the card on show count: one for another document (the preview was
        // switching) would put the cursor in the wrong file.
        const shown = this.shown;
        if (!shown || m.uri !== shown.uri || !Number.isInteger(m.line) || !Number.isInteger(m.character)) return;
        if (m.type === 'fix' && Number.isInteger(m.finding) && m.version === shown.version && (await this.offerFix(shown, m.finding))) return;
        await this.reveal(shown.uri, m.line, m.character);
        return;
      }
      case 'export':
        if (this.uri) await this.exportHtml(vscode.Uri.parse(this.uri));
        return;
    }
  }

  /** Shows the document with the cursor at (line, character), clamped to the current text. */
  private async reveal(uri: string, line: number, character: number): Promise<vscode.TextEditor | undefined> {
    if (!Number.isInteger(line) || !Number.isInteger(character)) return undefined;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const pos = doc.validatePosition(new vscode.Position(Math.max(0, line), Math.max(0, character)));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? this.sourceColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      selection: new vscode.Range(pos, pos),
    });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /**
   * A click on a missing part or topic: go there and offer that finding's quick fix. The
   * preview may show an older version than the editor holds, so the finding is looked up
   * again, by what it is (rule, part, topic), in the current analysis. False when the click
   * names no finding of the card on show (the caller then only reveals the place).
   */
  private async offerFix(shown: Shown, index: number): Promise<boolean> {
    const uri = shown.uri;
    const old = shown.result.findings[index];
    if (!old) return false;
    const res = await this.fetch(uri, false);
    const current = res?.result?.findings.find((f) => sameFinding(f, old));
    if (!res || !current?.fix) {
      void vscode.window.showInformationMessage(l10n.t('This is already fixed in the current text.'));
      return true;
    }
    const editor = await this.reveal(uri, current.range.start.line, current.range.start.character);
    if (!editor || editor.document.version !== res.version) return true;
    const range = new vscode.Range(current.range.start.line, current.range.start.character, current.range.end.line, current.range.end.character);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const action = actions.find((a) => a.title === current.fix?.title && a.edit);
    if (!action?.edit) return true;
    const choice = await vscode.window.showQuickPick(
      [
        { label: `$(lightbulb) ${action.title}`, detail: current.message, apply: true },
        { label: l10n.t('Only show the place'), apply: false },
      ],
      { placeHolder: l10n.t('Apply "{0}"?', action.title) },
    );
    if (!choice?.apply) return true;
    // The edit was computed for the version the analysis saw; typing since then would misplace it.
    if (editor.document.version !== res.version) {
      void vscode.window.showWarningMessage(l10n.t('The document changed while the fix was offered. Please try again.'));
      return true;
    }
    await vscode.workspace.applyEdit(action.edit);
    return true;
  }

  dispose(): void {
    clearTimeout(this.followTimer);
    this.panel?.dispose();
  }
}

/** The same finding in another analysis: same rule and subject (part, topic or position). */
function sameFinding(a: Finding, b: Finding): boolean {
  if (a.rule !== b.rule) return false;
  if (a.section || b.section) return a.section === b.section;
  if (a.topic || b.topic) return a.topic === b.topic;
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}
