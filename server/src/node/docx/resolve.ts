/**
 * Paragraphs given their style, outline level and numbering label, in the order the Markdown
 * will show them: body paragraphs, text boxes after their anchor, tables row by row and cell
 * by cell. Numbering counters advance in this order, empty numbered paragraphs included (Word
 * counts them too).
 */
import type { RawBlock, RawParagraph } from './body';
import type { NumberLabel, Numbering } from './numbering';
import type { ResolvedStyle, StyleSheet } from './styles';
import type { DocxParagraph } from './types';

export interface Para {
  raw: RawParagraph;
  style: ResolvedStyle;
  label?: NumberLabel;
  /** Word outline level 0..8, from the paragraph or its style. */
  outline?: number;
  centered: boolean;
  /** The paragraph's text from its pieces. */
  text: string;
  /** It shows something: a label or text that is not blank. */
  visible: boolean;
  where: DocxParagraph['where'];
  cell?: DocxParagraph['cell'];
}

export type Entry = { kind: 'p'; para: Para } | { kind: 'table'; rows: Para[][][] };

export function resolveBlocks(blocks: readonly RawBlock[], styles: StyleSheet, numbering: Numbering): Entry[] {
  const out: Entry[] = [];
  let tables = 0;
  const visit = (list: readonly RawBlock[], where: Para['where'], cell: Para['cell'], into: Entry[]): void => {
    for (const b of list) {
      if (b.kind === 'p') {
        into.push({ kind: 'p', para: resolveParagraph(b, where, cell, styles, numbering) });
        if (b.floating.length) visit(b.floating, 'textbox', cell, into);
        continue;
      }
      const table = ++tables;
      const rows = b.rows.map((row, r) =>
        row.map((blocks, c) => {
          const inCell: Entry[] = [];
          visit(blocks, where === 'textbox' ? 'textbox' : 'table', { table, row: r + 1, column: c + 1 }, inCell);
          return flatten(inCell);
        }),
      );
      // A one-column table is a frame around text (forms often hold the whole report in one
      // cell): its paragraphs are read as paragraphs, headings and all.
      if (rows.every((row) => row.length <= 1)) {
        for (const row of rows) for (const cellParas of row) for (const para of cellParas) into.push({ kind: 'p', para });
      } else into.push({ kind: 'table', rows });
    }
  };
  visit(blocks, 'body', undefined, out);
  return out;
}

function flatten(entries: readonly Entry[]): Para[] {
  return entries.flatMap((e) => (e.kind === 'p' ? [e.para] : e.rows.flat(2)));
}

function resolveParagraph(raw: RawParagraph, where: Para['where'], cell: Para['cell'], styles: StyleSheet, numbering: Numbering): Para {
  const style = styles.paragraph(raw.styleId);
  // Direct numPr wins; a direct numId without ilvl is level 0, a style's may name its level by pStyle.
  const numId = raw.numId ?? style.numId;
  const ilvl = raw.ilvl ?? (raw.numId !== undefined ? 0 : style.ilvl);
  const label = numbering.next(numId, ilvl, style.id);
  const outline = raw.outlineLevel !== undefined ? (raw.outlineLevel <= 8 ? raw.outlineLevel : undefined) : style.outlineLevel;
  const text = raw.pieces.map((p) => p.text).join('');
  const centered = (raw.jc ?? (style.centered ? 'center' : undefined)) === 'center';
  const visible = /\S/.test(text) || (label !== undefined && /\S/.test(label.text));
  return { raw, style, label, outline, centered, text, visible, where, cell };
}
