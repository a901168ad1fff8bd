/**
 * The language server: documents in, diagnostics and writing aids out. Transport comes from the
 * command line (`--stdio`, `--node-ipc`, `--socket=N`), so the same bundle serves VS Code and any
 * other LSP client. The analysis itself is the pure core; this file is state and wiring.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repository, version as packageVersion } from '../../../package.json';
import { analyze, BUILTIN_PROFILES, findProfile, PROFILE_IDS, RULES } from '../core';
import type { AnalysisResult, ConfigProblem, DutyReportConfig, Locale, Thresholds } from '../core/types';
import { formatHtml } from '../format/html';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import { ConfigCache } from '../node/configFile';
import { renderScorecardFragment } from '../render/html';
import { codeActions, codeLenses, completions, documentSymbols, foldingRanges, hover, notCheckedDiagnostic, SOURCE, toDiagnostics, type ClientCaps } from './features';
import { setProfileEdit } from './frontMatter';
import {
  EnableFileNotification,
  ExportRequest,
  ProfilesRequest,
  ScorecardRequest,
  SetProfileRequest,
  SHOW_SCORECARD_COMMAND,
  StatusNotification,
  type EnableFileParams,
  type ExportParams,
  type ExportResponse,
  type ProfileSummary,
  type ScorecardParams,
  type ScorecardResponse,
  type SetProfileParams,
  type SetProfileResponse,
  type StatusParams,
} from '../../../shared/protocol';
import { compileGlobs, decideReport, relativeToFolders, type GlobMatcher, type ReportDecision } from './reportFiles';
import { DEFAULT_SETTINGS, resolveLocale, toSettings, type ServerSettings } from './settings';

/** Beyond this a draft is not analysed on every keystroke: it says so instead (the CLI takes 20 MB). */
const MAX_CHARS = 2_000_000;

interface Entry {
  version: number;
  /** Settings/configuration generation the entry was computed under. */
  gen: number;
  decision: ReportDecision;
  locale: Locale;
  result?: AnalysisResult;
  /** Why a report was not analysed (too large, binary, internal error). */
  notChecked?: string;
  thresholds?: Thresholds;
  configFile?: string;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const configCache = new ConfigCache({ profileIds: PROFILE_IDS });
  const entries = new Map<string, Entry>();
  /** Pending debounced analyses: how to cancel each. */
  const timers = new Map<string, () => void>();
  const forced = new Set<string>();
  /** Configuration files we published problems for, so fixed ones can be cleared. */
  const configDiagnostics = new Set<string>();

  let settings: ServerSettings = { ...DEFAULT_SETTINGS };
  let globs: GlobMatcher = compileGlobs(settings.files);
  let gen = 0;
  let clientLocale: string | undefined;
  let folders: string[] = [];
  let caps: ClientCaps = { documentChanges: false, snippetEdits: false, relatedInformation: false };
  let pullConfiguration = false;
  let dynamicWatchers = false;
  let folderEvents = false;
  const docsDir = path.join(__dirname, '..', '..', 'docs', 'rules');
  const docsBase = fs.existsSync(docsDir) ? pathToFileURL(docsDir).href : undefined;

