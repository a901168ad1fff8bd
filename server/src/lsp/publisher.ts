/**
 * Diagnostics and the status bar's figures: at once on open and save, after a quiet time on
 * change. A newer keystroke supersedes the pending analysis, so only the latest version is
 * analysed and sent.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigProblem } from '../core/types';
import { StatusNotification, type StatusParams } from '../../../shared/protocol';
import type { DocumentService } from './documentService';
import { notification } from './messages';
import { notCheckedDiagnostic, toDiagnostics } from './features/diagnostics';
import { SOURCE, type ClientCaps } from './features/common';
import type { FileHost, ProcessHost } from './host';
import { resolveLocale } from './settings';
import type { SettingsStore } from './settingsStore';

/** An analysis this long (ms) makes the next one wait as long, so queued edits coalesce. */
const SLOW_MS = 50;

export class Publisher {
  /** Pending debounced analyses: how to cancel each. */
  private readonly timers = new Map<string, () => void>();
  /** How long each document's last analysis took, in ms. */
  private readonly cost = new Map<string, number>();
  /** Configuration files we published problems for, so fixed ones can be cleared. */
  private readonly configUris = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly service: DocumentService,
    private readonly settings: SettingsStore,
    private readonly files: FileHost,
    private readonly timer: ProcessHost,
    private readonly client: { caps: ClientCaps; locale?: string },
  ) {}

  publish(doc: TextDocument): void {
    this.cancel(doc.uri);
    try {
      this.send(doc);
    } catch (err) {
      // A fault here must not end the server: the document keeps its last diagnostics.
      this.connection.console.error(`publish failed for ${doc.uri}: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  private send(doc: TextDocument): void {
    const fresh = !this.service.isCurrent(doc);
    const t0 = Date.now();
    const entry = this.service.entryFor(doc);
    if (fresh) this.cost.set(doc.uri, Date.now() - t0);
    const r = entry.result;
    const diagnostics = r ? toDiagnostics(r, entry.version, doc.uri, this.files.docsBase, this.client.caps) : entry.notChecked ? [notCheckedDiagnostic(entry.notChecked)] : [];
    void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const status: StatusParams = { uri: doc.uri, version: doc.version, locale: entry.locale, checked: !!r, reason: entry.notChecked ?? entry.decision.reason };
    if (r) {
      Object.assign(status, {
        units: r.stats.units,
        limit: r.profile.thresholds.maxUnits,
        score: r.score,
        tier: r.tier,
        profile: r.profile.name,
        errors: r.findings.filter((f) => f.severity === 'error').length,
        warnings: r.findings.filter((f) => f.severity === 'warning').length,
      });
    }
    void this.connection.sendNotification(notification(StatusNotification), status);
  }

  /** Publishes after the document's folder's quiet time, unless a newer change comes first. */
  schedule(doc: TextDocument, current: (uri: string) => TextDocument | undefined): void {
    this.cancel(doc.uri);
    const uri = doc.uri;
    // Edits that queue up while a long draft is analysed must not each be analysed in turn,
    // whatever the debounce: wait at least as long as this draft's last analysis took, so the
    // queued ones supersede the wait. A short draft (under SLOW_MS) is answered at once.
    const cost = this.cost.get(uri) ?? 0;
    const ms = Math.max(this.settings.forDocument(uri).settings.debounceMs, cost >= SLOW_MS ? cost : 0);
    this.timers.set(
      uri,
      this.timer.later(ms, () => {
        this.timers.delete(uri);
        const now = current(uri);
        if (now) this.publish(now);
      }),
    );
  }

  cancel(uri: string): void {
    const cancel = this.timers.get(uri);
    if (cancel) {
      cancel();
      this.timers.delete(uri);
    }
  }

  /** The document is closed: nothing pending, nothing shown. */
  clear(uri: string): void {
    this.cancel(uri);
    this.cost.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  configProblems(configPath: string, problems: ConfigProblem[]): void {
    const uri = this.files.uriOfPath(configPath);
    if (!problems.length && !this.configUris.has(uri)) return;
    const locale = resolveLocale(this.settings.windowSettings.locale, this.client.locale);
    const diagnostics = problems.map((p) => ({
      range: p.range,
      severity: p.severity === 'error' ? (1 as const) : (2 as const),
      source: SOURCE,
      message: locale === 'zh' ? p.message : p.messageEn,
    }));
    if (problems.length) this.configUris.add(uri);
    else this.configUris.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
