/** `--format html`: the reviewer's ranked summary page, rendered by the shared pure renderer. */
import { renderBatchPage } from '../../render/html';
import type { FormatInput } from './json';

export function formatHtml(input: FormatInput): string {
  return renderBatchPage(input.files, { locale: input.locale, skipped: input.skipped });
}