  const log = (msg: string) => connection.console.log(msg);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    clientLocale = params.locale;
    const ws = params.capabilities.workspace;
    caps = {
      documentChanges: !!ws?.workspaceEdit?.documentChanges,
      snippetEdits: !!(ws?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport,
      relatedInformation: !!params.capabilities.textDocument?.publishDiagnostics?.relatedInformation,
    };
    pullConfiguration = !!ws?.configuration;
    folderEvents = !!ws?.workspaceFolders;
    dynamicWatchers = !!ws?.didChangeWatchedFiles?.dynamicRegistration;
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!folders.length && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) folders = [p];
    }
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; forcedFiles?: unknown };
    if (init.settings !== undefined) applySettings(init.settings);
    if (Array.isArray(init.forcedFiles)) init.forcedFiles.filter((u): u is string => typeof u === 'string').forEach((u) => forced.add(u));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: SOURCE },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [':', ' '] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'duty-report-language-server', version: packageVersion },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dutyReport' }).catch(() => undefined);
      void refreshSettings();
    }
    if (dynamicWatchers) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.duty-report.{json,yaml,yml}' }] })
        .catch(() => undefined);
    }
    // Only for clients that said they send folder changes: asking others throws.
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      folders = folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
      invalidateAll();
    });
  });

  function applySettings(raw: unknown): void {
    const mapped = toSettings(raw);
    mapped.problems.forEach(log);
    settings = mapped.settings;
    const problems: string[] = [];
    globs = compileGlobs(settings.files, problems);
    problems.forEach(log);
  }

  async function refreshSettings(): Promise<void> {
    try {
      applySettings(await connection.workspace.getConfiguration('dutyReport'));
    } catch (err) {
      log(`读取设置失败，沿用原设置 / could not read settings: ${String(err)}`);
    }
    invalidateAll();
  }

  connection.onDidChangeConfiguration((change) => {
    if (pullConfiguration) void refreshSettings();
    else {
      applySettings((change.settings as { dutyReport?: unknown } | undefined)?.dutyReport);
      invalidateAll();
    }
  });

  connection.onDidChangeWatchedFiles(() => {
    configCache.clear();
    invalidateAll();
  });

  connection.onNotification(EnableFileNotification, (p: EnableFileParams) => {
    if (p.enabled) forced.add(p.uri);
    else forced.delete(p.uri);
    const doc = documents.get(p.uri);
    if (doc) {
      entries.delete(p.uri);
      publish(doc);
    }
  });

  /** Everything cached is stale: settings or a configuration file changed. */
  function invalidateAll(): void {
    gen++;
    for (const doc of documents.all()) publish(doc);
  }

  // ---------------------------------------------------------------------------------------
  // Analysis, cached per document version

  function entryFor(doc: TextDocument): Entry {
    const cached = entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.gen === gen) return cached;
    const entry = compute(doc);
    entries.set(doc.uri, entry);
    // Say once (and on every change of mind) whether a file is checked, as what, and why.
    const said = describe(entry);
    if (!cached || describe(cached) !== said) log(`${displayPath(doc.uri)}: ${said}`);
    return entry;
  }

  function describe(e: Entry): string {
    if (!e.decision.check) return `未检查 / not checked (${e.decision.reason})`;
    if (!e.result) return e.notChecked ?? '';
    const p = e.result.profile;
    return `检查 / checked (${e.decision.reason}); ${p.name} [${p.id}] (${p.reason}); 配置 / config: ${e.configFile ?? '无 / none'}`;
  }

  function compute(doc: TextDocument): Entry {
    const locale = resolveLocale(settings.locale, clientLocale);
    const text = doc.getText();
    const filePath = uriToPath(doc.uri);
    const decision = decideReport({
      languageId: doc.languageId,
      path: filePath ? relativeToFolders(filePath, folders) : undefined,
      text: text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text,
      enable: settings.enable,
      forced: forced.has(doc.uri),
      files: globs,
      detectByContent: settings.detectByContent,
    });
    const entry: Entry = { version: doc.version, gen, decision, locale };
    if (!decision.check) return entry;
    if (text.length > MAX_CHARS) {
      entry.notChecked =
        locale === 'zh'
          ? `${SOURCE}：文件过大（${text.length} 个字符，编辑器内上限 ${MAX_CHARS}），未检查。请用命令行 duty-report check 检查。`
          : `${SOURCE}: file too large (${text.length} characters, editor limit ${MAX_CHARS}); not checked. Use the duty-report check command line.`;
      return entry;
    }
    if (text.includes('\u0000')) {
      entry.notChecked = locale === 'zh' ? `${SOURCE}：文件含 NUL 字符，像是二进制文件，未检查。` : `${SOURCE}: the file contains NUL characters and looks binary; not checked.`;
      return entry;
    }
    const loaded = loadConfig(filePath);
    entry.configFile = loaded.path;
    const config: DutyReportConfig = { ...loaded.config, rules: { ...settings.rules, ...loaded.config.rules } };
    try {
      entry.result = analyze(text, { profile: settings.profile, config, locale });
    } catch (err) {
      // analyze() isolates rule faults itself; this is a fault of the engine as a whole.
      log(`analyze failed for ${doc.uri}: ${err instanceof Error ? err.stack : String(err)}`);
      entry.notChecked = locale === 'zh' ? `${SOURCE}：内部错误，未能检查本文件（详见输出面板）。` : `${SOURCE}: internal error; the file could not be checked (see the output panel).`;
      return entry;
    }
    entry.thresholds = thresholdsFor(entry.result.profile.id, config);
    return entry;
  }

  function loadConfig(filePath: string | undefined): { path?: string; config: DutyReportConfig; problems: ConfigProblem[] } {
    const explicit = settings.configFile ? resolveSettingPath(settings.configFile) : undefined;
    let loaded: { path?: string; config: DutyReportConfig; problems: ConfigProblem[] };
    if (filePath) loaded = configCache.forFile(filePath, explicit);
    else if (explicit) loaded = configCache.forFile(explicit, explicit);
    else loaded = { config: {}, problems: [] };
    if (loaded.path) publishConfigProblems(loaded.path, loaded.problems);
    return loaded;
  }

  function resolveSettingPath(p: string): string {
    return path.isAbsolute(p) || !folders.length ? p : path.join(folders[0], p);
  }

  function publishConfigProblems(configPath: string, problems: ConfigProblem[]): void {
    const uri = pathToFileURL(configPath).href;
    if (!problems.length && !configDiagnostics.has(uri)) return;
    const locale = resolveLocale(settings.locale, clientLocale);
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: p.range,
      severity: p.severity === 'error' ? 1 : 2,
      source: SOURCE,
      message: locale === 'zh' ? p.message : p.messageEn,
    }));
    if (problems.length) configDiagnostics.add(uri);
    else configDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  function thresholdsFor(profileId: string, config: DutyReportConfig): Thresholds {
    const custom = config.profiles?.find((p) => p.id === profileId)?.thresholds;
    const builtin = findProfile(BUILTIN_PROFILES, profileId)?.thresholds;
    return { ...builtin, ...custom, ...config.thresholds?.[profileId] };
  }

  // ---------------------------------------------------------------------------------------
  // Publishing: at once on open and save, debounced on change

  function publish(doc: TextDocument): void {
    const cancel = timers.get(doc.uri);
    if (cancel) {
      cancel();
      timers.delete(doc.uri);
    }
    const entry = entryFor(doc);
    let diagnostics: Diagnostic[] = [];
    if (entry.result) diagnostics = toDiagnostics(entry.result, entry.version, doc.uri, docsBase, caps);
    else if (entry.notChecked) diagnostics = [notCheckedDiagnostic(entry.notChecked)];
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const r = entry.result;
    const status: StatusParams = { uri: doc.uri, version: doc.version, checked: !!r, reason: entry.notChecked ?? entry.decision.reason };
    if (r) {
      Object.assign(status, {
        units: r.stats.units,
        limit: entry.thresholds?.maxUnits,
        score: r.score,
        tier: r.tier,
        profile: r.profile.name,
        errors: r.findings.filter((f) => f.severity === 'error').length,
        warnings: r.findings.filter((f) => f.severity === 'warning').length,
      });
    }
    void connection.sendNotification(StatusNotification, status);
  }

  function schedule(doc: TextDocument): void {
    // A newer keystroke supersedes the pending analysis: only the latest version is analysed.
    timers.get(doc.uri)?.();
    const uri = doc.uri;
    const run = () => {
      timers.delete(uri);
      const current = documents.get(uri);
      if (current) publish(current);
    };
    // debounceMs 0 means "after the pending messages": a 0 ms timer would still wait a
    // millisecond or more, and a queued didChange must still supersede this one.
    if (settings.debounceMs > 0) {
      const t = setTimeout(run, settings.debounceMs);
      timers.set(uri, () => clearTimeout(t));
    } else {
      const t = setImmediate(run);
      timers.set(uri, () => clearImmediate(t));
    }
  }

  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires for the open itself; that version is already published.
    const cached = entries.get(e.document.uri);
    if (cached && cached.version === e.document.version && cached.gen === gen) return;
    schedule(e.document);
  });
  documents.onDidSave((e) => publish(e.document));
  documents.onDidClose((e) => {
    timers.get(e.document.uri)?.();
    timers.delete(e.document.uri);
    entries.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // ---------------------------------------------------------------------------------------
  // Features

  connection.onCodeAction((params) => {
    const doc = documents.get(uriOf(params));
    if (!doc) return [];
    // Always the current version: edits carry it, so a stale one is refused by the client.
    const entry = entryFor(doc);
    if (!entry.result) return [];
    if (!params.range?.start || !params.range.end) throw new ResponseError(ErrorCodes.InvalidParams, 'range 缺失 / range is missing');
    const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
    return codeActions(doc, entry.result, entry.version, params.range, params.context?.only, diagnostics, entry.locale, caps);
  });

  connection.onHover((params) => {
    const doc = documents.get(uriOf(params, true));
    const entry = doc && entryFor(doc);
    return entry?.result ? hover(entry.result, params.position, entry.locale, docsBase) ?? null : null;
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(uriOf(params));
    const entry = doc && entryFor(doc);
    return doc && entry?.result ? documentSymbols(doc, entry.result, entry.locale) : [];
  });

  connection.onFoldingRanges((params) => {
    const doc = documents.get(uriOf(params));
    const entry = doc && entryFor(doc);
    return doc && entry?.result ? foldingRanges(doc, entry.result) : [];
  });

  connection.onCodeLens((params) => {
    const doc = documents.get(uriOf(params));
    const entry = doc && entryFor(doc);
    if (!entry?.result || !settings.codeLens) return [];
    const configFile = entry.configFile ? path.basename(entry.configFile) : undefined;
    return codeLenses(entry.result, entry.locale, { limit: entry.thresholds?.maxUnits, configFile }, SHOW_SCORECARD_COMMAND);
  });

  connection.onCompletion((params) => {
    const doc = documents.get(uriOf(params, true));
    if (!doc || doc.languageId !== 'markdown') return [];
    const config = loadConfig(uriToPath(doc.uri)).config;
    const extra = (config.profiles ?? []).filter((p) => p.id && p.name && !BUILTIN_PROFILES.some((b) => b.id === p.id));
    return completions(doc, params.position, [...BUILTIN_PROFILES, ...(extra as typeof BUILTIN_PROFILES)]);
  });

  connection.onRequest(ScorecardRequest, (p: ScorecardParams): ScorecardResponse | null => {
    const doc = documents.get(uriOf(p));
    if (!doc) return null;
    const entry = entryFor(doc);
    const res: ScorecardResponse = { uri: doc.uri, version: doc.version, checked: !!entry.result, reason: entry.notChecked ?? entry.decision.reason };
    if (entry.result) {
      res.result = entry.result;
      res.thresholds = entry.thresholds;
      res.configFile = entry.configFile;
      if (p.html) res.html = renderScorecardFragment(displayPath(doc.uri), entry.result, entry.locale);
    }
    return res;
  });

  connection.onRequest(ExportRequest, (p: ExportParams): ExportResponse | null => {
    const doc = documents.get(uriOf(p));
    const entry = doc && entryFor(doc);
    if (!doc || !entry?.result) return null;
    const input = { files: [{ path: displayPath(doc.uri), result: entry.result }], skipped: [], locale: entry.locale, color: false };
    switch (p.format) {
      case 'json':
        return { content: formatJson(input) };
      case 'html':
        return { content: formatHtml(input) };
      case 'text':
        return { content: formatText(input) };
      case 'sarif': {
        const filePath = uriToPath(doc.uri);
        return { content: formatSarif(input, { version: packageVersion, repository: repository.url, rules: RULES, srcRoot: filePath ? path.dirname(filePath) : process.cwd() }) };
      }
      default:
        return null;
    }
  });

  connection.onRequest(ProfilesRequest, (): ProfileSummary[] => BUILTIN_PROFILES.map((p) => ({ id: p.id, name: p.name, nameEn: p.nameEn, maxUnits: p.thresholds.maxUnits })));

  connection.onRequest(SetProfileRequest, (p: SetProfileParams): SetProfileResponse | null => {
    const doc = documents.get(uriOf(p));
    if (!doc) return null;
    // An edit for another version would land in the wrong place: the client asks again.
    if (doc.version !== p.textDocument.version) return null;
    const text = doc.getText();
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { version: doc.version, edits: [setProfileEdit(text.split(/\r\n|\r|\n/), p.profile, eol)] };
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * The document a request is about. A request without one (or a position where one is needed)
 * is answered with InvalidParams, not an internal error from deep inside a handler.
 */
function uriOf(params: unknown, needsPosition = false): string {
  const p = params as { textDocument?: { uri?: unknown }; position?: { line?: unknown; character?: unknown } } | null | undefined;
  const uri = p?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri 缺失 / textDocument.uri is missing');
  if (needsPosition && !(Number.isInteger(p?.position?.line) && Number.isInteger(p?.position?.character))) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'position 缺失或无效 / position is missing or invalid');
  }
  return uri;
}

/** Paths shown in exports and scorecards: the file name relative to its workspace folder. */
function displayPath(uri: string): string {
  const p = uriToPath(uri);
  return p ? path.basename(p) : uri;
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
