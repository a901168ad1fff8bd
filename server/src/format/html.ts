/**
 * `--format html`, rendered by the shared pure renderer: one report's scorecard page (the same
 * card the editor's preview shows), or for several the reviewer's ranked summary page.
 */
import { renderBatchPage, renderScorecardPage } from '../render/html';
import type { Format, FormatInput } from './types';

export function formatHtml(input: FormatInput): string {
  if (input.files.length === 1 && !input.skipped.length) return renderScorecardPage(input.files[0].path, input.files[0].result, input.locale);
  return renderBatchPage(input.files, { locale: input.locale, skipped: input.skipped });
}

export const htmlFormat: Format<'html'> = {
  id: 'html',
  extension: 'html',
  description: { zh: 'HTML 评分卡；多份报告时为按“好、中、差”排序的汇总页', en: 'HTML scorecard; for several reports, a summary page ranked by tier' },
  write: (input) => formatHtml(input),
};
