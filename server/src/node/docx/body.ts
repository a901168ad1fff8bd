/**
 * The walk over word/document.xml: body paragraphs and tables in order, each paragraph's text
 * as pieces that remember the element they came from. Tracked changes are read as accepted
 * (insertions kept, deletions and moved-away text dropped, a deleted paragraph mark joins its
 * paragraph to the next), field codes dropped and their results kept, comments ignored, text
 * boxes kept beside the paragraph that anchors them, hidden text (w:vanish) dropped.
 */
import type { DocxSourceTag } from './types';
import { elements, isOn, isW, wAttr, wChild, wInt, wVal, type XmlDocument as Document, type XmlElement as Element } from './xml';

const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const SOURCE_TAGS: ReadonlySet<string> = new Set<DocxSourceTag>(['t', 'tab', 'ptab', 'br', 'cr', 'sym', 'noBreakHyphen']);

/** Characters from one element: `offset` is where `text` starts in the element's own text. */
export interface Piece {
  text: string;
  tag: DocxSourceTag;
  index: number;
  offset: number;
}

export interface RawParagraph {
  kind: 'p';
  styleId?: string;
  /** Direct numbering; numId "0" turns the style's numbering off. */
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  jc?: string;
  pieces: Piece[];
  /** Text boxes anchored in this paragraph, in order. */
  floating: RawBlock[];
  /** Inside a table-of-contents content control. */
  toc?: boolean;
}

export interface RawTable {
  kind: 'table';
  /** Rows of cells; each cell holds blocks (paragraphs, nested tables). */
  rows: RawBlock[][][];
}

export type RawBlock = RawParagraph | RawTable;

export interface RawDocument {
  blocks: RawBlock[];
  trackedChanges: boolean;
}

interface Walk {
  ordinals: Map<Element, number>;
  tracked: boolean;
  toc: boolean;
}

/** Elements the spans point at, per tag, in document order: spans' `index` is into these lists. */
export function sourceElements(doc: Document): Map<string, Element[]> {
  const byTag = new Map<string, Element[]>();
  for (const tag of SOURCE_TAGS) byTag.set(tag, []);
  // Recursive, pre-order: parts have passed the depth check (xml.ts), so the stack is bounded.
  const visit = (el: Element) => {
    if (SOURCE_TAGS.has(el.localName ?? '') && isW(el)) byTag.get(el.localName!)!.push(el);
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) visit(n as Element);
  };
  if (doc.documentElement) visit(doc.documentElement);
  return byTag;
}

export function readBody(doc: Document): RawDocument {
  const ordinals = new Map<Element, number>();
  for (const list of sourceElements(doc).values()) list.forEach((el, i) => ordinals.set(el, i));
  const walk: Walk = { ordinals, tracked: false, toc: false };
  const body = wChild(doc.documentElement ?? undefined, 'body');
  const blocks: RawBlock[] = [];
  if (body) readBlocks(body, walk, blocks);
  return { blocks, trackedChanges: walk.tracked };
}

/** Block-level content of the body, a cell, a text box or a content control. */
function readBlocks(container: Element, walk: Walk, out: RawBlock[]): void {
  let carry: RawParagraph | undefined; // a paragraph whose mark was deleted joins the next
  const flush = () => {
    if (carry) out.push(carry);
    carry = undefined;
  };
  const visit = (parent: Element) => {
    for (const el of elements(parent)) {
      if (isW(el, 'p')) {
        const p = readParagraph(el, walk);
        if (carry) {
          p.pieces.unshift(...carry.pieces);
          p.floating.unshift(...carry.floating);
          carry = undefined;
        }
        if (markDeleted(el)) {
          walk.tracked = true;
          carry = p;
        } else out.push(p);
      } else if (isW(el, 'tbl')) {
        flush();
        out.push(readTable(el, walk));
      } else if (isW(el, 'sdt')) {
        const toc = walk.toc;
        walk.toc ||= isTocControl(el);
        const content = wChild(el, 'sdtContent');
        if (content) visit(content);
        walk.toc = toc;
      } else if (isW(el, 'del') || isW(el, 'moveFrom')) walk.tracked = true;
      else if (isW(el, 'customXml') || isW(el, 'ins') || isW(el, 'moveTo')) visit(el);
      else if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
        const branch = chooseBranch(el);
        if (branch) visit(branch);
      }
    }
  };
  visit(container);
  flush();
}

function markDeleted(p: Element): boolean {
  const rPr = wChild(wChild(p, 'pPr'), 'rPr');
  return wChild(rPr, 'del') !== undefined || wChild(rPr, 'moveFrom') !== undefined;
}

function isTocControl(sdt: Element): boolean {
  const gallery = wVal(wChild(wChild(sdt, 'sdtPr'), 'docPartObj'), 'docPartGallery');
  return gallery !== undefined && /table of contents/i.test(gallery);
}

