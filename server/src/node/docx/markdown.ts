/**
 * Resolved paragraphs written as Markdown the core reads as Word shows the document: the title
 * as `# …`, outline levels as `##`, `###` … (ranked, so the top level in use is `##`) with their
 * numbering label, body paragraphs separated by blank lines, bullets as `- `, tables as
 * Markdown table rows. Each character copied from the XML is recorded in a span; the rest
 * (heading marks, labels, escapes, table pipes) is Markdown's or Word's numbering's.
 */
import type { Piece } from './body';
import type { Entry, Para } from './resolve';
import type { DocxParagraph, DocxSpan } from './types';

type Mode = 'line' | 'body' | 'cell';

/** Lines Markdown would read as syntax: a backslash before them keeps them text. */
const SYNTAX_LINE = /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|\||`{3}|~{3}|<!--|(?:=+|-+|\*{3,}|_{3,})[ \t]*$)/;
/**
 * After these a label needs no space before its text: "一、", "（一）", "1．", "①". After "1." a
 * space stays, as Word's tab shows it: "2.3月底前" would read as the number 2.3.
 */
const LABEL_CLOSED = /[、．。，：）】〕」』\u2460-\u24ff\u3251-\u32bf\u3280-\u32b0]$/u;

class Out {
  markdown = '';
  readonly paragraphs: DocxParagraph[] = [];

  write(s: string): void {
    this.markdown += s;
  }
}

export function writeMarkdown(entries: readonly Entry[]): { markdown: string; paragraphs: DocxParagraph[] } {
  const title = findTitle(entries);
  const levels = headingLevels(entries, title);
  const out = new Out();
  let first = true;
  for (const e of entries) {
    const emptyTable = e.kind === 'table' && !e.rows.some((row) => row.some((c) => c.some((p) => p.visible)));
    if (emptyTable || (e.kind === 'p' && !e.para.visible)) continue;
    if (e.kind === 'p' && isToc(e.para)) {
      const para = record(out, e.para, 'body', undefined);
      para.omitted = 'toc';
      para.text = e.para.text;
      continue;
    }
    if (!first) out.write('\n\n');
    first = false;
    if (e.kind === 'table') writeTable(out, e.rows);
    else if (e.para === title) {
      out.write('# ');
      writeParagraph(out, e.para, 'title', 'line', 1);
    } else if (e.para.outline !== undefined && levels.has(e.para.outline)) {
      const level = levels.get(e.para.outline)!;
      out.write('#'.repeat(level) + ' ');
      writeParagraph(out, e.para, 'heading', 'line', level);
    } else if (e.para.label?.bullet) {
      out.write('- ');
      writeParagraph(out, e.para, 'bullet', 'body');
    } else writeParagraph(out, e.para, 'body', 'body');
  }
  if (out.markdown) out.write('\n');
  return { markdown: out.markdown, paragraphs: out.paragraphs };
}

/** The first paragraph, when Word marks it as a title: Title style, an outline level, or centred. */
function findTitle(entries: readonly Entry[]): Para | undefined {
  const first = entries.find((e) => e.kind === 'table' || (e.para.visible && !isToc(e.para)));
  if (!first || first.kind !== 'p') return undefined;
  const p = first.para;
  if (p.where !== 'body' || p.label || p.text.trim().length > 100) return undefined;
  return p.style.isTitle || p.outline !== undefined || p.centered ? p : undefined;
}

/** Outline levels in use, ranked: the highest becomes `##`, the next `###`, at most `######`. */
function headingLevels(entries: readonly Entry[], title: Para | undefined): Map<number, number> {
  const used = new Set<number>();
  for (const e of entries) {
    if (e.kind === 'p' && e.para !== title && e.para.visible && !isToc(e.para) && e.para.outline !== undefined) used.add(e.para.outline);
  }
  const levels = new Map<number, number>();
  [...used].sort((a, b) => a - b).forEach((o, rank) => levels.set(o, Math.min(rank + 2, 6)));
  return levels;
}

/** What a label looks like in the Markdown: Word's text, and a space where Word's tab or space would read as one. */
function labelText(p: Para): string {
  const l = p.label;
  if (!l || l.bullet || l.text === '') return '';
  return LABEL_CLOSED.test(l.text) ? l.text : `${l.text} `;
}

