/**
 * From a Markdown draft to a Word file to hand in: `exportDocx(markdown)` gives the bytes of a
 * .docx laid out as GB/T 9704 has it (A4, 22 lines of 28 characters, 小标宋 title, 仿宋 body,
 * 黑体 and 楷体 headings, "— 1 —" page numbers). No file system: the caller writes the bytes.
 *
 * Stages: read.ts reads the draft's parts with the core's scanner; docx.ts lays them out
 * (layout.ts holds every number); fonts.ts names the fonts and their stand-ins.
 */
import { documentOf, pack, type DocxLayoutOptions } from './docx';
import { fontTableXml } from './fonts';
import { readParts } from './read';
import type { TextFormat } from '../../core/types';

/** The layout's options, and how the draft is written (a .txt draft has a paragraph per line). */
export type ExportDocxOptions = DocxLayoutOptions & { format?: TextFormat };
export type { Part } from './read';
export type { Run } from './inline';
export { readParts };

/** The draft as a .docx file's bytes. */
export async function exportDocx(markdown: string, options: ExportDocxOptions = {}): Promise<Uint8Array> {
  return pack(documentOf(readParts(markdown, options.format), options), fontTableXml());
}
