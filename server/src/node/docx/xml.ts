/**
 * XML parts: a small non-validating parser for what Word, WPS and LibreOffice write, giving the
 * few DOM members the reader uses (`firstChild`, `nextSibling`, `nodeType`, `namespaceURI`,
 * `localName`, `getAttribute(NS)`, `textContent`, `documentElement`) and, for annotate.ts, where
 * each node stands in the decoded text, so a part can be edited by splicing its text.
 *
 * Read: elements, attributes in either quote, scoped namespaces, text with the five predefined
 * entities and numeric references, CDATA (as text). Skipped: comments, processing instructions,
 * the XML declaration. Refused as 'corrupt': a DOCTYPE (Word never writes one; entity tricks
 * need one), mismatched or unclosed tags, bad attribute syntax, `<` or an unknown entity in text.
 * Refused as 'too-large': nesting deeper than the limit, checked while parsing with an explicit
 * stack, so neither the parser nor the recursive walks over the tree can overflow the stack.
 * A prefix that is never declared is read as no namespace, as lenient readers do.
 */
import { DocxError } from './errors';
import { DEFAULT_DOCX_LIMITS } from './types';

/** WordprocessingML, transitional and strict. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export interface XmlAttribute {
  /** As written: "w:val". */
  readonly name: string;
  readonly prefix: string | null;
  readonly localName: string;
  /** An unprefixed attribute is in no namespace; xmlns declarations are in XMLNS_NS. */
  readonly namespaceURI: string | null;
  readonly value: string;
}

/** The namespace declarations of one element, chained to those around it. */
class Scope {
  /** The bindings as a map where there are many, so a lookup stays constant time. */
  private readonly map: Map<string, string> | undefined;

  constructor(
    readonly parent: Scope | null,
    /** Prefix ('' for the default namespace) and URI ('' undeclares the default), in pairs. */
    readonly bindings: readonly string[],
  ) {
    if (bindings.length > 16) {
      const map = new Map<string, string>();
      for (let k = 0; k < bindings.length; k += 2) if (!map.has(bindings[k])) map.set(bindings[k], bindings[k + 1]);
      this.map = map;
    }
  }

  uri(prefix: string): string | null {
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.map) {
        const u = s.map.get(prefix);
        if (u !== undefined) return u || null;
        continue;
      }
      for (let k = 0; k < s.bindings.length; k += 2) if (s.bindings[k] === prefix) return s.bindings[k + 1] || null;
    }
    return null;
  }
}

/** Word writes at most a few dozen attributes on an element (the root's namespace declarations). */
const MAX_ATTRIBUTES = 1000;

const ROOT_SCOPE = new Scope(null, ['xml', XML_NS, 'xmlns', XMLNS_NS]);

export type XmlNode = XmlElement | XmlText;

/** Text or CDATA. `start`/`end` delimit its source (entities undecoded) in XmlDocument.text. */
export class XmlText {
  readonly nodeType = TEXT_NODE;
  nextSibling: XmlNode | null = null;

  constructor(
    readonly parentNode: XmlElement,
    /** The characters, entities decoded and line ends normalized. */
    readonly data: string,
    readonly start: number,
    readonly end: number,
    readonly cdata: boolean,
  ) {}

  get textContent(): string {
    return this.data;
  }
}

/**
 * An element. Offsets are UTF-16 indexes in XmlDocument.text: `start` is its `<`, `openEnd` just
 * after its start tag's `>`, `closeStart` the `<` of its end tag, `end` just after that. For an
 * empty-element tag `<a/>`, `openEnd === closeStart === end`.
 */
export class XmlElement {
  readonly nodeType = ELEMENT_NODE;
  firstChild: XmlNode | null = null;
  lastChild: XmlNode | null = null;
  nextSibling: XmlNode | null = null;
  openEnd = 0;
  closeStart = 0;
  end = 0;

  constructor(
    readonly parentNode: XmlElement | XmlDocument,
    /** As written: "w:p". */
    readonly tagName: string,
    readonly prefix: string | null,
    readonly localName: string,
    readonly namespaceURI: string | null,
    readonly attributes: readonly XmlAttribute[],
    readonly start: number,
    /** @internal The namespaces in scope. */
    readonly scope: Scope,
  ) {}

  /** The attribute written `name` ("w:val"), or null. */
  getAttribute(name: string): string | null {
    for (const a of this.attributes) if (a.name === name) return a.value;
    return null;
  }

  getAttributeNS(namespaceURI: string | null, localName: string): string | null {
    const ns = namespaceURI || null;
    for (const a of this.attributes) if (a.localName === localName && a.namespaceURI === ns) return a.value;
    return null;
  }

