/**
 * Editor settings per workspace folder. `dutyReport.*` settings are resource-scoped, so in a
 * multi-root workspace each folder may set its own rules, files or profile: the store asks the
 * client once per folder (one `workspace/configuration` request for all of them) and answers
 * each document with the settings of the innermost folder holding it. A client that cannot be
 * asked pushes one set with `didChangeConfiguration`, and every document gets that.
 */
import { compileGlobs, type GlobMatcher } from './reportFiles';
import { DEFAULT_SETTINGS, toSettings, type ServerSettings } from './settings';

export interface ScopedSettings {
  readonly settings: ServerSettings;
  readonly globs: GlobMatcher;
}

/** Fetches the `dutyReport` section for each scope (undefined: the window's own). */
export type FetchSettings = (scopeUris: readonly (string | undefined)[]) => Promise<unknown[]>;

function scoped(raw: unknown, log: (msg: string) => void, where: string): ScopedSettings {
  const mapped = toSettings(raw);
  const problems = [...mapped.problems];
  const globs = compileGlobs(mapped.settings.files, problems);
  for (const p of problems) log(where ? `${where}: ${p}` : p);
  return { settings: mapped.settings, globs };
}

export class SettingsStore {
  private window: ScopedSettings = { settings: DEFAULT_SETTINGS, globs: compileGlobs(DEFAULT_SETTINGS.files) };
  /** Folder URI (no trailing slash) → its settings, longest first so the innermost wins. */
  private folders: [string, ScopedSettings][] = [];

  constructor(private readonly log: (msg: string) => void) {}

  /** One set for every document: pushed by a client that cannot be asked, or sent at start-up. */
  setAll(raw: unknown): void {
    this.window = scoped(raw, this.log, '');
    this.folders = [];
  }

  /** Asks the client for the window's settings and each folder's. Keeps the old ones if it fails. */
  async pull(fetch: FetchSettings, folderUris: readonly string[]): Promise<void> {
    const scopes = [undefined, ...folderUris];
    let raws: unknown[];
    try {
      raws = await fetch(scopes);
    } catch (err) {
      this.log(`读取设置失败，沿用原设置 / could not read settings: ${String(err)}`);
      return;
    }
    this.window = scoped(raws[0], this.log, '');
    this.folders = folderUris
      .map((uri, i): [string, ScopedSettings] => [uri.replace(/\/+$/, ''), scoped(raws[i + 1], this.log, uri)])
      .sort((a, b) => b[0].length - a[0].length);
  }

  /** The settings that govern a document: its innermost folder's, else the window's. */
  forDocument(uri: string): ScopedSettings {
    for (const [folder, s] of this.folders) if (uri.startsWith(folder + '/')) return s;
    return this.window;
  }

  /** Settings not tied to a document (the locale of configuration-file problems). */
  get windowSettings(): ServerSettings {
    return this.window.settings;
  }
}
