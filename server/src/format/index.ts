/**
 * The registry of output formats, in the order help texts and pickers list them. Both front
 * doors take their formats from here: the CLI's `--format` and the language server's export
 * request (whose `format` is typed by `FormatId`, see shared/protocol.ts).
 *
 * Adding a format: one file exporting a `Format` (see ./types.ts) and its line below.
 */
import { csvFormat } from './csv';
import { htmlFormat } from './html';
import { jsonFormat } from './json';
import { sarifFormat } from './sarif';
import { textFormat } from './text';
import type { Format } from './types';

export const FORMATS = [textFormat, jsonFormat, sarifFormat, htmlFormat, csvFormat] as const satisfies readonly Format[];

export type FormatId = (typeof FORMATS)[number]['id'];

export const FORMAT_IDS: readonly FormatId[] = FORMATS.map((f) => f.id);

/** The format of an id as typed by a user or sent by a client; undefined when there is none. */
export function findFormat(id: string): Format<FormatId> | undefined {
  return FORMATS.find((f) => f.id === id);
}

export type { CheckedFile, DocxPlace, DocxPosition, Format, FormatContext, FormatInput, JsonLayout, SkippedFile } from './types';
