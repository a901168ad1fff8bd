/**
 * Finding and reading the configuration file on disk. The editor's server and the CLI both use
 * this, so they read the same file the same way (SPEC "Editor and CI must agree").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../core/config';
import type { ConfigProblem, DutyReportConfig } from '../core/types';
import { decodeText } from './decode';

/** In order of preference within one directory: JSON before YAML. */
export const CONFIG_FILE_NAMES = ['.duty-report.json', '.duty-report.yaml', '.duty-report.yml'];

/** A configuration is a few kilobytes; a larger file is a mistake, not something to parse. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  path: string;
  config: DutyReportConfig;
  problems: ConfigProblem[];
}

/**
 * The configuration file that governs files in `startDir`: the nearest one upward, up to the
 * file-system root. Whatever exists under a config name counts (even a directory), so that a
 * broken one is reported by loadConfigFile instead of being silently skipped.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const found = configIn(dir);
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function configIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    try {
      if (fs.statSync(candidate, { throwIfNoEntry: false })) return candidate;
    } catch {
      // An unreadable directory on the way up holds no configuration we could use.
    }
  }
  return undefined;
}

function problemAtStart(message: string, messageEn: string): ConfigProblem {
  return { severity: 'error', message, messageEn, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** Reads and validates one configuration file. Never throws: failures become problems. */
export function loadConfigFile(file: string, known: { profileIds: readonly string[] }): LoadedConfig {
  const fail = (message: string, messageEn: string): LoadedConfig => ({ path: file, config: {}, problems: [problemAtStart(message, messageEn)] });
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch (err) {
    return fail(`无法读取配置文件 ${file}（${errorCode(err)}）。已使用默认设置。`, `Cannot read the configuration file ${file} (${errorCode(err)}). Defaults are used.`);
  }
  if (!stat) return fail(`找不到配置文件 ${file}。已使用默认设置。`, `The configuration file ${file} does not exist. Defaults are used.`);
  if (stat.isDirectory()) return fail(`配置文件 ${file} 是一个文件夹，不是文件。已使用默认设置。`, `The configuration file ${file} is a directory, not a file. Defaults are used.`);
  if (!stat.isFile()) return fail(`配置文件 ${file} 不是普通文件。已使用默认设置。`, `The configuration file ${file} is not a regular file. Defaults are used.`);
  if (stat.size > MAX_CONFIG_BYTES) {
    return fail(
      `配置文件 ${file} 过大（${stat.size} 字节，上限 ${MAX_CONFIG_BYTES}），未读取。已使用默认设置。`,
      `The configuration file ${file} is too large (${stat.size} bytes, limit ${MAX_CONFIG_BYTES}) and was not read. Defaults are used.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return fail(`无法读取配置文件 ${file}（${errorCode(err)}）。已使用默认设置。`, `Cannot read the configuration file ${file} (${errorCode(err)}). Defaults are used.`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_CONFIG_BYTES) {
    return fail(
      `配置文件 ${file} 过大（${bytes.length} 字节，上限 ${MAX_CONFIG_BYTES}），未读取。已使用默认设置。`,
      `The configuration file ${file} is too large (${bytes.length} bytes, limit ${MAX_CONFIG_BYTES}) and was not read. Defaults are used.`,
    );
  }
  // Read as reports are (UTF-8, UTF-16 with a BOM, GB18030), so a configuration saved by the same tool works.
  const decoded = decodeText(bytes);
  if ('reason' in decoded) {
    // As before this decoder: read as UTF-8 with the bad bytes replaced, so one stray byte in a
    // comment does not throw the whole configuration away; but say so.
    const { config, problems } = parseConfig(Buffer.from(bytes).toString('utf8'), file, known);
    const warning: ConfigProblem = {
      ...problemAtStart(
        `配置文件 ${file}：${decoded.reason}。已按 UTF-8 读取，无法识别的字节显示为 �。`,
        `The configuration file ${file}: ${decoded.reasonEn}. It was read as UTF-8, with the bytes it could not read shown as �.`,
      ),
      severity: 'warning',
    };
    return { path: file, config, problems: [warning, ...problems] };
  }
  const { config, problems } = parseConfig(decoded.text, file, known);
  return { path: file, config, problems };
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
}

/** No configuration file: one shared empty configuration, so what callers build from it is built once. */
const NO_CONFIG: { config: DutyReportConfig; problems: ConfigProblem[] } = Object.freeze({ config: Object.freeze({}), problems: [] as ConfigProblem[] });

/**
 * Lookups per directory and loads per configuration path, so a batch of files in one folder
 * reads its configuration once. Call `clear()` when a configuration file is created, changed
 * or deleted (the server's file watcher): nothing here notices on its own.
 */
export class ConfigCache {
  /** Directory → the configuration path that governs it, or null for none. */
  private readonly lookups = new Map<string, string | null>();
  private readonly loads = new Map<string, LoadedConfig>();

  constructor(private readonly known: { profileIds: readonly string[] }) {}

  /**
   * The configuration for a report: `explicitConfig` (CLI --config, editor setting) when given,
   * else the nearest one upward from the report's directory. No file: an empty configuration.
   */
  forFile(reportPath: string, explicitConfig?: string): { path?: string; config: DutyReportConfig; problems: ConfigProblem[] } {
    const configPath = explicitConfig !== undefined ? path.resolve(explicitConfig) : this.lookup(path.dirname(path.resolve(reportPath)));
    if (configPath === undefined) return NO_CONFIG;
    let loaded = this.loads.get(configPath);
    if (!loaded) {
      loaded = loadConfigFile(configPath, this.known);
      this.loads.set(configPath, loaded);
    }
    return loaded;
  }

  /** Forgets every lookup and load. */
  clear(): void {
    this.lookups.clear();
    this.loads.clear();
  }

  private lookup(startDir: string): string | undefined {
    // Walk up until a directory already known; then record the answer for every step taken.
    const visited: string[] = [];
    let dir = startDir;
    let found: string | null | undefined;
    for (;;) {
      const cached = this.lookups.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      const here = configIn(dir);
      if (here) {
        found = here;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) {
        found = null;
        break;
      }
      dir = parent;
    }
    for (const d of visited) this.lookups.set(d, found);
    return found ?? undefined;
  }
}
