/**
 * Findings back into Word (issue 15 part 4): a copy of the .docx with each note as a Word
 * comment (批注) on the text it flags, and the scorecard as one comment on the title.
 *
 *   const report = readDocx(bytes);
 *   const copy = annotateDocx(bytes, report, [{ start, end, text }], { author: '述职报告助手' });
 *
 * The parts are edited by splicing their text at the offsets xml.ts records, so everything not
 * touched stays byte for byte as it was, and the zip is rewritten with every other entry copied
 * as stored. Written: w:commentRangeStart, w:commentRangeEnd and a run with w:commentReference
 * in the main part, the comments in word/comments.xml (made, or appended to with fresh ids), its
 * relationship and its content type.
 *
 * Where a comment is anchored (`anchorRanges` gives the Markdown range of each):
 * - On the characters of the range that Word holds in runs: Markdown syntax (`## `, blank lines,
 *   escapes, table pipes) and the numbering label (Word draws it; it is in no run) are left out,
 *   so "4. 理论学习不够深入。" anchors on "理论学习不够深入。".
 * - A run is split where a range starts or ends inside it, both halves keeping its properties.
 * - A range over several paragraphs runs from the first to the last when their w:p are siblings
 *   (body paragraphs, paragraphs of one cell); otherwise (across table cells, into a text box)
 *   it ends with the last flagged character of the paragraph where it starts.
 * - A range with no such characters (zero length, only a label, only syntax) anchors on the first
 *   characters of its paragraph: up to the first punctuation or space, 1 to 10 characters. A
 *   paragraph that shows only a label lends the nearest paragraph with text (the next, else the
 *   one before).
 * - A range that starts or ends in a field's result (a DATE field's date) takes in the whole
 *   field: LibreOffice drops a comment whose reference run sits inside a field.
 * - The summary anchors on the whole title (`role: 'title'`), else on the first paragraph.
 * - A document with no text at all gets its comments as points at the start of its first
 *   paragraph (one is added to an empty body).
 */
import { sourceElements } from './body';
import { DocxError } from './errors';
import { locate } from './index';
import type { DocxParagraph, DocxReport } from './types';
import { DEFAULT_DOCX_LIMITS, paragraphEndingAtOrAfter } from './types';
import { decodeXml, elements, encodeXmlLike, isW, parseXmlText, type XmlDocument, type XmlElement, type XmlNode } from './xml';
import { ZipPackage } from './zip';

export interface DocxNote {
  /** Offsets in `report.markdown`, as the checker's findings give them. */
  start: number;
  end: number;
  /** The comment; each line becomes a paragraph of it. */
  text: string;
}