function readParagraph(p: Element, walk: Walk): RawParagraph {
  const pPr = wChild(p, 'pPr');
  const numPr = wChild(pPr, 'numPr');
  const para: RawParagraph = {
    kind: 'p',
    styleId: wVal(pPr, 'pStyle'),
    numId: wVal(numPr, 'numId'),
    ilvl: wInt(numPr, 'ilvl'),
    outlineLevel: wInt(pPr, 'outlineLvl'),
    jc: wVal(pPr, 'jc'),
    pieces: [],
    floating: [],
  };
  if (walk.toc) para.toc = true;
  readInline(p, walk, para);
  return para;
}

/** Run-level content: runs and the containers that hold runs. */
function readInline(parent: Element, walk: Walk, para: RawParagraph): void {
  for (const el of elements(parent)) {
    if (!isW(el)) {
      if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
        const branch = chooseBranch(el);
        if (branch) readInline(branch, walk, para);
      }
      continue;
    }
    switch (el.localName) {
      case 'r':
        readRun(el, walk, para);
        break;
      case 'del':
      case 'moveFrom':
        walk.tracked = true;
        break;
      case 'ins':
      case 'moveTo':
        walk.tracked = true;
        readInline(el, walk, para);
        break;
      case 'sdt':
        readInline(wChild(el, 'sdtContent') ?? el, walk, para);
        break;
      case 'pPr':
      case 'rPr':
      case 'sdtPr':
      case 'rt': // ruby text above the base: not part of the line
        break;
      default:
        // hyperlink, smartTag, customXml, fldSimple (its result), ruby, rubyBase, bdo, dir …
        readInline(el, walk, para);
    }
  }
}

function readRun(r: Element, walk: Walk, para: RawParagraph): void {
  if (isOn(wChild(wChild(r, 'rPr'), 'vanish'))) return;
  for (const el of elements(r)) {
    if (!isW(el)) {
      if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
        const branch = chooseBranch(el);
        if (branch) textBoxes(branch, walk, para);
      }
      continue;
    }
    const name = el.localName as string;
    switch (name) {
      case 't':
        if (el.textContent) para.pieces.push(piece(el.textContent, 't', el, walk));
        break;
      case 'tab':
      case 'ptab':
        para.pieces.push(piece('\t', name, el, walk));
        break;
      case 'br': {
        // A page or column break ends a page, not a line of text.
        const type = wAttr(el, 'type');
        if (type !== 'page' && type !== 'column') para.pieces.push(piece('\n', 'br', el, walk));
        break;
      }
      case 'cr':
        para.pieces.push(piece('\n', 'cr', el, walk));
        break;
      case 'noBreakHyphen':
        para.pieces.push(piece('-', 'noBreakHyphen', el, walk));
        break;
      case 'sym': {
        const code = Number.parseInt(wAttr(el, 'char') ?? '', 16);
        if (code > 0 && code <= 0x10ffff) para.pieces.push(piece(String.fromCodePoint(code), 'sym', el, walk));
        break;
      }
      case 'drawing':
      case 'pict':
      case 'object':
        textBoxes(el, walk, para);
        break;
      // delText, instrText (field codes), fldChar, footnote and comment references: not text.
    }
  }
}

function piece(text: string, tag: DocxSourceTag, el: Element, walk: Walk): Piece {
  return { text, tag, index: walk.ordinals.get(el) ?? -1, offset: 0 };
}

/** Text boxes inside a drawing: each w:txbxContent read as blocks, anchored to `para`. */
function textBoxes(el: Element, walk: Walk, para: RawParagraph): void {
  for (const c of elements(el)) {
    if (isW(c, 'txbxContent')) readBlocks(c, walk, para.floating);
    else if (c.namespaceURI === MC_NS && c.localName === 'AlternateContent') {
      const branch = chooseBranch(c);
      if (branch) textBoxes(branch, walk, para);
    } else textBoxes(c, walk, para);
  }
}

/** mc:AlternateContent holds the same content twice (Choice for new readers, Fallback): read one. */
function chooseBranch(alt: Element): Element | undefined {
  let fallback: Element | undefined;
  for (const c of elements(alt)) {
    if (c.namespaceURI !== MC_NS) continue;
    if (c.localName === 'Choice') return c;
    if (c.localName === 'Fallback') fallback = c;
  }
  return fallback;
}

function readTable(tbl: Element, walk: Walk): RawTable {
  const rows: RawBlock[][][] = [];
  const cells = (parent: Element, row: RawBlock[][]) => {
    for (const el of elements(parent)) {
      if (isW(el, 'tc')) {
        const blocks: RawBlock[] = [];
        readBlocks(el, walk, blocks);
        row.push(blocks);
      } else if (isW(el, 'sdt')) cells(wChild(el, 'sdtContent') ?? el, row);
      else if (isW(el, 'customXml')) cells(el, row);
    }
  };
  const visitRows = (parent: Element) => {
    for (const el of elements(parent)) {
      if (isW(el, 'tr')) {
        if (wChild(wChild(el, 'trPr'), 'del')) {
          walk.tracked = true;
          continue;
        }
        const row: RawBlock[][] = [];
        cells(el, row);
        rows.push(row);
      } else if (isW(el, 'sdt')) visitRows(wChild(el, 'sdtContent') ?? el);
      else if (isW(el, 'customXml')) visitRows(el);
    }
  };
  visitRows(tbl);
  return { kind: 'table', rows };
}
