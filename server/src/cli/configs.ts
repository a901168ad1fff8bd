/** Each report's configuration, its problems printed once per file, and which profile names it knows. */
import { BUILTIN_PROFILES, findProfile, PROFILE_IDS } from '../core';
import type { ConfigProblem, DutyReportConfig, Locale } from '../core/types';
import { ConfigCache } from '../node/configFile';
import { safeTerminalText } from '../format/text';
import { displayPath } from './output';

export interface LoadedConfigs {
  /** One configuration per report, in the order of the reports. */
  configs: DutyReportConfig[];
  /** Some configuration had an error: the run still checks every report but ends with exit code 2. */
  bad: boolean;
}

function printConfigProblem(configPath: string | undefined, p: ConfigProblem, locale: Locale): void {
  const where = `${configPath ? displayPath(configPath) : '<config>'}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  const sev = p.severity === 'error' ? (locale === 'zh' ? '错误' : 'error') : locale === 'zh' ? '警告' : 'warning';
  const message = locale === 'zh' ? p.message : p.messageEn;
  process.stderr.write(`${safeTerminalText(where)}  ${sev}  ${safeTerminalText(message)}\n`);
}

/** Finds each report's configuration (or uses `explicitConfig`) and prints every file's problems once. */
export function loadConfigs(files: readonly string[], explicitConfig: string | undefined, locale: Locale): LoadedConfigs {
  const cache = new ConfigCache({ profileIds: PROFILE_IDS });
  const printed = new Set<string>();
  let bad = false;
  const configs = files.map((file) => {
    const found = cache.forFile(file, explicitConfig);
    if (found.problems.length && !printed.has(found.path ?? '')) {
      printed.add(found.path ?? '');
      for (const p of found.problems) {
        printConfigProblem(found.path ?? explicitConfig, p, locale);
        if (p.severity === 'error') bad = true;
      }
    }
    return found.config;
  });
  if (bad) {
    // As the editor does: the broken parts are left out and the rest applies. The exit code
    // still says 2, so a script or CI job does not take a half-configured run for a clean one.
    process.stderr.write(
      'duty-report: 配置文件有错误，出错的部分已略去，其余设置照常生效；检查完成后以退出码 2 结束。\nduty-report: the configuration has errors; those parts are left out, the rest applies, and the run ends with exit code 2.\n',
    );
  }
  return { configs, bad };
}

/** Is `name` a built-in profile id or name, or one a loaded configuration defines? */
export function isKnownProfile(name: string, configs: readonly DutyReportConfig[]): boolean {
  // The core's own lookup, so the CLI accepts exactly what analyze() resolves (ids, names, aliases).
  if (findProfile(BUILTIN_PROFILES, name)) return true;
  const k = name.trim();
  return configs.some((c) => (c.profiles ?? []).some((p) => p.id === k || p.name === k || (p.aliases ?? []).includes(k)));
}