  /** The text of all descendants, in order. */
  get textContent(): string {
    const f = this.firstChild;
    if (f === null) return '';
    if (f.nextSibling === null && f.nodeType === TEXT_NODE) return f.data;
    let out = '';
    for (let n: XmlNode | null = f; n; n = n.nextSibling) out += n.textContent;
    return out;
  }

  /** A prefix bound to `namespaceURI` here (not shadowed by a nearer declaration), or undefined; '' is the default namespace. */
  lookupPrefix(namespaceURI: string): string | undefined {
    for (let s: Scope | null = this.scope; s; s = s.parent) {
      for (let k = 0; k < s.bindings.length; k += 2) {
        if (s.bindings[k + 1] === namespaceURI && this.scope.uri(s.bindings[k]) === namespaceURI) return s.bindings[k];
      }
    }
    return undefined;
  }
}

export class XmlDocument {
  readonly nodeType = 9;
  documentElement: XmlElement | null = null;

  /** `text` is the decoded part the offsets of the nodes index. */
  constructor(readonly text: string) {}

  get firstChild(): XmlElement | null {
    return this.documentElement;
  }

  /**
   * Where character `offset` of `node.data` is written in `text` (`node.end` for the end of its
   * data): entities and CRLF make the two differ. A character reference is one place.
   */
  sourceOffset(node: XmlText, offset: number): number {
    if (node.data.length === node.end - node.start) return node.start + offset;
    const t = this.text;
    let at = node.start;
    for (let k = 0; k < offset && at < node.end; ) {
      const c = t.charCodeAt(at);
      if (c === 13 /* \r */) {
        at += t.charCodeAt(at + 1) === 10 ? 2 : 1;
        k++;
      } else if (c === 38 /* & */ && !node.cdata) {
        const semi = t.indexOf(';', at);
        const units = decodeReference(t.slice(at + 1, semi))?.length ?? 1;
        if (k + units > offset) break;
        at = semi + 1;
        k += units;
      } else {
        at++;
        k++;
      }
    }
    return at;
  }
}

export function parseXml(bytes: Uint8Array, name: string, maxDepth: number): XmlDocument {
  return parseXmlText(decodeXml(bytes), name, maxDepth);
}

/** The DOM's way in, for callers that hold the text (as the reader's tests did with @xmldom/xmldom). */
export class DOMParser {
  parseFromString(text: string, _mimeType = 'application/xml'): XmlDocument {
    return parseXmlText(text, 'XML', DEFAULT_DOCX_LIMITS.maxXmlDepth);
  }
}

