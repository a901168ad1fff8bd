/**
 * The parts of a report written as a Word document laid out as GB/T 9704 has it (layout.ts):
 * each kind of part is a paragraph style, so a writer who edits the file in Word keeps the
 * layout, and Word's navigation pane shows the headings. Outline labels (一、（一）1.（1）) are
 * the writer's text: no Word numbering is used anywhere.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from 'docx';
import type { Run } from './inline';
import {
  BODY_CHAR,
  CONDENSE,
  FONT,
  FOOTER_DISTANCE,
  LINE_PITCH,
  MARGIN,
  PAGE,
  PAGE_NUMBER_DASH,
  PAGE_NUMBER_INDENT,
  pt,
  SIZE,
  TEXT_WIDTH,
} from './layout';
import type { ColumnAlign, Part } from './read';

export interface DocxLayoutOptions {
  /**
   * Where the page number stands: `outer` (the default, GB/T 9704 §7.5.1: odd pages right,
   * even pages left, one character in from the edge) or `center`.
   */
  pageNumbers?: 'outer' | 'center';
  /** The file's author (docProps/core.xml); none by default. */
  creator?: string;
}

/** East Asian text in `eastAsia`, Latin letters and digits in Times New Roman; “” and — as East Asian. */
const fonts = (eastAsia: string, latin: string = FONT.latin) => ({ ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' });

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** 首行缩进二字: in characters for Word and WPS, in twips for readers that ignore character units. */
const TWO_CHARS = { firstLine: 2 * BODY_CHAR, firstLineChars: 200 };

const STYLE = {
  title: 'ReportTitle',
  byline: 'ReportByline',
  salutation: 'ReportSalutation',
  body: 'ReportBody',
  signature: 'ReportSignature',
  table: 'ReportTableText',
  pageNumber: 'ReportPageNumber',
  heading: ['', 'Heading1', 'Heading2', 'Heading3'],
} as const;

function paragraphStyles(): IParagraphStyleOptions[] {
  const heading = (level: 1 | 2 | 3, face: string): IParagraphStyleOptions => ({
    id: STYLE.heading[level],
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: STYLE.body,
    quickFormat: true,
    paragraph: { indent: TWO_CHARS, keepNext: true, keepLines: true, outlineLevel: level - 1 },
    run: { font: fonts(face), size: SIZE.sanhao, bold: false, italics: false, color: '000000' },
  });
  return [
    {
      id: 'Normal',
      name: 'Normal',
      quickFormat: true,
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: exact(LINE_PITCH) },
      run: { font: fonts(FONT.body), size: SIZE.sanhao },
    },
    {
      id: STYLE.title,
      name: '公文标题',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      // 二号 in the 28.95 pt line pitch, a blank line below (§7.2 主送机关 "标题下空一行").
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(LINE_PITCH), after: LINE_PITCH }, keepNext: true },
      run: { font: fonts(FONT.title), size: SIZE.erhao },
    },
    {
      id: STYLE.byline,
      name: '署名行',
      basedOn: 'Normal',
      next: STYLE.body,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(LINE_PITCH), after: LINE_PITCH }, keepNext: true },
      run: { font: fonts(FONT.heading2), size: SIZE.sanhao },
    },
    { id: STYLE.salutation, name: '主送', basedOn: 'Normal', next: STYLE.body, paragraph: { alignment: AlignmentType.LEFT } },
    { id: STYLE.body, name: '公文正文', basedOn: 'Normal', next: STYLE.body, quickFormat: true, paragraph: { indent: TWO_CHARS } },
    heading(1, FONT.heading1),
    heading(2, FONT.heading2),
    heading(3, FONT.body),
    {
      id: STYLE.signature,
      name: '落款',
      basedOn: 'Normal',
      next: STYLE.signature,
      // 右空二字 (§7.3.5.2).
      paragraph: { alignment: AlignmentType.RIGHT, indent: { right: 2 * BODY_CHAR } },
    },
    {
      id: STYLE.table,
      name: '表格文字',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.LEFT, spacing: exact(pt(20)) },
      run: { size: SIZE.sihao },
    },
    {
      id: STYLE.pageNumber,
      name: '页码',
      basedOn: 'Normal',
      paragraph: { spacing: exact(pt(14)) },
      run: { font: fonts(FONT.pageNumber, FONT.pageNumber), size: SIZE.sihao },
    },
  ];
}