export interface AnnotateOptions {
  /** Shown by Word as the comment's author. */
  author: string;
  initials?: string;
  /** The comments' date; without one none is written, so the same input gives the same bytes. */
  date?: Date;
  /** The scorecard: one more comment, on the title. */
  summary?: string;
}

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const REL_COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const REL_COMMENTS_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/comments';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const W_STRICT_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
/** Where the first characters of a paragraph end: punctuation or a space. */
const PHRASE_END = /[\s，。；：！？、,.;:!?（）()“”"'‘’《》〈〉【】—…·]/u;
const FIRST_CHARS = 10;

/** A place in the main part: `offset` characters into the text of source element `el` (0 to its length). */
interface Place {
  el: XmlElement;
  offset: number;
}

interface Anchor {
  id: number;
  from?: Place;
  to?: Place;
  text: string;
}

/**
 * A copy of `original` with `notes` (and `options.summary`) as Word comments; `report` must be
 * `readDocx(original)`. `original` is not modified. Throws DocxError when the package cannot be
 * read again.
 */
export function annotateDocx(original: Uint8Array, report: DocxReport, notes: readonly DocxNote[], options: AnnotateOptions): Uint8Array {
  try {
    return annotate(original, report, notes, options);
  } catch (err) {
    if (err instanceof DocxError) throw err;
    throw new DocxError('corrupt', err instanceof Error ? err.message : String(err));
  }
}

/**
 * The Markdown range each comment is anchored on (the notes in order, then the summary), as the
 * file comment describes: a range of `report.markdown` whose characters held in runs are the
 * anchored text. Empty only for a document with no text.
 */
export function anchorRanges(original: Uint8Array, report: DocxReport, notes: readonly { start: number; end: number }[], summary = false): { start: number; end: number }[] {
  const main = readMain(new ZipPackage(original, DEFAULT_DOCX_LIMITS), report);
  const planner = new Planner(report, main.doc);
  const ranges = notes.map((n) => planner.range(n.start, n.end));
  if (summary) ranges.push(planner.summaryRange());
  return ranges.map((r) => r ?? { start: 0, end: 0 });
}

function annotate(original: Uint8Array, report: DocxReport, notes: readonly DocxNote[], options: AnnotateOptions): Uint8Array {
  const zip = new ZipPackage(original, DEFAULT_DOCX_LIMITS);
  const main = readMain(zip, report);
  const { ns } = main;
  const planner = new Planner(report, main.doc);

  const dir = report.part.slice(0, report.part.lastIndexOf('/') + 1);
  const relsName = `${dir}_rels/${report.part.slice(dir.length)}.rels`;
  const rels = readPart(zip, relsName);
  const relType = ns === W_STRICT_NS ? REL_COMMENTS_STRICT : REL_COMMENTS;
  const existing = rels && commentsRelation(rels.doc, dir);
  const commentsName = existing ?? freeName(zip, `${dir}comments`, '.xml');
  const comments = readPart(zip, commentsName);

  let next = Math.max(maxId(main.doc, ns), comments ? maxId(comments.doc, ns) : -1) + 1;
  const anchors: Anchor[] = [];
  if (options.summary !== undefined) anchors.push({ id: next++, ...planner.places(planner.summaryRange()), text: options.summary });
  for (const n of notes) anchors.push({ id: next++, ...planner.places(planner.range(n.start, n.end)), text: n.text });

  const parts: { name: string; bytes: Uint8Array }[] = [];
  parts.push({ name: report.part, bytes: encodeXmlLike(main.bytes, markDocument(main.doc, ns, anchors)) });

  if (comments) {
    const root = comments.doc.documentElement!;
    const body = anchors.map((a) => commentXml(a, options, wNames(root, ns))).join('');
    parts.push({ name: commentsName, bytes: encodeXmlLike(comments.bytes, appendToRoot(comments.doc, body)) });
  } else {
    const body = anchors.map((a) => commentXml(a, options, W_PREFIXED)).join('');
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:comments xmlns:w="${ns}">${body}</w:comments>`;
    parts.push({ name: commentsName, bytes: new TextEncoder().encode(xml) });
  }

  if (!existing) {
    const target = commentsName.slice(dir.length);
    if (rels) {
      const root = rels.doc.documentElement!;
      const id = freeRelationshipId(rels.doc);
      const el = `<${plainName(root, REL_NS, 'Relationship')} Id="${id}" Type="${relType}" Target="${escapeXml(target)}"/>`;
      parts.push({ name: relsName, bytes: encodeXmlLike(rels.bytes, appendToRoot(rels.doc, el)) });
    } else {
      const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${relType}" Target="${escapeXml(target)}"/></Relationships>`;
      parts.push({ name: relsName, bytes: new TextEncoder().encode(xml) });
    }
  }

  const types = readPart(zip, '[Content_Types].xml');
  if (!types) throw new DocxError('corrupt', '[Content_Types].xml missing');
  const partName = `/${commentsName}`;
  const declared = elements(types.doc.documentElement!).some(
    (el) => el.localName === 'Override' && (el.getAttribute('PartName') ?? '').toLowerCase() === partName.toLowerCase(),
  );
  if (!declared) {
    const el = `<${plainName(types.doc.documentElement!, CT_NS, 'Override')} PartName="${escapeXml(partName)}" ContentType="${CT_COMMENTS}"/>`;
    parts.push({ name: '[Content_Types].xml', bytes: encodeXmlLike(types.bytes, appendToRoot(types.doc, el)) });
  }
  return zip.rewrite(parts);
}

