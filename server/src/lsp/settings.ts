/**
 * Editor settings (`dutyReport.*`) → what the server uses. One mapping function with the
 * defaults, so VS Code, Neovim and any other client get the same behaviour from the same keys,
 * and a bad value falls back to its default with a word why instead of breaking the server.
 * Pure: no LSP types, no file system.
 */
import { RULE_IDS } from '../core/rules/ids';
import { SEVERITY_SETTINGS, type Locale, type SeveritySetting } from '../core/types';

export type LocaleSetting = 'auto' | Locale;

export interface ServerSettings {
  /** Master switch: false publishes nothing. */
  enable: boolean;
  /** Globs (workspace-relative, or matched against the file name) of files that are reports. */
  files: string[];
  /** Also check Markdown whose content is recognised as a 述职报告. */
  detectByContent: boolean;
  /** Profile id or name for files whose front matter names none; undefined = configuration file, then detection. */
  profile?: string;
  /** Per-rule severity from the editor; the workspace configuration file overrides these. */
  rules: Record<string, SeveritySetting>;
  /** Explicit configuration file; empty = the nearest .duty-report.json/.yaml upward. */
  configFile?: string;
  locale: LocaleSetting;
  /** Quiet time after the last keystroke before a draft is analysed again. */
  debounceMs: number;
  /** The role/字数/share lens above each top-level part. */
  codeLens: boolean;
}

export const DEFAULT_FILES: readonly string[] = ['**/*述职*', '**/*述职*/**'];

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  files: [...DEFAULT_FILES],
  detectByContent: true,
  rules: {},
  locale: 'auto' as LocaleSetting,
  debounceMs: 300,
  codeLens: true,
});

const SEVERITIES: readonly string[] = SEVERITY_SETTINGS;

export interface MappedSettings {
  settings: ServerSettings;
  /** One line per value that was ignored, for the server log. */
  problems: string[];
}

/** Maps the raw `dutyReport` section (anything a client sends) to settings with defaults. */
export function toSettings(raw: unknown): MappedSettings {
  const problems: string[] = [];
  const s: ServerSettings = { ...DEFAULT_SETTINGS, files: [...DEFAULT_SETTINGS.files], rules: {} };
  if (raw === undefined || raw === null) return { settings: s, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`dutyReport 设置应为对象，已忽略 / dutyReport settings must be an object; ignored`);
    return { settings: s, problems };
  }
  const r = raw as Record<string, unknown>;
  const bad = (key: string, expected: string) => problems.push(`dutyReport.${key}：应为${expected}，已用默认值 / must be ${expected}; default used`);

  if (r.enable !== undefined) typeof r.enable === 'boolean' ? (s.enable = r.enable) : bad('enable', 'true/false');
  if (r.detectByContent !== undefined) typeof r.detectByContent === 'boolean' ? (s.detectByContent = r.detectByContent) : bad('detectByContent', 'true/false');
  if (r.codeLens !== undefined) typeof r.codeLens === 'boolean' ? (s.codeLens = r.codeLens) : bad('codeLens', 'true/false');
  if (r.files !== undefined) {
    if (Array.isArray(r.files) && r.files.every((g) => typeof g === 'string')) s.files = (r.files as string[]).map((g) => g.trim()).filter(Boolean);
    else bad('files', 'glob 字符串数组 / an array of glob strings');
  }
  if (r.profile !== undefined) {
    if (typeof r.profile !== 'string') bad('profile', '画像 id 或名称 / a profile id or name');
    else if (r.profile.trim() && r.profile.trim() !== 'auto') s.profile = r.profile.trim();
  }
  if (r.configFile !== undefined) {
    if (typeof r.configFile !== 'string') bad('configFile', '文件路径 / a file path');
    else if (r.configFile.trim()) s.configFile = r.configFile.trim();
  }
  if (r.locale !== undefined) {
    if (r.locale === 'auto' || r.locale === 'zh' || r.locale === 'en') s.locale = r.locale;
    else bad('locale', '"auto"、"zh" 或 "en"');
  }
  if (r.debounceMs !== undefined) {
    if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs)) s.debounceMs = Math.min(5000, Math.max(0, Math.round(r.debounceMs)));
    else bad('debounceMs', '毫秒数 / a number of milliseconds');
  }
  if (r.rules !== undefined) {
    if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) bad('rules', '对象 / an object');
    else {
      for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
        const sev = typeof v === 'object' && v !== null ? (v as { severity?: unknown }).severity : v;
        if (!(RULE_IDS as readonly string[]).includes(id)) problems.push(`dutyReport.rules：没有规则 “${id}”，已忽略 / no rule "${id}"; ignored`);
        else if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) problems.push(`dutyReport.rules.${id}：级别应为 error/warning/info/hint/off / severity must be error, warning, info, hint or off`);
        else s.rules[id] = sev as SeveritySetting;
      }
    }
  }
  return { settings: s, problems };
}

/** The message language: the setting, else the client's display language (Chinese unless it is English). */
export function resolveLocale(setting: LocaleSetting, clientLocale: string | undefined): Locale {
  if (setting !== 'auto') return setting;
  return clientLocale && /^en\b/i.test(clientLocale) ? 'en' : 'zh';
}