const FACE_FONT = { heading1: FONT.heading1, heading2: FONT.heading2 } as const;

function textRuns(runs: readonly Run[], extra: { bold?: boolean } = {}): TextRun[] {
  return runs.map(
    (r) =>
      new TextRun({
        text: r.text,
        bold: r.bold || extra.bold || undefined,
        italics: r.italic || undefined,
        strike: r.strike || undefined,
        font: r.face ? fonts(FACE_FONT[r.face]) : undefined,
      }),
  );
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function table(rows: readonly Run[][][], align: readonly ColumnAlign[]): Table {
  const columns = Math.max(...rows.map((r) => r.length));
  const width = Math.floor(TEXT_WIDTH / columns);
  return new Table({
    width: { size: width * columns, type: WidthType.DXA },
    columnWidths: new Array<number>(columns).fill(width),
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0 && rows.length > 1,
          children: Array.from({ length: columns }, (_, c) => {
            const header = r === 0 && rows.length > 1;
            const paragraph = new Paragraph({
              style: STYLE.table,
              alignment: header ? AlignmentType.CENTER : align[c] && ALIGN[align[c]],
              children: textRuns(cells[c] ?? [], { bold: header }),
            });
            return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [paragraph] });
          }),
        }),
    ),
  });
}

/** The document body: one paragraph (or table) per part. */
export function bodyOf(parts: readonly Part[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const p of parts) {
    if (p.kind === 'table') {
      out.push(table(p.rows, p.align));
      // Word needs a paragraph between two tables, and a blank line after a table reads better.
      out.push(new Paragraph({ style: STYLE.body }));
      continue;
    }
    const style = p.kind === 'heading' ? STYLE.heading[p.level] : STYLE[p.kind];
    // §7.3.5.2: 正文下空一行 before the signature.
    const spacing = p.kind === 'signature' && p.first ? { before: LINE_PITCH } : undefined;
    out.push(new Paragraph({ style, spacing, children: textRuns(p.runs) }));
  }
  // An empty draft still makes a document Word opens: a body holds at least one paragraph.
  if (!out.length) out.push(new Paragraph({ style: STYLE.body }));
  return out;
}

function pageNumber(alignment: 'left' | 'right' | 'center'): Footer {
  const indent = alignment === 'right' ? { right: PAGE_NUMBER_INDENT } : alignment === 'left' ? { left: PAGE_NUMBER_INDENT } : undefined;
  const align = alignment === 'right' ? AlignmentType.RIGHT : alignment === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: align,
        indent,
        children: [new TextRun({ children: [`${PAGE_NUMBER_DASH} `, PageNumber.CURRENT, ` ${PAGE_NUMBER_DASH}`] })],
      }),
    ],
  });
}

function section(parts: readonly Part[], options: DocxLayoutOptions): ISectionOptions {
  const outer = options.pageNumbers !== 'center';
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { ...MARGIN, header: MARGIN.top - LINE_PITCH, footer: FOOTER_DISTANCE, gutter: 0 },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
    },
    footers: outer ? { default: pageNumber('right'), even: pageNumber('left') } : { default: pageNumber('center') },
    children: bodyOf(parts),
  };
}

/** The Word document for these parts. */
export function documentOf(parts: readonly Part[], options: DocxLayoutOptions = {}): Document {
  const title = parts.find((p) => p.kind === 'title');
  return new Document({
    title: title && title.kind === 'title' ? title.runs.map((r) => r.text).join('') : undefined,
    creator: options.creator ?? '',
    evenAndOddHeaderAndFooters: options.pageNumbers !== 'center',
    styles: {
      default: { document: { run: { font: fonts(FONT.body), size: SIZE.sanhao, characterSpacing: CONDENSE, language: { value: 'en-US', eastAsia: 'zh-CN' } } } },
      paragraphStyles: paragraphStyles(),
    },
    sections: [section(parts, options)],
  });
}

/** Packs the document; `fontTable` replaces docx's own font table (see fonts.ts). */
export async function pack(doc: Document, fontTable: string): Promise<Uint8Array> {
  return Packer.pack(doc, 'uint8array', false, [{ path: 'word/fontTable.xml', data: fontTable }]);
}
