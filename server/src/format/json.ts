/**
 * `--format json`: the analysis results as they are (0-based lines, UTF-16 columns, as in
 * AnalysisResult), one object per file with its path relative to the current directory.
 */
import type { AnalysisResult } from '../core/types';
import type { Format, FormatInput, JsonLayout, SkippedFile } from './types';

export interface JsonReport {
  version: 1;
  files: ({ path: string } & AnalysisResult)[];
  skipped: SkippedFile[];
}

/** The report in pieces, so the CLI can write a large batch without building one string. */
export function* jsonChunks(input: FormatInput, layout: JsonLayout): Generator<string> {
  if (layout === 'pretty') {
    const report: JsonReport = { version: 1, files: input.files.map((f) => ({ path: f.path, ...f.result })), skipped: input.skipped };
    yield JSON.stringify(report, null, 2) + '\n';
    return;
  }
  yield '{"version":1,"files":[';
  for (let i = 0; i < input.files.length; i++) {
    const f = input.files[i];
    yield `${i ? ',' : ''}\n${JSON.stringify({ path: f.path, ...f.result })}`;
  }
  yield `\n],"skipped":${JSON.stringify(input.skipped)}}\n`;
}

export function formatJson(input: FormatInput, layout: JsonLayout = 'pretty'): string {
  return [...jsonChunks(input, layout)].join('');
}

export const jsonFormat: Format<'json'> = {
  id: 'json',
  extension: 'json',
  description: { zh: 'JSON：完整的分析结果', en: 'JSON: the full analysis results' },
  write: (input, context) => jsonChunks(input, context.layout),
};
