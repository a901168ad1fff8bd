/**
 * The scorecard beside the draft: the server's rendered fragment (every piece of report text
 * escaped there) in a webview with no scripts at all. It follows the document it was opened for
 * and refreshes whenever the server has analysed a new version of it.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ScorecardRequest, type ScorecardResponse, type StatusParams } from '../../server/src/lsp/protocol';
import { escapeHtml, SCORECARD_CSS } from '../../server/src/render/html';

export class ScorecardView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private shownVersion = -1;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async show(doc: vscode.TextDocument): Promise<void> {
    this.uri = doc.uri.toString();
    this.shownVersion = -1;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('dutyReport.scorecard', vscode.l10n.t('Scorecard'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
      });
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.panel.title = vscode.l10n.t('Scorecard: {0}', doc.uri.path.split('/').pop() ?? '');
    await this.refresh();
  }

  onStatus(p: StatusParams): void {
    if (this.panel && p.uri === this.uri && p.version !== this.shownVersion) void this.refresh();
  }

  private async refresh(): Promise<void> {
    const c = this.client();
    if (!this.panel || !this.uri || !c || c.state !== State.Running) return;
    const res = (await c.sendRequest(ScorecardRequest, { textDocument: { uri: this.uri }, html: true })) as ScorecardResponse | null;
    if (!this.panel) return;
    if (res) this.shownVersion = res.version;
    const body = res?.html ?? `<p class="dr-muted">${escapeHtml(res ? res.reason : vscode.l10n.t('The document is not open.'))}</p>`;
    // No scripts: the page is text and styles only; the CSP says so to the webview too.
    this.panel.webview.html =
      `<!DOCTYPE html><html><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${SCORECARD_CSS}</style></head><body>${body}</body></html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