// ---------------------------------------------------------------------------------------------
// Parts

interface Part {
  bytes: Uint8Array;
  doc: XmlDocument;
}

function readPart(zip: ZipPackage, name: string): Part | undefined {
  const bytes = zip.read(name.toLowerCase());
  return bytes && { bytes, doc: parseXmlText(decodeXml(bytes), name, DEFAULT_DOCX_LIMITS.maxXmlDepth) };
}

function readMain(zip: ZipPackage, report: DocxReport): Part & { ns: string } {
  const main = readPart(zip, report.part);
  const root = main?.doc.documentElement;
  if (!main || !root) throw new DocxError('no-document', report.part);
  return { ...main, ns: root.namespaceURI === W_STRICT_NS ? W_STRICT_NS : 'http://schemas.openxmlformats.org/wordprocessingml/2006/main' };
}

/** The comments part the main part already points to, if any. */
function commentsRelation(rels: XmlDocument, dir: string): string | undefined {
  for (const r of elements(rels.documentElement!)) {
    if (r.localName !== 'Relationship' || !/\/comments$/.test(r.getAttribute('Type') ?? '')) continue;
    if (r.getAttribute('TargetMode') === 'External') continue;
    const target = r.getAttribute('Target') ?? '';
    const parts: string[] = [];
    for (const seg of ((target.startsWith('/') ? '' : dir) + target).split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.' && seg !== '') parts.push(seg);
    }
    return parts.join('/');
  }
  return undefined;
}

function freeName(zip: ZipPackage, stem: string, ext: string): string {
  for (let k = 1; ; k++) {
    const name = `${stem}${k > 1 ? k : ''}${ext}`;
    if (!zip.has(name.toLowerCase())) return name;
  }
}

function freeRelationshipId(rels: XmlDocument): string {
  const ids = new Set(elements(rels.documentElement!).map((r) => r.getAttribute('Id')));
  let k = ids.size + 1;
  while (ids.has(`rId${k}`)) k++;
  return `rId${k}`;
}

/** The highest w:id in the part (comments, bookmarks and revisions share the numbers), or -1. */
function maxId(doc: XmlDocument, ns: string): number {
  let max = -1;
  const visit = (el: XmlElement) => {
    const v = el.getAttributeNS(ns, 'id');
    const id = v === null ? NaN : Number(v);
    if (Number.isInteger(id) && id > max) max = id;
    for (let n: XmlNode | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) visit(n);
  };
  visit(doc.documentElement!);
  return max;
}

/** `xml` added as the last children of the root. */
function appendToRoot(doc: XmlDocument, xml: string): string {
  const root = doc.documentElement!;
  const t = doc.text;
  // <root .../> is opened up to hold the new children.
  if (root.openEnd === root.end) return t.slice(0, root.end - 2) + `>${xml}</${root.tagName}>` + t.slice(root.end);
  return t.slice(0, root.closeStart) + xml + t.slice(root.closeStart);
}

/** An element name in namespace `ns` with unprefixed attributes (relationships, content types), declaring `ns` when needed. */
function plainName(scope: XmlElement, ns: string, local: string): string {
  const p = scope.lookupPrefix(ns);
  if (p === '') return local;
  return p === undefined ? `${local} xmlns="${ns}"` : `${p}:${local}`;
}

// ---------------------------------------------------------------------------------------------
// Where each comment goes

class Planner {
  readonly #report: DocxReport;
  readonly #doc: XmlDocument;
  readonly #sources: Map<string, XmlElement[]>;

  constructor(report: DocxReport, doc: XmlDocument) {
    this.#report = report;
    this.#doc = doc;
    this.#sources = sourceElements(doc);
  }