/** Table-of-contents lines repeat the headings: counted as 段, left out of the Markdown. */
function isToc(p: Para): boolean {
  return p.raw.toc === true || p.style.isToc;
}

function record(out: Out, p: Para, role: DocxParagraph['role'], headingLevel: number | undefined): DocxParagraph {
  const start = out.markdown.length;
  const para: DocxParagraph = {
    number: out.paragraphs.length + 1,
    where: p.where,
    role,
    label: '',
    text: '',
    start,
    end: start,
    labelLength: 0,
    spans: [],
  };
  if (p.cell) para.cell = p.cell;
  if (headingLevel !== undefined) para.headingLevel = headingLevel;
  if (p.outline !== undefined) para.outlineLevel = p.outline;
  if (p.style.name !== undefined) para.style = p.style.name;
  out.paragraphs.push(para);
  return para;
}

function writeParagraph(out: Out, p: Para, role: DocxParagraph['role'], mode: Mode, headingLevel?: number): void {
  const para = record(out, p, role, headingLevel);
  const label = labelText(p);
  para.label = label;
  para.labelLength = label.length;
  out.write(label);
  para.text = writePieces(out, para, p.raw.pieces, mode, label.length > 0);
  para.end = out.markdown.length;
}

function writeTable(out: Out, rows: readonly Para[][][]): void {
  const width = Math.max(...rows.map((r) => r.length));
  rows.forEach((row, r) => {
    if (r > 0) out.write('\n');
    out.write('|');
    for (let c = 0; c < width; c++) {
      out.write(' ');
      let firstInCell = true;
      for (const p of row[c] ?? []) {
        if (!p.visible) continue;
        if (!firstInCell) out.write(' ');
        firstInCell = false;
        writeParagraph(out, p, 'cell', 'cell');
      }
      out.write(' |');
    }
    if (r === 0) out.write('\n|' + ' --- |'.repeat(width));
  });
}

/**
 * Copies the pieces into the Markdown, recording spans. In `line` mode (title, headings) and
 * `cell` mode a line break becomes a space; in `cell` mode a pipe is escaped; in `body` mode a
 * line that Markdown would read as syntax gets a backslash. Returns the text as written.
 */
function writePieces(out: Out, para: DocxParagraph, pieces: readonly Piece[], mode: Mode, labelled: boolean): string {
  const joined = pieces.map((pc) => pc.text).join('');
  // A carriage return (&#13; in a w:t) becomes a line feed one for one: the core would read a
  // lone CR as a line break the paragraph map does not count, and shift every later position.
  const text = mode === 'body' ? joined.replace(/\r/g, '\n') : joined.replace(/[\n\r]/g, ' ');
  const escapes = escapePoints(text, mode, labelled);
  let e = 0;
  let at = 0;
  for (const pc of pieces) {
    let from = 0;
    while (from < pc.text.length) {
      while (e < escapes.length && escapes[e] < at + from) e++;
      const stop = e < escapes.length && escapes[e] < at + pc.text.length ? escapes[e] - at : pc.text.length;
      if (stop === from) {
        out.write('\\');
        e++;
        continue;
      }
      const span: DocxSpan = { start: out.markdown.length, length: stop - from, textOffset: at + from, tag: pc.tag, index: pc.index, offset: pc.offset + from };
      out.write(text.slice(at + from, at + stop));
      para.spans.push(span);
      from = stop;
    }
    at += pc.text.length;
  }
  return text;
}

/** Offsets in `text` before which a backslash goes, ascending. */
function escapePoints(text: string, mode: Mode, labelled: boolean): number[] {
  const points: number[] = [];
  if (mode === 'cell') {
    for (let i = text.indexOf('|'); i !== -1; i = text.indexOf('|', i + 1)) points.push(i);
  } else if (mode === 'body') {
    for (let s = 0; s <= text.length; ) {
      const nl = text.indexOf('\n', s);
      const end = nl === -1 ? text.length : nl;
      if (!(s === 0 && labelled) && SYNTAX_LINE.test(text.slice(s, end))) {
        let i = s;
        while (text[i] === ' ' || text[i] === '\t') i++;
        points.push(i);
      }
      if (nl === -1) break;
      s = nl + 1;
    }
  }
  return points;
}
