/**
 * Word files in the command line: a .docx is read by node/docx into the Markdown the core
 * analyses, and every finding's Markdown range is mapped back to the 段 (paragraph) a reviewer
 * finds it at in Word.
 */
import type { Finding, Position, Waiver } from '../core/types';
import type { DocxPlace, DocxPosition } from '../format/types';
import { DocxError, locate, readDocx, type DocxReport } from '../node/docx';

/** A Word file as read: where, the reader's report (Markdown and paragraph map) and the bytes it came from, for annotating. */
export interface WordSource {
  abs: string;
  report: DocxReport;
  bytes: Uint8Array;
}

/**
 * What `--format docx` puts between a report's name and `.docx` (`张三.批注.docx`), and how such
 * a copy is recognised (`张三.批注-2.docx` too): our output, so folder searches leave it out.
 */
export const ANNOTATED_SUFFIX = '.批注';
export const ANNOTATED_COPY = /\.批注(?:-\d+)?\.docx$/i;

/**
 * Reads a .docx from its bytes, or says why not in both languages (corrupt, encrypted, a zip bomb …): the
 * reader's own words, so the batch goes on with one clear line for this file.
 */
export function readWord(abs: string, bytes: Uint8Array): WordSource | { reason: string; reasonEn: string } {
  try {
    return { abs, report: readDocx(bytes), bytes };
  } catch (err) {
    if (err instanceof DocxError) return { reason: `${err.zh}，未分析`, reasonEn: `${err.en}, not analysed` };
    throw err;
  }
}

/** The core's line/character in `text` turned back into an offset (clamped to the text). */
export function offsetsIn(text: string): (p: Position) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (p) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
}

/**
 * Where each finding stands in the Word file, in the order of `findings`. A range's end that
 * falls at the very start of a later paragraph (the blank line after a paragraph, a heading's
 * `## `) is moved back to the end of the paragraph before, so a range never seems to reach into
 * a paragraph it does not touch. A document with no text at all gives paragraph 0.
 */
export function docxPlaces(report: DocxReport, findings: readonly Finding[]): DocxPlace[] {
  const offsetOf = offsetsIn(report.markdown);
  const at = (offset: number): DocxPosition => {
    const loc = locate(report, offset);
    return loc ? { paragraph: loc.paragraph, offset: loc.offset } : { paragraph: 0, offset: 0 };
  };
  const endAt = (start: DocxPosition, offset: number): DocxPosition => {
    const end = at(offset);
    if (end.offset > 0 || end.paragraph <= start.paragraph) return end;
    for (let k = end.paragraph - 2; k >= 0; k--) {
      const p = report.paragraphs[k];
      if (!p.omitted) return { paragraph: p.number, offset: p.labelLength + p.text.length };
    }
    return end;
  };
  return findings.map((f) => {
    const s = offsetOf(f.range.start);
    const e = offsetOf(f.range.end);
    const start = at(s);
    const place: DocxPlace = { start, end: e > s ? endAt(start, e) : start };
    if (f.related?.length) place.related = f.related.map((r) => at(offsetOf(r.range.start)));
    return place;
  });
}

/** Where each waiver's comment stands in the Word file (its 段), in the order of `waivers`. */
export function docxWaiverPlaces(report: DocxReport, waivers: readonly Waiver[]): DocxPosition[] {
  const offsetOf = offsetsIn(report.markdown);
  return waivers.map((w) => {
    const loc = locate(report, offsetOf({ line: w.line, character: 0 }));
    return loc ? { paragraph: loc.paragraph, offset: loc.offset } : { paragraph: 0, offset: 0 };
  });
}