/** UTF-8 unless a UTF-16 byte-order mark says otherwise; TextDecoder drops the mark. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** `text` encoded as `original` was: its byte-order mark and encoding kept. */
export function encodeXmlLike(original: Uint8Array, text: string): Uint8Array {
  const le = original[0] === 0xff && original[1] === 0xfe;
  if (le || (original[0] === 0xfe && original[1] === 0xff)) {
    const out = new Uint8Array(2 + text.length * 2);
    const v = new DataView(out.buffer);
    v.setUint16(0, 0xfeff, le);
    for (let i = 0; i < text.length; i++) v.setUint16(2 + 2 * i, text.charCodeAt(i), le);
    return out;
  }
  const body = new TextEncoder().encode(text);
  if (!(original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf)) return body;
  const out = new Uint8Array(3 + body.length);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** Parses `text`; see the file comment for what is read and what is refused. */
export function parseXmlText(text: string, name: string, maxDepth: number): XmlDocument {
  const doc = new XmlDocument(text);
  const fail: Fail = (what, at) => {
    throw new DocxError('corrupt', `${name}: ${what} (at ${at})`);
  };
  const n = text.length;
  let parent: XmlElement | null = null;
  let scope = ROOT_SCOPE;
  let depth = 0;
  let i = 0;
  while (i < n) {
    let lt = text.indexOf('<', i);
    if (lt === -1) lt = n;
    if (lt > i) {
      const raw = text.slice(i, lt);
      if (parent) append(parent, new XmlText(parent, decodeText(raw, i, fail), i, lt, false));
      else if (!/^[ \t\r\n]*$/.test(raw)) fail('text outside the root element', i);
      i = lt;
      if (i === n) break;
    }
    const c = text.charCodeAt(i + 1);
    if (c === 47 /* / */) {
      if (!parent) return fail('end tag without a start tag', i);
      const q = parent.tagName;
      let j = i + 2 + q.length;
      if (!text.startsWith(q, i + 2) || isNameChar(text.charCodeAt(j))) fail(`end tag does not close <${q}>`, i);
      j = skipSpace(text, j);
      if (text.charCodeAt(j) !== 62 /* > */) fail(`bad end tag </${q}>`, i);
      parent.closeStart = i;
      parent.end = j + 1;
      const up: XmlElement | XmlDocument = parent.parentNode;
      parent = up.nodeType === ELEMENT_NODE ? up : null;
      scope = parent ? parent.scope : ROOT_SCOPE;
      depth--;
      i = j + 1;
    } else if (c === 33 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const e = text.indexOf('-->', i + 4);
        if (e === -1) fail('comment not closed', i);
        i = e + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const e = text.indexOf(']]>', i + 9);
        if (e === -1) fail('CDATA not closed', i);
        if (!parent) fail('CDATA outside the root element', i);
        const raw = text.slice(i + 9, e);
        append(parent, new XmlText(parent, raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw, i + 9, e, true));
        i = e + 3;
      } else fail(text.startsWith('<!DOCTYPE', i) ? 'DOCTYPE' : 'markup declaration', i);
    } else if (c === 63 /* ? */) {
      const e = text.indexOf('?>', i + 2);
      if (e === -1) fail('processing instruction not closed', i);
      i = e + 2;
    } else {
      // A start tag: name, attributes, then > or />.
      const nameEnd = scanName(text, i + 1);
      if (nameEnd === i + 1) fail('< in text', i);
      if (!parent && doc.documentElement) fail('a second root element', i);
      const qname = text.slice(i + 1, nameEnd);
      const raw: string[] = [];
      let seen: Set<string> | undefined;
      let j = nameEnd;
      let empty = false;
      for (;;) {
        const before = j;
        j = skipSpace(text, j);
        const ch = text.charCodeAt(j);
        if (ch === 62 /* > */) {
          j++;
          break;
        }
        if (ch === 47 /* / */ && text.charCodeAt(j + 1) === 62) {
          empty = true;
          j += 2;
          break;
        }
        if (j === n) fail(`<${qname}> not closed`, i);
        if (j === before) fail(`bad attribute syntax in <${qname}>`, j);
        const an = scanName(text, j);
        if (an === j) fail(`bad attribute syntax in <${qname}>`, j);
        const aname = text.slice(j, an);
        j = skipSpace(text, an);
        if (text.charCodeAt(j) !== 61 /* = */) fail(`attribute ${aname} without a value`, j);
        j = skipSpace(text, j + 1);
        const quote = text.charCodeAt(j);
        if (quote !== 34 && quote !== 39) fail(`attribute ${aname} not quoted`, j);
        const close = text.indexOf(quote === 34 ? '"' : "'", j + 1);
        if (close === -1) fail(`attribute ${aname} not closed`, j);
        const value = text.slice(j + 1, close);
        if (value.includes('<')) fail(`< in attribute ${aname}`, j);
        // A set past a few attributes: one element with thousands of them must stay linear.
        if (seen) {
          if (seen.has(aname)) fail(`attribute ${aname} twice`, j);
          seen.add(aname);
        } else {
          for (let k = 0; k < raw.length; k += 2) if (raw[k] === aname) fail(`attribute ${aname} twice`, j);
          if (raw.length >= 16) seen = new Set(raw.filter((_, k) => k % 2 === 0).concat(aname));
        }
        if (raw.length >= MAX_ATTRIBUTES * 2) throw new DocxError('too-large', `${name}: more than ${MAX_ATTRIBUTES} attributes on <${qname}>`);
        raw.push(aname, /[&\t\n\r]/.test(value) ? decodeAttribute(value, j + 1, fail) : value);
        j = close + 1;
      }
      if (++depth > maxDepth) throw new DocxError('too-large', `${name}: XML nested deeper than ${maxDepth}`);
      // Namespace declarations first: they apply to the element's own name and attributes.
      let bindings: string[] | undefined;
      for (let k = 0; k < raw.length; k += 2) {
        const a = raw[k];
        if (a === 'xmlns' || a.startsWith('xmlns:')) (bindings ??= []).push(a.length === 5 ? '' : a.slice(6), raw[k + 1]);
      }
      const elScope = bindings ? new Scope(scope, bindings) : scope;
      const attributes: XmlAttribute[] = [];
      for (let k = 0; k < raw.length; k += 2) {
        const a = raw[k];
        const colon = a.indexOf(':');
        if (a === 'xmlns') attributes.push({ name: a, prefix: null, localName: a, namespaceURI: XMLNS_NS, value: raw[k + 1] });
        else if (colon === -1) attributes.push({ name: a, prefix: null, localName: a, namespaceURI: null, value: raw[k + 1] });
        else {
          const prefix = a.slice(0, colon);
          attributes.push({ name: a, prefix, localName: a.slice(colon + 1), namespaceURI: elScope.uri(prefix), value: raw[k + 1] });
        }
      }
      const colon = qname.indexOf(':');
      const prefix = colon === -1 ? null : qname.slice(0, colon);
      const owner: XmlElement | XmlDocument = parent ?? doc;
      const el: XmlElement = new XmlElement(owner, qname, prefix, colon === -1 ? qname : qname.slice(colon + 1), elScope.uri(prefix ?? ''), attributes, i, elScope);
      el.openEnd = j;
      if (parent) append(parent, el);
      else doc.documentElement = el;
      if (empty) {
        el.closeStart = el.end = j;
        depth--;
      } else {
        parent = el;
        scope = elScope;
      }
      i = j;
    }
  }
  if (parent) fail(`<${parent.tagName}> not closed`, parent.start);
  if (!doc.documentElement) fail('no root element', 0);
  return doc;
}

