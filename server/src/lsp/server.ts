/**
 * The language server: documents in, diagnostics and writing aids out. This file only wires the
 * parts: settings per folder (settingsStore), each document's analysis per version
 * (documentService), publishing with its debounce (publisher), and one file per feature in
 * ./features. Files and time come from the runtime's hosts, so the same server runs under Node
 * and in a browser worker.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version as packageVersion } from '../../../package.json';
import { OUTLINE_TRIGGER_CHARACTERS } from '../../../shared/outlineKeyword';
import { EnableFileNotification, type EnableFileParams } from '../../../shared/protocol';
import type { ServerContext } from './context';
import { DocumentService } from './documentService';
import * as codeActions from './features/codeActions';
import * as codeLens from './features/codeLens';
import { SOURCE } from './features/common';
import * as completion from './features/completion';
import * as exporting from './features/export';
import * as hover from './features/hover';
import * as outline from './features/outline';
import * as profile from './features/profile';
import * as scorecard from './features/scorecard';
import * as word from './features/word';
import type { FileHost, ProcessHost } from './host';
import { notification } from './messages';
import { Publisher } from './publisher';
import { SettingsStore } from './settingsStore';
import { validating } from './validate';

const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
  hoverProvider: true,
  documentSymbolProvider: { label: SOURCE },
  foldingRangeProvider: true,
  codeLensProvider: { resolveProvider: false },
  // ':' and ' ' for front matter (and a blank after an outline keyword); the keywords' last
  // characters for editors that ask on them (VS Code does not: see shared/outlineKeyword.ts).
  completionProvider: { triggerCharacters: [':', ' ', ...OUTLINE_TRIGGER_CHARACTERS] },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

const FEATURES = [codeActions, hover, outline, codeLens, completion, scorecard, exporting, profile, word];

export interface Hosts {
  files: FileHost;
  process: ProcessHost;
}

export function startServer(connection: Connection, hosts: Hosts): void {
  const log = (msg: string) => connection.console.log(msg);
  const documents = new TextDocuments(TextDocument);
  const client: ServerContext['client'] = { caps: { documentChanges: false, snippetEdits: false, relatedInformation: false } };
  const settings = new SettingsStore(log);
  const forced = new Set<string>();
  let folders: string[] = [];
  const can = { pull: false, watch: false, folderEvents: false };

  const service = new DocumentService({
    files: hosts.files,
    settings,
    folders: () => folders,
    forced: (uri) => forced.has(uri),
    clientLocale: () => client.locale,
    log,
    configProblems: (p, problems) => publisher.configProblems(p, problems),
  });
  const publisher = new Publisher(connection, service, settings, hosts.files, hosts.process, client);
  const ctx: ServerContext = { connection, documents, service, files: hosts.files, client };

  /** Everything cached is stale: settings or a configuration file changed. */
  const invalidateAll = () => {
    service.invalidate();
    for (const doc of documents.all()) publisher.publish(doc);
  };
  const pullSettings = async () => {
    await settings.pull((scopes) => connection.workspace.getConfiguration(scopes.map((scopeUri) => ({ scopeUri, section: 'dutyReport' }))), folders);
    invalidateAll();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client.locale = params.locale;
    const ws = params.capabilities.workspace;
    client.caps = {
      documentChanges: !!ws?.workspaceEdit?.documentChanges,
      snippetEdits: !!(ws?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport,
      relatedInformation: !!params.capabilities.textDocument?.publishDiagnostics?.relatedInformation,
    };
    can.pull = !!ws?.configuration;
    can.folderEvents = !!ws?.workspaceFolders;
    can.watch = !!ws?.didChangeWatchedFiles?.dynamicRegistration;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!folders.length && params.rootUri) folders = [params.rootUri];
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; forcedFiles?: unknown };
    if (init.settings !== undefined) settings.setAll(init.settings);
    if (Array.isArray(init.forcedFiles)) init.forcedFiles.filter((u): u is string => typeof u === 'string').forEach((u) => forced.add(u));
    return {
      capabilities: CAPABILITIES,
      serverInfo: { name: 'duty-report-language-server', version: packageVersion },
    };
  });

  connection.onInitialized(() => {
    if (can.pull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dutyReport' }).catch(() => undefined);
      void pullSettings();
    }
    if (can.watch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.duty-report.{json,yaml,yml}' }] })
        .catch(() => undefined);
    }
    // Only for clients that said they send folder changes: asking others throws.
    if (can.folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => f.uri));
        // Each folder has settings of its own: ask again for the new set.
        if (can.pull) void pullSettings();
        else invalidateAll();
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (can.pull) void pullSettings();
    else {
      settings.setAll((change.settings as { dutyReport?: unknown } | undefined)?.dutyReport);
      invalidateAll();
    }
  });

  connection.onDidChangeWatchedFiles(() => {
    hosts.files.forgetConfigs();
    invalidateAll();
  });

  connection.onNotification(notification(EnableFileNotification), (p: EnableFileParams) => {
    if (p.enabled) forced.add(p.uri);
    else forced.delete(p.uri);
    const doc = documents.get(p.uri);
    if (doc) {
      service.forget(p.uri);
      publisher.publish(doc);
    }
  });

  documents.onDidOpen((e) => publisher.publish(e.document));
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires for the open itself; that version is already published.
    if (!service.isCurrent(e.document)) publisher.schedule(e.document, (uri) => documents.get(uri));
  });
  documents.onDidSave((e) => publisher.publish(e.document));
  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    publisher.clear(e.document.uri);
  });

  for (const feature of FEATURES) feature.register(ctx);
  documents.listen(validating(connection, log));
  connection.listen();
}
