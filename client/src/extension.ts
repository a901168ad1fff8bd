/**
 * The VS Code side: starts the language server, keeps it running, and adds what only an editor
 * can: commands, the status bar, a scorecard view. All analysis happens in the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  EnableFileNotification,
  ExportRequest,
  ProfilesRequest,
  SetProfileRequest,
  StatusNotification,
  type ExportFormat,
  type ProfileSummary,
  REPORT_LANGUAGES,
  type RequestMethod,
  type StatusParams,
} from '../../shared/protocol';
import { WORDS } from '../../shared/words';
import * as l10n from './l10n';
import { registerOutlineSuggest } from './outlineSuggest';
import { notification } from './messages';
import { registerWordCommands } from './word';
import { SCORECARD_VIEW_TYPE, ScorecardView } from './scorecardView';
import type { PreviewState } from './preview/messages';

const FORCED_KEY = 'dutyReport.forcedFiles';
/** Restarts allowed within RESTART_WINDOW_MS before the client gives up (a crash loop). */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('述职报告助手 Duty Report Assistant', { log: true });
  const forcedFiles = (): string[] => context.workspaceState.get<string[]>(FORCED_KEY, []);
  client = createClient(context, output, forcedFiles());

  const status = new StatusBar();
  const view = new ScorecardView(context.extensionUri, () => client, async (uri) => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await exportAs(doc, 'html', l10n.t('HTML scorecard'), 'html');
  });
  context.subscriptions.push(
    status,
    view,
    output,
    // A preview left open is brought back after a window reload, still following its report.
    vscode.window.registerWebviewPanelSerializer(SCORECARD_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: PreviewState | undefined) => view.restore(panel, state),
    }),
  );

  client.onNotification(notification(StatusNotification), (p: StatusParams) => {
    status.update(p);
    view.onStatus(p);
  });
  // After a restart the server has forgotten which files were turned on by hand.
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) for (const uri of forcedFiles()) void client?.sendNotification(notification(EnableFileNotification), { uri, enabled: true });
  });

  context.subscriptions.push(
    ...registerCommands(context, view, forcedFiles),
    ...registerWordCommands(send, activeMarkdown),
    registerOutlineSuggest(),
    vscode.window.onDidChangeActiveTextEditor((e) => {
      status.follow(e?.document);
      view.onActiveEditor(e);
    }),
    // The words the client writes itself follow the setting at once; the server re-analyses in
    // the new language and its status refreshes the rest.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('dutyReport.locale')) return;
      status.relabel();
      view.onLocaleChanged();
    }),
  );

  await client.start();
  status.follow(vscode.window.activeTextEditor?.document);
}

/** The language client over the bundled server, with the files turned on by hand as it starts. */
function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, forcedFiles: string[]): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: REPORT_LANGUAGES.map((language) => ({ language })),
    outputChannel: output,
    errorHandler: restartingErrorHandler(output),
    initializationOptions: { forcedFiles },
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient('dutyReport', '述职报告助手 Duty Report Assistant', serverOptions, clientOptions);
}

/** Restarts a server that stopped, saying so once, until it stops MAX_RESTARTS times within RESTART_WINDOW_MS. */
function restartingErrorHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const restarts: number[] = [];
  let toldRestart = false;
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        return {
          action: CloseAction.DoNotRestart,
          message: l10n.t('The Duty Report Assistant server stopped {0} times in a few minutes and was not restarted. See the output panel.', MAX_RESTARTS + 1),
        };
      }
      restarts.push(now);
      // Say so once per session; later restarts go to the output channel only.
      const first = !toldRestart;
      toldRestart = true;
      output.appendLine(`[${new Date().toISOString()}] server stopped; restarting`);
      if (first) void vscode.window.showInformationMessage(l10n.t('The Duty Report Assistant server stopped unexpectedly and was restarted.'));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

/** The request to the server, or a warning and undefined while it is not running. */
async function send<P, R>(method: RequestMethod<P, R>, params: P): Promise<R | undefined> {
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage(l10n.t('The Duty Report Assistant server is not running yet. Try again in a moment.'));
    return undefined;
  }
  // The caller's parameters and result are checked by this signature; the library's
  // NoInfer<RequestParam<P>> cannot be checked against a P still generic here.
  return client.sendRequest<R>(method, params);
}

function activeMarkdown(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  return e && REPORT_LANGUAGES.includes(e.document.languageId) ? e : undefined;
}

