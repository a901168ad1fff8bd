/**
 * Reading a Word .docx as a 述职报告 draft: `readDocx(bytes)` gives the Markdown the core
 * analyses and a map from Markdown offsets back to Word paragraphs (第几段) and XML elements.
 * Node layer only: the core stays pure and receives text.
 *
 *   const report = readDocx(fs.readFileSync('张三述职报告.docx'));
 *   const result = analyze(report.markdown, options);
 *   const at = locate(report, offsetOfFinding); // { paragraph: 12, offset: 3, inLabel: false, source }
 *
 * Stages: zip.ts (package, limits) → xml.ts (parse, depth) → styles.ts, numbering.ts →
 * body.ts (walk) → resolve.ts (styles and labels) → markdown.ts (text and map).
 */
import { readBody } from './body';
import { DocxError } from './errors';
import { writeMarkdown } from './markdown';
import { Numbering } from './numbering';
import { resolveBlocks } from './resolve';
import { StyleSheet } from './styles';
import { DEFAULT_DOCX_LIMITS, paragraphEndingAtOrAfter, type DocxLimits, type DocxLocation, type DocxReport } from './types';
import { elements, parseXml, type XmlDocument as Document } from './xml';
import { ZipPackage } from './zip';

export { DocxError, DOCX_ERROR_TEXT, type DocxErrorCode } from './errors';
export { sourceElements } from './body';
export { W_NS } from './xml';
export * from './types';

export interface ReadDocxOptions {
  limits?: Partial<DocxLimits>;
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_STYLES = /\/styles$/;
const REL_NUMBERING = /\/numbering$/;

/**
 * Reads a .docx. Throws DocxError (code, zh, en) for a file that is not a readable .docx:
 * not a zip, encrypted or old .doc, no body, over a limit, damaged. Nothing else is thrown.
 */
export function readDocx(bytes: Uint8Array, options: ReadDocxOptions = {}): DocxReport {
  const limits: DocxLimits = { ...DEFAULT_DOCX_LIMITS, ...options.limits };
  try {
    const zip = new ZipPackage(bytes, limits);
    const part = mainPart(zip, limits);
    const document = xmlPart(zip, part, limits);
    if (!document) throw new DocxError('no-document', part);
    const related = relationships(zip, part, limits);
    const styles = new StyleSheet(xmlPart(zip, related.styles, limits));
    const numbering = new Numbering(xmlPart(zip, related.numbering, limits), styles);
    const body = readBody(document);
    const { markdown, paragraphs } = writeMarkdown(resolveBlocks(body.blocks, styles, numbering));
    return { markdown, paragraphs, part, trackedChanges: body.trackedChanges };
  } catch (err) {
    if (err instanceof DocxError) throw err;
    // A bug or an input we did not foresee: still a refusal the batch can report, not a crash.
    throw new DocxError('corrupt', err instanceof Error ? err.message : String(err));
  }
}

/**
 * Where Markdown offset `offset` stands in the document: 段 number, offset in what Word shows
 * of the paragraph (label included), and the source element. An offset in Markdown syntax
 * (`## `, a blank line) goes to the start of the next paragraph; past the end, to the end of the
 * last. Undefined only for a document with no text.
 */
export function locate(report: DocxReport, offset: number): DocxLocation | undefined {
  const ps = report.paragraphs;
  let k = paragraphEndingAtOrAfter(ps, offset);
  while (k < ps.length && ps[k].omitted) k++;
  if (k === ps.length) {
    for (k = ps.length - 1; k >= 0 && ps[k].omitted; k--);
    if (k < 0) return undefined;
    offset = ps[k].end;
  }
  const p = ps[k];
  if (offset < p.start) return { paragraph: p.number, offset: 0, inLabel: p.labelLength > 0 };
  if (offset < p.start + p.labelLength) return { paragraph: p.number, offset: offset - p.start, inLabel: true };
  for (const s of p.spans) {
    if (offset < s.start) return { paragraph: p.number, offset: p.labelLength + s.textOffset, inLabel: false };
    if (offset < s.start + s.length) {
      const d = offset - s.start;
      return { paragraph: p.number, offset: p.labelLength + s.textOffset + d, inLabel: false, source: { tag: s.tag, index: s.index, offset: s.offset + d } };
    }
  }
  return { paragraph: p.number, offset: p.labelLength + p.text.length, inLabel: false };
}

/** The main document part, from the package relationships (word/document.xml by default). */
function mainPart(zip: ZipPackage, limits: DocxLimits): string {
  const rels = xmlPart(zip, '_rels/.rels', limits);
  const target = rels && relationTarget(rels, '', REL_OFFICE_DOCUMENT);
  if (target && zip.has(target.toLowerCase())) return target;
  if (zip.has('word/document.xml')) return 'word/document.xml';
  throw new DocxError('no-document');
}

function relationships(zip: ZipPackage, part: string, limits: DocxLimits): { styles?: string; numbering?: string } {
  const slash = part.lastIndexOf('/');
  const dir = part.slice(0, slash + 1);
  const rels = xmlPart(zip, `${dir}_rels/${part.slice(slash + 1)}.rels`, limits);
  return {
    styles: (rels && relationTarget(rels, dir, REL_STYLES)) ?? `${dir}styles.xml`,
    numbering: (rels && relationTarget(rels, dir, REL_NUMBERING)) ?? `${dir}numbering.xml`,
  };
}

function relationTarget(rels: Document, dir: string, type: RegExp): string | undefined {
  const root = rels.documentElement;
  if (!root) return undefined;
  for (const r of elements(root)) {
    const target = r.getAttribute('Target');
    if (r.localName !== 'Relationship' || !target || !type.test(r.getAttribute('Type') ?? '')) continue;
    if (r.getAttribute('TargetMode') === 'External') continue;
    return resolvePath(target.startsWith('/') ? '' : dir, target);
  }
  return undefined;
}

/** `target` relative to folder `dir` ("word/"), "." and ".." resolved, no leading slash. */
function resolvePath(dir: string, target: string): string {
  const parts: string[] = [];
  for (const seg of (dir + target).split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function xmlPart(zip: ZipPackage, name: string | undefined, limits: DocxLimits): Document | undefined {
  if (name === undefined) return undefined;
  const bytes = zip.read(name.toLowerCase());
  return bytes && parseXml(bytes, name, limits.maxXmlDepth);
}
