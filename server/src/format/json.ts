/**
 * `--format json`: the analysis results as they are (0-based lines, UTF-16 columns, as in
 * AnalysisResult), one object per file with its path relative to the current directory and,
 * when read from disk, its format and encoding.
 *
 * Each file's `waivers` (checks the draft switched off with comments: kind, rules, 0-based line,
 * reason when given, findings hidden) are kept as the core gives them; `skipped` lists the files
 * refused with their reasons, `unrecognised` the files found that are not reports (not scored).
 *
 * A Word file's findings, their `related` places and its waivers each carry `docx: { paragraph, offset }`:
 * the 段 and the offset in what Word shows of it (see DocxPosition). Their `range` still refers
 * to the Markdown the checker made of the file and read.
 */
import type { AnalysisResult, Finding, RelatedInfo, Waiver } from '../core/types';
import type { CheckedFile, DocxPosition, Format, FormatInput, JsonLayout, ReportEncoding, ReportFormat, SkippedFile } from './types';

/** A finding, with its place in a Word file when it is in one. */
export type JsonFinding = Finding & { docx?: DocxPosition; related?: (RelatedInfo & { docx?: DocxPosition })[] };

export interface JsonReport {
  version: 1;
  files: ({ path: string; format?: ReportFormat; encoding?: ReportEncoding } & Omit<AnalysisResult, 'findings' | 'waivers'> & { findings: JsonFinding[]; waivers?: (Waiver & { docx?: DocxPosition })[] })[];
  skipped: SkippedFile[];
  /** Files found in folders that are not recognised as reports: listed, not scored. */
  unrecognised: string[];
}

/** One file's object: path, format and encoding first (absent ones are left out), then the result. */
function fileObject(f: CheckedFile): JsonReport['files'][number] {
  const object = { path: f.path, format: f.format, encoding: f.encoding, ...f.result };
  const places = f.docx;
  if (places) {
    // `docx` right after `range`, the two places of one finding side by side.
    object.findings = f.result.findings.map((x, i) => {
      const place = places[i];
      const finding = Object.assign({ rule: x.rule, severity: x.severity, message: x.message, range: x.range, docx: { ...place.start } }, x);
      if (x.related && place.related) finding.related = x.related.map((r, k) => ({ ...r, docx: { ...place.related![k] } }));
      return finding;
    });
  }
  const waiverPlaces = f.docxWaivers;
  if (waiverPlaces && f.result.waivers) object.waivers = f.result.waivers.map((w, k) => ({ ...w, docx: { ...waiverPlaces[k] } }));
  return object;
}

/** The report in pieces, so the CLI can write a large batch without building one string. */
export function* jsonChunks(input: FormatInput, layout: JsonLayout): Generator<string> {
  if (layout === 'pretty') {
    const report: JsonReport = { version: 1, files: input.files.map(fileObject), skipped: input.skipped, unrecognised: input.unrecognised ?? [] };
    yield JSON.stringify(report, null, 2) + '\n';
    return;
  }
  yield '{"version":1,"files":[';
  for (let i = 0; i < input.files.length; i++) {
    const f = input.files[i];
    yield `${i ? ',' : ''}\n${JSON.stringify(fileObject(f))}`;
  }
  yield `\n],"skipped":${JSON.stringify(input.skipped)},"unrecognised":${JSON.stringify(input.unrecognised ?? [])}}\n`;
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