async function pickProfile(placeHolder: string): Promise<ProfileSummary | undefined> {
  const profiles = await send(ProfilesRequest, {});
  if (!profiles) return undefined;
  // A profile by its name in the UI's language, its id beside it to search by.
  const zh = l10n.uiLocale() === 'zh';
  const items = profiles.map((p) => ({
    label: zh ? p.name : p.nameEn,
    description: p.id,
    detail: p.maxUnits ? l10n.t('At most {0} characters', p.maxUnits) : undefined,
    profile: p,
  }));
  return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true }))?.profile;
}

/** Asks the server for `doc` in `format` and saves it where the writer chooses. */
async function exportAs(doc: vscode.TextDocument, format: ExportFormat, label: string, ext: string): Promise<void> {
  const res = await send(ExportRequest, { textDocument: { uri: doc.uri.toString() }, format });
  if (!res) return void vscode.window.showWarningMessage(l10n.t('This file is not checked as a report, so there is nothing to export.'));
  const base = doc.isUntitled ? 'report' : path.basename(doc.uri.path).replace(/\.[^.]*$/, '');
  const defaultUri = doc.isUntitled ? undefined : vscode.Uri.joinPath(doc.uri, '..', `${base}.${format === 'html' ? 'scorecard' : 'findings'}.${ext}`);
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: { [label]: [ext] } });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(res.content, 'utf8'));
  const open = l10n.t('Open');
  const said = format === 'html' ? l10n.t('Scorecard saved to {0}.', target.fsPath) : l10n.t('Findings exported to {0}.', target.fsPath);
  if ((await vscode.window.showInformationMessage(said, open)) === open) {
    await vscode.commands.executeCommand('vscode.open', target);
  }
}

