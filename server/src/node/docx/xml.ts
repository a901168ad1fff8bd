/**
 * XML parts: parsed with @xmldom/xmldom after a cheap scan that refuses a DOCTYPE (Word never
 * writes one; entity tricks need one) and nesting deeper than the limit, so that neither the
 * parser nor our walks can be driven into a stack overflow. Small helpers for the w: namespace.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { DocxError } from './errors';

/** WordprocessingML, transitional and strict. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const ELEMENT_NODE = 1;

export function parseXml(bytes: Uint8Array, name: string, maxDepth: number): Document {
  const text = decodeXml(bytes);
  checkShape(text, name, maxDepth);
  const parser = new DOMParser({
    locator: false,
    onError: (level, message) => {
      if (level !== 'warning') throw new DocxError('corrupt', `${name}: ${message}`);
    },
  });
  try {
    return parser.parseFromString(text, 'application/xml');
  } catch (err) {
    if (err instanceof DocxError) throw err;
    throw new DocxError('corrupt', `${name}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** UTF-8 unless a UTF-16 byte-order mark says otherwise; TextDecoder drops the mark. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** One pass over the tags: nesting depth, and no DOCTYPE. Quoted attribute values may hold '>'. */
function checkShape(text: string, name: string, maxDepth: number): void {
  let depth = 0;
  let i = text.indexOf('<');
  while (i !== -1) {
    const c = text.charCodeAt(i + 1);
    let end: number;
    if (c === 63 /* ? */) end = after(text, '?>', i);
    else if (text.startsWith('<!--', i)) end = after(text, '-->', i);
    else if (text.startsWith('<![CDATA[', i)) end = after(text, ']]>', i);
    else if (c === 33 /* ! */) throw new DocxError('corrupt', `${name}: DOCTYPE`);
    else {
      end = tagEnd(text, i);
      if (c === 47 /* / */) depth--;
      else if (text.charCodeAt(end - 2) !== 47) {
        if (++depth > maxDepth) throw new DocxError('too-large', `${name}: XML nested deeper than ${maxDepth}`);
      }
    }
    i = text.indexOf('<', end);
  }
}

function after(text: string, close: string, from: number): number {
  const j = text.indexOf(close, from + 2);
  return j === -1 ? text.length : j + close.length;
}

function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62 /* > */) return j + 1;
  }
  return text.length;
}

export function isW(el: Element, localName?: string): boolean {
  return (el.namespaceURI === W_NS || el.namespaceURI === W_STRICT_NS) && (localName === undefined || el.localName === localName);
}

/** The element children of `el` (an array: the walks run over every element, and generators cost). */
export function elements(el: Node): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

export function wChild(el: Element | undefined, localName: string): Element | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE && isW(n as Element, localName)) return n as Element;
  }
  return undefined;
}

/** A w: attribute (w:val by default), or undefined. */
export function wAttr(el: Element | undefined, name = 'val'): string | undefined {
  if (!el) return undefined;
  const v = el.getAttributeNS(el.namespaceURI, name) || el.getAttribute(`w:${name}`);
  return v === null || v === '' ? undefined : v;
}

/** The value of child `localName`'s w:val, e.g. wVal(pPr, 'pStyle'). */
export function wVal(el: Element | undefined, localName: string): string | undefined {
  return wAttr(wChild(el, localName));
}

export function wInt(el: Element | undefined, localName: string): number | undefined {
  const v = wVal(el, localName);
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** An on/off property: present and not "0"/"false"/"off". */
export function isOn(el: Element | undefined): boolean {
  if (!el) return false;
  const v = wAttr(el);
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}
