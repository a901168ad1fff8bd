/**
 * What readDocx returns: the draft as Markdown for the core, and a map from every Markdown
 * offset back to the Word paragraph (第几段) and the XML element the character came from.
 */

/** Limits on what a file may make us read; a file over any of them is refused, not truncated. */
export interface DocxLimits {
  /** Size of the .docx itself. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of the parts read (document, styles, numbering, relationships). */
  maxUncompressedBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Element nesting in any XML part (Word's own documents stay under about 40). */
  maxXmlDepth: number;
}

export const DEFAULT_DOCX_LIMITS: Readonly<DocxLimits> = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxEntries: 10000,
  maxXmlDepth: 256,
};

/** The WordprocessingML elements a character of the Markdown can come from. */
export type DocxSourceTag = 't' | 'tab' | 'ptab' | 'br' | 'cr' | 'sym' | 'noBreakHyphen';

/**
 * A run of Markdown characters copied from one XML element. To find the element again, parse
 * the part (`DocxReport.part`) with xml.ts and take `sourceElements(doc).get(tag)[index]`: the
 * part's WordprocessingML elements of that tag in document order. For `t` the characters are
 * `element.textContent` from `offset`; the other tags stand for one character each (a tab, a
 * line break, a symbol).
 */
export interface DocxSpan {
  /** Offset in the Markdown. */
  start: number;
  length: number;
  /** Offset in the paragraph's `text`. */
  textOffset: number;
  tag: DocxSourceTag;
  /** Ordinal of the element among the part's elements of this tag, document order, from 0. */
  index: number;
  /** UTF-16 offset in the element's text where this span begins (0 for one-character tags). */
  offset: number;
}

/**
 * One paragraph of the document that holds text: what a reviewer counts as a 段.
 *
 * Numbering (`number`): every `w:p` whose visible text, numbering label included, is not blank
 * (white space, full-width spaces included, is blank), in document order: body paragraphs, then
 * table cells row by row and cell by cell, with the paragraphs of a text box counted right after
 * the paragraph that anchors it. Empty paragraphs, deleted ones (tracked changes accepted) and
 * page breaks are not counted. Table-of-contents paragraphs are counted (Word shows them) but
 * left out of the Markdown (`omitted`), since they repeat the headings.
 */
export interface DocxParagraph {
  /** 1-based; `paragraphs[i].number === i + 1`. */
  number: number;
  where: 'body' | 'table' | 'textbox';
  /** For `where === 'table'`: 1-based table (in document order), row and column. */
  cell?: { table: number; row: number; column: number };
  /** How the Markdown shows it: `# title`, `## heading`, a paragraph, a `- ` bullet item, a table cell. */
  role: 'title' | 'heading' | 'body' | 'bullet' | 'cell';
  /** Markdown heading level: 1 for the title, 2 and deeper for headings. */
  headingLevel?: number;
  /** Word's outline level (0 = 1级), from the paragraph or its style. */
  outlineLevel?: number;
  /** The paragraph style's name, e.g. "heading 1" or "标题 1". */
  style?: string;
  /**
   * Word's automatic numbering as Word shows it, e.g. "一、" or "（2）", followed by one space
   * unless it ends in Chinese punctuation or is an enclosed number ("1. ", "A "), as Word's tab
   * after it reads. Empty without numbering; a bullet shows as the `- ` of a Markdown item instead
   * and its label is empty. Not in the XML runs.
   */
  label: string;
  /** The paragraph's own text (runs, tabs, breaks; no label, no Markdown syntax). */
  text: string;
  /** Markdown offsets: `start` is where the label (or the text, with no label) begins. */
  start: number;
  end: number;
  /** The first `label.length` characters at `start` are the label. */
  labelLength: number;
  /** Where each character of `text` came from, in order; they cover `text` exactly. */
  spans: DocxSpan[];
  /** Counted but not in the Markdown (`start === end`). */
  omitted?: 'toc';
}

export interface DocxReport {
  /** The draft as Markdown for `analyze(text)`. */
  markdown: string;
  /** The paragraphs that hold text; see DocxParagraph for how they are counted. */
  paragraphs: DocxParagraph[];
  /** The main part the spans point into, usually "word/document.xml". */
  part: string;
  /** The document has tracked changes (read as if all were accepted). */
  trackedChanges: boolean;
}

/** Where a Markdown offset stands in the Word document. */
export interface DocxLocation {
  /** 段 number (DocxParagraph.number). */
  paragraph: number;
  /** UTF-16 offset in what Word shows of the paragraph: label, then text. */
  offset: number;
  /** The offset falls in the numbering label (Word's, not in the runs). */
  inLabel: boolean;
  /** The element and offset in it, when the character came from the XML. */
  source?: { tag: DocxSourceTag; index: number; offset: number };
}

/** Index of the first paragraph that ends at or after a Markdown offset (the paragraphs' count if none). */
export function paragraphEndingAtOrAfter(ps: readonly DocxParagraph[], offset: number): number {
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
