/**
 * Each open document's analysis, kept for its version: diagnostics, hovers, lenses, the
 * scorecard and exports of one version all read the same result instead of analysing again.
 * What a document is checked with (its folder's settings, its configuration file) is merged
 * once per pair of objects, so the core sees the same configuration object from keystroke to
 * keystroke and builds its phrase automaton once.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core';
import type { AnalysisResult, ConfigProblem, DutyReportConfig, Locale } from '../core/types';
import { SOURCE } from './features/common';
import type { FileHost, LoadedConfig } from './host';
import { decideReport, type ReportDecision } from './reportFiles';
import { resolveLocale, type ServerSettings } from './settings';
import type { SettingsStore } from './settingsStore';

/** Beyond this a draft is not analysed on every keystroke: it says so instead (the CLI takes 20 MB). */
export const MAX_CHARS = 2_000_000;

export interface Entry {
  version: number;
  /** Generation of settings and configuration files the entry was computed under. */
  gen: number;
  decision: ReportDecision;
  locale: Locale;
  settings: ServerSettings;
  result?: AnalysisResult;
  /** Why a report was not analysed (too large, binary, internal error). */
  notChecked?: string;
  configFile?: string;
}

/** What the service needs of the server around it. */
export interface ServiceDeps {
  files: FileHost;
  settings: SettingsStore;
  /** Workspace folder URIs, as they stand. */
  folders(): readonly string[];
  /** Documents the user turned checking on for. */
  forced(uri: string): boolean;
  /** The client's display language. */
  clientLocale(): string | undefined;
  log(msg: string): void;
  /** A configuration file was read: publish its problems (or clear them). */
  configProblems(path: string, problems: ConfigProblem[]): void;
}

export class DocumentService {
  private readonly entries = new Map<string, Entry>();
  private gen = 0;
  /** Configuration file × editor rule settings → the merged configuration, built once per pair. */
  private readonly merged = new WeakMap<DutyReportConfig, WeakMap<object, DutyReportConfig>>();

  constructor(private readonly deps: ServiceDeps) {}

  /** Settings or a configuration file changed: every entry is stale. */
  invalidate(): void {
    this.gen++;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Whether the document's current version is analysed already (a didChange for the open itself). */
  isCurrent(doc: TextDocument): boolean {
    const e = this.entries.get(doc.uri);
    return !!e && e.version === doc.version && e.gen === this.gen;
  }

  /** The analysis of the document's current version: cached, or computed now. */
  entryFor(doc: TextDocument): Entry {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.gen === this.gen) return cached;
    const entry = this.compute(doc);
    this.entries.set(doc.uri, entry);
    // Say once (and on every change of mind) whether a file is checked, as what, and why.
    const said = describe(entry);
    if (!cached || describe(cached) !== said) this.deps.log(`${this.deps.files.displayName(doc.uri)}: ${said}`);
    return entry;
  }

  /** The language of a document's messages (dutyReport.locale, else the editor's), with no analysis. */
  localeFor(uri: string): Locale {
    return resolveLocale(this.deps.settings.forDocument(uri).settings.locale, this.deps.clientLocale());
  }

  /** The configuration a document is read with; its problems are published on the file. */
  configFor(uri: string): LoadedConfig {
    const { settings } = this.deps.settings.forDocument(uri);
    const loaded = this.deps.files.configFor(uri, settings.configFile, this.deps.folders());
    if (loaded.path) this.deps.configProblems(loaded.path, loaded.problems);
    return loaded;
  }

  private compute(doc: TextDocument): Entry {
    const { settings, globs } = this.deps.settings.forDocument(doc.uri);
    const locale = resolveLocale(settings.locale, this.deps.clientLocale());
    const text = doc.getText();
    const decision = decideReport({
      languageId: doc.languageId,
      path: this.deps.files.relativePath(doc.uri, this.deps.folders()),
      text: text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text,
      enable: settings.enable,
      forced: this.deps.forced(doc.uri),
      files: globs,
      detectByContent: settings.detectByContent,
    });
    const entry: Entry = { version: doc.version, gen: this.gen, decision, locale, settings };
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
    const loaded = this.configFor(doc.uri);
    entry.configFile = loaded.path;
    try {
      // Plain text (a .txt draft) has a paragraph per line.
      const format = doc.languageId === 'plaintext' ? 'text' : 'markdown';
      entry.result = analyze(text, { profile: settings.profile, config: this.withRules(loaded.config, settings.rules), locale, format });
    } catch (err) {
      // analyze() isolates rule faults itself; this is a fault of the engine as a whole.
      this.deps.log(`analyze failed for ${doc.uri}: ${err instanceof Error ? err.stack : String(err)}`);
      entry.notChecked = locale === 'zh' ? `${SOURCE}：内部错误，未能检查本文件（详见输出面板）。` : `${SOURCE}: internal error; the file could not be checked (see the output panel).`;
    }
    return entry;
  }

  /** The configuration file's settings over the editor's rule severities: the file wins. */
  private withRules(config: DutyReportConfig, rules: ServerSettings['rules']): DutyReportConfig {
    let byRules = this.merged.get(config);
    if (!byRules) this.merged.set(config, (byRules = new WeakMap()));
    let m = byRules.get(rules);
    if (!m) byRules.set(rules, (m = { ...config, rules: { ...rules, ...config.rules } }));
    return m;
  }
}

function describe(e: Entry): string {
  if (!e.decision.check) return `未检查 / not checked (${e.decision.reason})`;
  if (!e.result) return e.notChecked ?? '';
  const p = e.result.profile;
  return `检查 / checked (${e.decision.reason}); ${p.name} [${p.id}] (${p.reason}); 配置 / config: ${e.configFile ?? '无 / none'}`;
}