  /** The Markdown range anchored for a note over [start, end), or undefined in a document with no text. */
  range(start: number, end: number): { start: number; end: number } | undefined {
    const md = this.#report.markdown;
    start = Math.max(0, Math.min(start, md.length));
    end = Math.max(start, Math.min(end, md.length));
    // Never between the two halves of a surrogate pair.
    if (isLow(md.charCodeAt(start)) && isHigh(md.charCodeAt(start - 1))) start--;
    if (isHigh(md.charCodeAt(end - 1)) && isLow(md.charCodeAt(end))) end++;
    const first = start < end ? this.#firstChar(start, end) : undefined;
    if (first === undefined) return this.#firstCharacters(start);
    const last = this.#lastChar(start, end)!;
    // Across paragraphs only when their w:p are siblings; else end in the paragraph where it starts.
    const pFrom = paragraphOf(this.#element(first.para, first.span));
    const pTo = paragraphOf(this.#element(last.para, last.span));
    if (pFrom === pTo || (pFrom && pTo && pFrom.parentNode === pTo.parentNode && pFrom.start < pTo.start)) {
      return { start: first.at, end: last.at + 1 };
    }
    for (let q = last.para; q >= first.para; q--) {
      const p = this.#report.paragraphs[q];
      for (let k = p.spans.length - 1; k >= 0; k--) {
        const s = p.spans[k];
        if (s.start >= end || (q === first.para && k < first.span)) continue;
        if (paragraphOf(this.#element(q, k)) === pFrom) return { start: first.at, end: Math.min(end, s.start + s.length) };
      }
    }
    return { start: first.at, end: first.at + 1 };
  }

  /** The whole title, else the whole first paragraph with text. */
  summaryRange(): { start: number; end: number } | undefined {
    const ps = this.#report.paragraphs.filter((p) => !p.omitted && p.spans.length > 0);
    const p = ps.find((q) => q.role === 'title') ?? ps[0];
    return p && this.range(p.start, p.end);
  }

  /** The source places of a Markdown range's first character and just after its last one. */
  places(range: { start: number; end: number } | undefined): { from?: Place; to?: Place } {
    if (!range) return {};
    const first = this.#firstChar(range.start, range.end);
    const last = this.#lastChar(range.start, range.end);
    if (!first || !last) return {};
    const sf = this.#report.paragraphs[first.para].spans[first.span];
    const sl = this.#report.paragraphs[last.para].spans[last.span];
    return {
      from: { el: this.#element(first.para, first.span), offset: sf.offset + (first.at - sf.start) },
      to: { el: this.#element(last.para, last.span), offset: sl.offset + (last.at - sl.start) + 1 },
    };
  }

  #element(para: number, span: number): XmlElement {
    const s = this.#report.paragraphs[para].spans[span];
    const el = this.#sources.get(s.tag)?.[s.index];
    if (!el) throw new DocxError('corrupt', `${this.#report.part}: the report does not match the document (no ${s.tag} ${s.index})`);
    return el;
  }

  /** The first Markdown offset in [start, end) copied from the XML. */
  #firstChar(start: number, end: number): { para: number; span: number; at: number } | undefined {
    const ps = this.#report.paragraphs;
    if (ps.length === 0) return undefined;
    for (let q = this.#paragraphAt(start); q < ps.length && ps[q].start < end; q++) {
      if (ps[q].omitted) continue;
      const spans = ps[q].spans;
      for (let k = 0; k < spans.length; k++) {
        const s = spans[k];
        if (s.start >= end) return undefined;
        if (s.start + s.length > start) return { para: q, span: k, at: Math.max(start, s.start) };
      }
    }
    return undefined;
  }

  /** The last Markdown offset in [start, end) copied from the XML. */
  #lastChar(start: number, end: number): { para: number; span: number; at: number } | undefined {
    const ps = this.#report.paragraphs;
    if (ps.length === 0) return undefined;
    for (let q = this.#paragraphAt(Math.max(start, end - 1)); q >= 0 && ps[q].end > start; q--) {
      if (ps[q].omitted || ps[q].start >= end) continue;
      const spans = ps[q].spans;
      for (let k = spans.length - 1; k >= 0; k--) {
        const s = spans[k];
        if (s.start + s.length <= start) return undefined;
        if (s.start < end) return { para: q, span: k, at: Math.min(end, s.start + s.length) - 1 };
      }
    }
    return undefined;
  }

  /** Index of the first paragraph that ends at or after `offset`. */
  #paragraphAt(offset: number): number {
    const ps = this.#report.paragraphs;
    return Math.min(paragraphEndingAtOrAfter(ps, offset), Math.max(0, ps.length - 1));
  }

  /** The first characters of the paragraph at `offset` (or the nearest one with text). */
  #firstCharacters(offset: number): { start: number; end: number } | undefined {
    const ps = this.#report.paragraphs;
    const at = locate(this.#report, offset);
    if (!at) return undefined;
    const k = at.paragraph - 1;
    const withText = (p: DocxParagraph | undefined) => p !== undefined && !p.omitted && p.spans.length > 0;
    let q = k;
    while (q < ps.length && !withText(ps[q])) q++;
    if (q === ps.length) for (q = k; q >= 0 && !withText(ps[q]); q--);
    if (q < 0) return undefined;
    const p = ps[q];
    let n = 0;
    let units = 0;
    for (const ch of p.text) {
      if (n > 0 && (PHRASE_END.test(ch) || n === FIRST_CHARS)) break;
      n++;
      units += ch.length;
    }
    // Text offsets [0, units) to Markdown: spans cover the text in order.
    const s0 = p.spans[0];
    let endMd = s0.start + 1;
    for (const s of p.spans) if (s.textOffset < units) endMd = s.start + Math.min(s.length, units - s.textOffset);
    return this.range(s0.start, endMd);
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function paragraphOf(el: XmlElement): XmlElement | undefined {
  for (let n: XmlElement | XmlDocument = el; n.nodeType === 1; n = n.parentNode) if (isW(n, 'p')) return n;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The main part: markers spliced in

interface Edit {
  at: number;
  /** Markers that end a range (commentRangeEnd and the reference run), then those that start one. */
  ends: string[];
  starts: string[];
  /** What closes and reopens the run when the place is inside it; empty when it is between runs. */
  close: string;
  open: string;
}

/** Text put at `at`, replacing the text up to `to` when given. */
interface Splice {
  at: number;
  to?: number;
  text: string;
}

function markDocument(doc: XmlDocument, ns: string, anchors: readonly Anchor[]): string {
  const edits = new Map<number, Edit>();
  const preserve = new Map<XmlElement, string>();
  const edit = (place: Place, isEnd: boolean, marker: (w: Names) => string) => {
    const spot = locatePlace(doc, place, isEnd, preserve);
    let e = edits.get(spot.at);
    if (!e) edits.set(spot.at, (e = { at: spot.at, ends: [], starts: [], close: spot.close, open: spot.open }));
    (isEnd ? e.ends : e.starts).push(marker(wNames(spot.scope, ns)));
  };
  const points: Anchor[] = [];
  for (const a of anchors) {
    if (!a.from || !a.to) points.push(a);
    else {
      edit(a.from, false, (w) => startMarker(w, a.id));
      edit(a.to, true, (w) => endMarkers(w, a.id));
    }
  }
  const splices: Splice[] = [];
  for (const e of edits.values()) splices.push({ at: e.at, text: e.close + e.ends.join('') + e.starts.join('') + e.open });
  for (const [el, tag] of preserve) splices.push({ at: el.start, to: el.openEnd, text: tag });
  if (points.length) splices.push(pointComments(doc, ns, points));
  // At one offset an insertion goes before a replacement that starts there.
  splices.sort((a, b) => a.at - b.at || (a.to === undefined ? 0 : 1) - (b.to === undefined ? 0 : 1));
  const t = doc.text;
  let out = '';
  let last = 0;
  for (const sp of splices) {
    out += t.slice(last, sp.at) + sp.text;
    last = sp.to ?? sp.at;
  }
  return out + t.slice(last);
}

/** How to write w: elements and attributes at some place in a part. */
interface Names {
  tag: (local: string) => string;
  /** A declaration for each top-level element written, when no prefix there stands for w. */
  decl: string;
}

const W_PREFIXED: Names = { tag: (l) => `w:${l}`, decl: '' };

function wNames(scope: XmlElement, ns: string): Names {
  const p = scope.lookupPrefix(ns);
  if (p) return p === 'w' ? W_PREFIXED : { tag: (l) => `${p}:${l}`, decl: '' };
  // No prefix for w here (or only the default namespace): w:id must be prefixed, so declare one.
  return { tag: (l) => `w:${l}`, decl: ` xmlns:w="${ns}"` };
}

function startMarker(w: Names, id: number): string {
  return `<${w.tag('commentRangeStart')}${w.decl} ${w.tag('id')}="${id}"/>`;
}

function endMarkers(w: Names, id: number): string {
  return `<${w.tag('commentRangeEnd')}${w.decl} ${w.tag('id')}="${id}"/><${w.tag('r')}${w.decl}><${w.tag('commentReference')} ${w.tag('id')}="${id}"/></${w.tag('r')}>`;
}

/**
 * Where markers at `place` go in the text, and what closes and reopens its run there: before or
 * after the run when the place is at its edge, else the run is split (its start tag and w:rPr
 * copied; a w:t split in two gets xml:space="preserve" so neither half loses its edge spaces).
 * In a field's result (a date, a page number) a range starts before the field and ends after
 * it: LibreOffice drops a comment whose reference sits inside a field.
 */
function locatePlace(doc: XmlDocument, place: Place, isEnd: boolean, preserve: Map<XmlElement, string>): { at: number; close: string; open: string; scope: XmlElement } {
  const { el } = place;
  const parent = el.parentNode;
  const run = parent.nodeType === 1 && isW(parent, 'r') ? parent : undefined;
  const length = el.localName === 't' ? el.textContent.length : 1;
  const offset = Math.max(0, Math.min(place.offset, length));
  if (!run) return { at: offset === 0 ? el.start : el.end, close: '', open: '', scope: el };
  const field = enclosingField(run);
  if (field) return isEnd ? { at: field.last.end, close: '', open: '', scope: run } : { at: field.first.start, close: '', open: '', scope: run };
  const t = doc.text;
  const children = elements(run);
  const rPr = children.find((c) => isW(c, 'rPr'));
  const content = children.filter((c) => c !== rPr);
  const reopen = t.slice(run.start, run.openEnd) + (rPr ? t.slice(rPr.start, rPr.end) : '');
  if (offset > 0 && offset < length) {
    const tag = t.slice(el.start, el.openEnd);
    const kept = withPreserve(tag);
    if (kept !== tag) preserve.set(el, kept);
    return { at: textOffset(doc, el, offset), close: `</${el.tagName}></${run.tagName}>`, open: reopen + kept, scope: run };
  }
  const at = offset === 0 ? el.start : el.end;
  if (content.length === 0 || at <= content[0].start) return { at: run.start, close: '', open: '', scope: run };
  if (at >= content[content.length - 1].end) return { at: run.end, close: '', open: '', scope: run };
  return { at, close: `</${run.tagName}>`, open: reopen, scope: run };
}

/** The field whose result holds `run`: a w:fldSimple, or the runs from fldChar begin to its end among the run's siblings. */
function enclosingField(run: XmlElement): { first: XmlElement; last: XmlElement } | undefined {
  const parent = run.parentNode;
  if (parent.nodeType !== 1) return undefined;
  if (isW(parent, 'fldSimple')) return { first: parent, last: parent };
  const fldChars = (r: XmlElement) => (isW(r, 'r') ? elements(r).filter((c) => isW(c, 'fldChar')).map((c) => c.getAttributeNS(c.namespaceURI, 'fldCharType')) : []);
  const open: XmlElement[] = [];
  let k: XmlNode | null = parent.firstChild;
  for (; k && k !== run; k = k.nextSibling) {
    if (k.nodeType !== 1) continue;
    for (const type of fldChars(k)) {
      if (type === 'begin') open.push(k);
      else if (type === 'end') open.pop();
    }
  }
  if (open.length === 0) return undefined;
  let depth = open.length;
  for (; k; k = k.nextSibling) {
    if (k.nodeType !== 1) continue;
    for (const type of fldChars(k)) {
      if (type === 'begin') depth++;
      else if (type === 'end' && --depth === 0) return { first: open[0], last: k };
    }
  }
  return undefined;
}

function withPreserve(tag: string): string {
  if (/\sxml:space\s*=\s*(["'])preserve\1/.test(tag)) return tag;
  if (/\sxml:space\s*=/.test(tag)) return tag.replace(/(\sxml:space\s*=\s*)(["'])[^"']*\2/, '$1"preserve"');
  return tag.replace(/\s*>$/, ' xml:space="preserve">');
}

/** Where character `offset` of a w:t's text is written. */
function textOffset(doc: XmlDocument, el: XmlElement, offset: number): number {
  let k = offset;
  for (let n: XmlNode | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 3) continue;
    if (k <= n.data.length) return doc.sourceOffset(n, k);
    k -= n.data.length;
  }
  return el.closeStart;
}

/** Comments with nowhere to anchor (a document without text): points at the start of the first paragraph. */
function pointComments(doc: XmlDocument, ns: string, points: readonly Anchor[]): Splice {
  const body = elements(doc.documentElement!).find((el) => isW(el, 'body'));
  if (!body || body.openEnd === body.end) throw new DocxError('no-document', 'no w:body');
  const p = elements(body).find((el) => isW(el, 'p') && el.openEnd !== el.end);
  if (p) {
    const w = wNames(p, ns);
    const pPr = elements(p).find((el) => isW(el, 'pPr'));
    return { at: pPr ? pPr.end : p.openEnd, text: points.map((a) => startMarker(w, a.id) + endMarkers(w, a.id)).join('') };
  }
  const w = wNames(body, ns);
  const inner: Names = { tag: w.tag, decl: '' };
  const markers = points.map((a) => startMarker(inner, a.id) + endMarkers(inner, a.id)).join('');
  return { at: body.openEnd, text: `<${w.tag('p')}${w.decl}>${markers}</${w.tag('p')}>` };
}

// ---------------------------------------------------------------------------------------------
// comments.xml

/** One w:comment: a paragraph per line of the text, Word's annotation mark in the first. */
function commentXml(a: Anchor, options: AnnotateOptions, w: Names): string {
  const { tag } = w;
  let attrs = ` ${tag('id')}="${a.id}" ${tag('author')}="${escapeXml(options.author)}"`;
  if (options.date) attrs += ` ${tag('date')}="${options.date.toISOString().replace(/\.\d{3}Z$/, 'Z')}"`;
  if (options.initials) attrs += ` ${tag('initials')}="${escapeXml(options.initials)}"`;
  const run = (inner: string) => `<${tag('r')}>${inner}</${tag('r')}>`;
  const paras = a.text.split(/\r\n|\r|\n/).map((line, k) => {
    const mark = k === 0 ? run(`<${tag('annotationRef')}/>`) : '';
    const runs = line
      .split('\t')
      .map((piece, j) => (j > 0 ? run(`<${tag('tab')}/>`) : '') + (piece ? run(`<${tag('t')} xml:space="preserve">${escapeXml(piece)}</${tag('t')}>`) : ''))
      .join('');
    return `<${tag('p')}>${mark}${runs}</${tag('p')}>`;
  });
  return `<${tag('comment')}${w.decl}${attrs}>${paras.join('')}</${tag('comment')}>`;
}

/** Text for XML: markup characters escaped, characters XML 1.0 cannot hold dropped. */
function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