function append(parent: XmlElement, node: XmlNode): void {
  if (parent.lastChild) parent.lastChild.nextSibling = node;
  else parent.firstChild = node;
  parent.lastChild = node;
}

function skipSpace(text: string, j: number): number {
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 10 || c === 9 || c === 13) j++;
    else return j;
  }
}

/** Letters, `_`, `:` and anything beyond ASCII start a name; digits, `-` and `.` may follow. */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** The end of the name at `from`, or `from` when there is none. */
function scanName(text: string, from: number): number {
  if (!isNameStart(text.charCodeAt(from))) return from;
  let j = from + 1;
  while (isNameChar(text.charCodeAt(j))) j++;
  return j;
}

type Fail = (what: string, at: number) => never;

/** Character data: line ends normalized to \n, then references decoded. */
function decodeText(raw: string, at: number, fail: Fail): string {
  const cr = raw.includes('\r');
  if (!cr && !raw.includes('&')) return raw;
  return decodeReferences(cr ? raw.replace(/\r\n?/g, '\n') : raw, at, fail);
}

/** Attribute values: white space normalized to spaces (a reference such as &#10; survives), then references decoded. */
function decodeAttribute(raw: string, at: number, fail: Fail): string {
  return decodeReferences(raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' '), at, fail);
}

function decodeReferences(s: string, at: number, fail: Fail): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    const semi = s.indexOf(';', amp);
    if (semi === -1 || semi - amp > 32) fail('& not followed by a reference', at + amp);
    const ref = s.slice(amp + 1, semi);
    out += s.slice(last, amp) + (decodeReference(ref) ?? fail(`bad reference &${ref};`, at + amp));
    last = semi + 1;
    amp = s.indexOf('&', last);
  }
  return out + s.slice(last);
}

/** The characters `&ref;` stands for (the five predefined entities, or a code point XML allows), or undefined. */
function decodeReference(ref: string): string | undefined {
  switch (ref) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  let cp = NaN;
  if (/^#x[0-9a-fA-F]+$/.test(ref)) cp = Number.parseInt(ref.slice(2), 16);
  else if (/^#[0-9]+$/.test(ref)) cp = Number.parseInt(ref.slice(1), 10);
  const ok = cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  return ok ? String.fromCodePoint(cp) : undefined;
}

export function isW(el: XmlElement, localName?: string): boolean {
  return (el.namespaceURI === W_NS || el.namespaceURI === W_STRICT_NS) && (localName === undefined || el.localName === localName);
}

/** The element children of `el` (an array: the walks run over every element, and generators cost). */
export function elements(el: XmlElement | XmlDocument): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n: XmlNode | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n);
  return out;
}

export function wChild(el: XmlElement | undefined, localName: string): XmlElement | undefined {
  if (!el) return undefined;
  for (let n: XmlNode | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && isW(n, localName)) return n;
  }
  return undefined;
}

/** A w: attribute (w:val by default), or undefined. */
export function wAttr(el: XmlElement | undefined, name = 'val'): string | undefined {
  if (!el) return undefined;
  const v = el.getAttributeNS(el.namespaceURI, name) || el.getAttribute(`w:${name}`);
  return v === null || v === '' ? undefined : v;
}

/** The value of child `localName`'s w:val, e.g. wVal(pPr, 'pStyle'). */
export function wVal(el: XmlElement | undefined, localName: string): string | undefined {
  return wAttr(wChild(el, localName));
}

export function wInt(el: XmlElement | undefined, localName: string): number | undefined {
  const v = wVal(el, localName);
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** An on/off property: present and not "0"/"false"/"off". */
export function isOn(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const v = wAttr(el);
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}
