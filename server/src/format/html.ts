/**
 * `--format html`, rendered by the shared pure renderer: one report's scorecard page (the same
 * card the editor's preview shows), or for several the reviewer's ranked summary page. A Word
 * file's places (`CheckedFile.docx`, `docxWaivers`) go along, so its findings and waivers are
 * found by 段, not by the lines of the Markdown the checker read. Files not recognised as
 * reports are listed after the ranking.
 */
import { renderBatchPage, renderScorecardPage } from '../render/html';
import type { Format, FormatInput } from './types';

export function formatHtml(input: FormatInput): string {
  const [only] = input.files;
  const unrecognised = input.unrecognised ?? [];
  // One report alone gets its card; anything else the run has to say needs the summary page.
  if (input.files.length === 1 && !input.skipped.length && !unrecognised.length) return renderScorecardPage(only.path, only.result, input.locale, only);
  return renderBatchPage(input.files, { locale: input.locale, skipped: input.skipped, unrecognised });
}

export const htmlFormat: Format<'html'> = {
  id: 'html',
  extension: 'html',
  description: { zh: 'HTML 评分卡；多份报告时为按“好、中、差”排序的汇总页', en: 'HTML scorecard; for several reports, a summary page ranked by tier' },
  write: (input) => formatHtml(input),
};
