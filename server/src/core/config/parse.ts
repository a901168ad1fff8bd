/**
 * parseConfig: the configuration file's text in, a checked `DutyReportConfig` and a list of
 * problems out. Both formats are first read into one tree with source offsets (json.ts,
 * yaml.ts), then the one description of the shape (shape.ts) checks it: every invalid part is
 * reported and dropped, every valid part kept.
 */
import type { ConfigProblem, DutyReportConfig } from '../types';
import { At } from './describe';
import { readJson } from './json';
import { CONFIG } from './shape';
import { LineIndex } from '../text';
import { Problems, zeroRange } from './tree';
import { readYaml } from './yaml';

/** Larger texts are refused unread: a configuration is a few kilobytes, and the YAML parser is slow on megabytes. */
export const MAX_CONFIG_CHARS = 1024 * 1024;

export function parseConfig(
  text: string,
  fileName: string,
  known: { profileIds: readonly string[] },
): { config: DutyReportConfig; problems: ConfigProblem[] } {
  try {
    return parseConfigUnsafe(String(text ?? ''), String(fileName ?? ''), known);
  } catch (err) {
    // The contract is "never throws": an internal failure becomes one problem.
    const detail = err instanceof Error ? err.message : String(err);
    return {
      config: {},
      problems: [
        {
          severity: 'error',
          message: `无法读取配置文件：内部错误（${detail}）。已使用默认设置。`,
          messageEn: `Could not read the configuration: internal error (${detail}). Defaults are used.`,
          range: zeroRange(),
        },
      ],
    };
  }
}

function parseConfigUnsafe(
  rawText: string,
  fileName: string,
  known: { profileIds: readonly string[] },
): { config: DutyReportConfig; problems: ConfigProblem[] } {
  // Editors hide a byte-order mark, so positions are counted without it.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lines = new LineIndex(text.length <= MAX_CONFIG_CHARS ? text : '');
  const problems = new Problems(lines);

  if (text.length > MAX_CONFIG_CHARS) {
    problems.error(0, 0, [
      `配置文件过大（${text.length} 个字符，上限 ${MAX_CONFIG_CHARS}），未读取。已使用默认设置。`,
      `The configuration file is too large (${text.length} characters, limit ${MAX_CONFIG_CHARS}) and was not read. Defaults are used.`,
    ]);
    return { config: {}, problems: problems.finish() };
  }

  const format = chooseFormat(fileName, text);
  const root = format === 'json' ? readJson(text, problems) : readYaml(text, problems);
  if (root === 'syntax-error') return { config: {}, problems: problems.finish() };
  // No content, or a YAML document with an empty value ("---" alone): an empty configuration.
  if (root === undefined || (format === 'yaml' && root.kind === 'null')) return { config: {}, problems: problems.finish() };

  const at = new At(problems, { profileIds: known.profileIds, fileLabel: baseName(fileName) }, '');
  const config: DutyReportConfig = CONFIG.check(root, at) ?? {};
  return { config, problems: problems.finish() };
}

function chooseFormat(fileName: string, text: string): 'json' | 'yaml' {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  // A name without a known ending: JSON if it looks like JSON, else YAML (a superset, mostly).
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] || fileName;
}