/** The commands of package.json's contributes.commands. */
function registerCommands(context: vscode.ExtensionContext, view: ScorecardView, forcedFiles: () => string[]): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dutyReport.insertOutline', async () => {
      const profile = await pickProfile(l10n.t('Outline for which kind of report?'));
      if (!profile) return;
      const body = outlineSnippet(context, profile.id);
      if (!body) {
        void vscode.window.showErrorMessage(l10n.t('No outline snippet for profile {0}.', profile.id));
        return;
      }
      let editor = activeMarkdown();
      if (!editor) {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown' });
        editor = await vscode.window.showTextDocument(doc);
      }
      await editor.insertSnippet(new vscode.SnippetString(body));
    }),

    vscode.commands.registerCommand('dutyReport.chooseProfile', async () => {
      const editor = activeMarkdown();
      if (!editor) return void vscode.window.showWarningMessage(l10n.t('Open a Markdown report first.'));
      const profile = await pickProfile(l10n.t('Which kind of report is this file?'));
      if (!profile) return;
      const doc = editor.document;
      const version = doc.version;
      const res = await send(SetProfileRequest, { textDocument: { uri: doc.uri.toString(), version }, profile: profile.id });
      // The edit was computed for `version`; if the writer typed meanwhile, it would land in the wrong place.
      if (!res || doc.version !== res.version) {
        return void vscode.window.showWarningMessage(l10n.t('The document changed while the profile was chosen. Please try again.'));
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of res.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
      await vscode.workspace.applyEdit(edit);
    }),

    vscode.commands.registerCommand('dutyReport.checkFile', async () => {
      const editor = activeMarkdown();
      if (!editor) return void vscode.window.showWarningMessage(l10n.t('Only Markdown files can be checked.'));
      const uri = editor.document.uri.toString();
      const list = forcedFiles();
      if (!list.includes(uri)) await context.workspaceState.update(FORCED_KEY, [...list, uri]);
      await client?.sendNotification(notification(EnableFileNotification), { uri, enabled: true });
      void vscode.window.showInformationMessage(l10n.t('Checking is on for {0}.', path.basename(editor.document.uri.path)));
    }),

    vscode.commands.registerCommand('dutyReport.showScorecard', async () => {
      const editor = activeMarkdown();
      if (!editor) return void vscode.window.showWarningMessage(l10n.t('Open a Markdown report first.'));
      await view.show(editor);
    }),

    vscode.commands.registerCommand('dutyReport.exportFindings', async () => {
      const editor = activeMarkdown();
      if (!editor) return void vscode.window.showWarningMessage(l10n.t('Open a Markdown report first.'));
      // Keyed by the server's format ids, so a format added there fails to compile until it is named here.
      const choices: Record<ExportFormat, { label: string; ext: string }> = {
        html: { label: l10n.t('HTML scorecard'), ext: 'html' },
        sarif: { label: 'SARIF 2.1.0', ext: 'sarif' },
        json: { label: 'JSON', ext: 'json' },
        text: { label: l10n.t('Plain text'), ext: 'txt' },
        csv: { label: l10n.t('Spreadsheet (CSV)'), ext: 'csv' },
      };
      const formats = (Object.keys(choices) as ExportFormat[]).map((format) => ({ ...choices[format], format }));
      const pick = await vscode.window.showQuickPick(formats, { placeHolder: l10n.t('Export the findings as') });
      if (!pick) return;
      await exportAs(editor.document, pick.format, pick.label, pick.ext);
    }),
  ];
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The outline snippet of a profile, from the generated file (the server's completion offers the same outlines). */
function outlineSnippet(context: vscode.ExtensionContext, profileId: string): string | undefined {
  try {
    const file = context.asAbsolutePath(path.join('snippets', 'duty-report.json'));
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
    const hit = Object.values(all).find((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).includes(`dutyreport-${profileId}`));
    if (!hit) return undefined;
    return Array.isArray(hit.body) ? hit.body.join('\n') : hit.body;
  } catch {
    return undefined;
  }
}

/** The status bar's words in the findings' language (dutyReport.locale), not only the editor's. */
const STATUS_WORDS = {
  zh: {
    units: (n: number, limit?: number) => (limit !== undefined ? `${n}/${limit} 字` : `${n} 字`),
    score: (n: number) => `${n} 分`,
    title: '述职报告助手',
    profile: '述职类型',
    errors: '错误',
    warnings: '警告',
    over: (limit: number) => `超过 ${limit} 字的上限。`,
    click: '点击打开评分卡。',
  },
  en: {
    units: (n: number, limit?: number) => (limit !== undefined ? `${n}/${limit} chars` : `${n} chars`),
    score: (n: number) => `${n} pts`,
    title: 'Duty Report Assistant',
    profile: 'Profile',
    errors: 'Errors',
    warnings: 'Warnings',
    over: (limit: number) => `Over the limit of ${limit} characters.`,
    click: 'Click to open the scorecard.',
  },
};

/** Bidirectional controls (U+202E …) shown as what they are, so a name cannot turn text around. */
function visibleBidi(s: string): string {
  return s.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** 字数 against the limit and the score of the active report; a click opens the scorecard. */
class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dutyReport.status', vscode.StatusBarAlignment.Right, 100);
  private readonly latest = new Map<string, StatusParams>();
  private active: string | undefined;

  constructor() {
    this.item.name = l10n.t('Duty Report Assistant');
    this.item.command = 'dutyReport.showScorecard';
  }

  /** Draws the item again in the language just chosen. */
  relabel(): void {
    this.item.name = l10n.t('Duty Report Assistant');
    const p = this.active ? this.latest.get(this.active) : undefined;
    if (p) this.render(p);
  }

  update(p: StatusParams): void {
    this.latest.set(p.uri, p);
    if (p.uri === this.active) this.render(p);
  }

  follow(doc: vscode.TextDocument | undefined): void {
    this.active = doc?.uri.toString();
    const p = this.active ? this.latest.get(this.active) : undefined;
    if (p) this.render(p);
    else {
      this.item.hide();
      void vscode.commands.executeCommand('setContext', 'dutyReport.isReport', false);
    }
  }

  private render(p: StatusParams): void {
    void vscode.commands.executeCommand('setContext', 'dutyReport.isReport', p.checked);
    if (!p.checked || p.units === undefined) {
      this.item.hide();
      return;
    }
    const over = p.limit !== undefined && p.units > p.limit;
    const locale = p.locale ?? l10n.uiLocale();
    const w = STATUS_WORDS[locale];
    const tiers: Readonly<Record<string, string>> = WORDS.tier[locale];
    const tier = p.tier && Object.prototype.hasOwnProperty.call(tiers, p.tier) ? tiers[p.tier] : (p.tier ?? '');
    this.item.text = `$(checklist) ${w.units(p.units, p.limit)} · ${w.score(p.score ?? 0)} ${tier}`;
    // The profile's name may come from a workspace's configuration file: it is shown as text,
    // never as Markdown (no links, in Restricted Mode or out), with its bidi controls visible.
    const tip = new vscode.MarkdownString();
    tip.isTrusted = false;
    tip.supportHtml = false;
    tip.appendMarkdown(`**${w.title}**\n\n`);
    tip.appendText(`${w.profile}: ${visibleBidi(p.profile ?? '')}\n\n`);
    tip.appendText(`${w.errors}: ${p.errors ?? 0} · ${w.warnings}: ${p.warnings ?? 0}\n\n`);
    if (over) tip.appendText(`${w.over(p.limit ?? 0)}\n\n`);
    tip.appendText(w.click);
    this.item.tooltip = tip;
    this.item.backgroundColor = over || p.tier === '差' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

