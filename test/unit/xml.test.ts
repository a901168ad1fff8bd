/**
 * The .docx reader's own XML parser (server/src/node/docx/xml.ts): what it reads, where it says
 * each node stands in the text, and what it refuses.
 */
import * as assert from 'node:assert/strict';
import { DocxError, type DocxErrorCode } from '../../server/src/node/docx';
import { decodeXml, elements, encodeXmlLike, parseXml, parseXmlText, W_NS, type XmlElement, type XmlText } from '../../server/src/node/docx/xml';

const parse = (text: string, maxDepth = 256) => parseXmlText(text, 'test.xml', maxDepth);

function refuses(text: string, code: DocxErrorCode, detail?: RegExp) {
  assert.throws(
    () => parse(text, 20),
    (err: unknown) => {
      assert.ok(err instanceof DocxError, String(err));
      assert.equal(err.code, code, `${text}: ${err.message}`);
      if (detail) assert.match(err.detail ?? '', detail);
      return true;
    },
  );
}

describe('docx XML parser: what it reads', () => {
  it('reads elements, attributes in both quotes, text, and skips the declaration, comments and PIs', () => {
    const doc = parse(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><a x="1" y='2 "q"' ><b/><?pi x?>t<!-- in --><c>u</c></a>\n`);
    const a = doc.documentElement!;
    assert.equal(a.tagName, 'a');
    assert.equal(a.getAttribute('x'), '1');
    assert.equal(a.getAttribute('y'), '2 "q"');
    assert.equal(a.getAttribute('z'), null);
    assert.deepEqual(elements(a).map((e) => e.localName), ['b', 'c']);
    assert.equal(a.textContent, 'tu');
    assert.equal(doc.firstChild, a);
  });

  it('decodes the five entities and decimal and hex references, astral ones included', () => {
    const doc = parse('<a v="&lt;&amp;&#x1F600;&#10;x\ty">&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;&#x20BB7;&#134071;</a>');
    const a = doc.documentElement!;
    assert.equal(a.textContent, '<>&"\'中文𠮷𠮷');
    assert.equal(a.textContent.length, 11);
    // Attribute white space becomes spaces; a reference to a line feed stays one.
    assert.equal(a.getAttribute('v'), '<&😀\nx y');
  });

  it('reads CDATA as text, markup inside it untouched, and normalizes line ends', () => {
    const a = parse('<a>x<![CDATA[<b>&amp;]]>y\r\nz\rw</a>').documentElement!;
    assert.equal(a.textContent, 'x<b>&amp;y\nz\nw');
    const cdata = a.firstChild!.nextSibling as XmlText;
    assert.equal(cdata.cdata, true);
    assert.equal(cdata.data, '<b>&amp;');
  });

  it('resolves namespaces: prefixes and the default, scoped to the element that declares them', () => {
    const doc = parse(
      `<w:document xmlns:w="${W_NS}" xmlns="urn:default"><w:body w:val="1" plain="2"><p/><x:q xmlns:x="urn:x" x:a="3"><w:r xmlns:w="urn:other"/></x:q><d xmlns=""/></w:body><w:t xml:space="preserve"/><y:undeclared/></w:document>`,
    );
    const root = doc.documentElement!;
    assert.equal(root.namespaceURI, W_NS);
    assert.equal(root.localName, 'document');
    assert.equal(root.prefix, 'w');
    const [body, t, undeclared] = elements(root);
    assert.equal(body.getAttributeNS(W_NS, 'val'), '1');
    assert.equal(body.getAttributeNS(null, 'plain'), '2');
    assert.equal(body.getAttributeNS(W_NS, 'plain'), null);
    const [p, q, d] = elements(body);
    assert.equal(p.namespaceURI, 'urn:default');
    assert.equal(q.namespaceURI, 'urn:x');
    assert.equal(q.getAttributeNS('urn:x', 'a'), '3');
    assert.equal(elements(q)[0].namespaceURI, 'urn:other', 'a nearer declaration shadows the outer one');
    assert.equal(d.namespaceURI, null, 'xmlns="" undeclares the default');
    assert.equal(t.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'space'), 'preserve');
    assert.equal(undeclared.namespaceURI, null);
    assert.equal(q.lookupPrefix(W_NS), 'w');
    assert.equal(elements(q)[0].lookupPrefix(W_NS), undefined, 'w is rebound there');
    assert.equal(p.lookupPrefix('urn:default'), '');
  });

  it('records where every element and text stands in the decoded text', () => {
    const text = '\ufeff<?xml version="1.0"?><a><b k="v">x&amp;y</b><c/><d>𠮷<![CDATA[z]]></d></a>';
    const doc = parseXml(new TextEncoder().encode(text), 'test.xml', 256);
    const src = doc.text;
    assert.equal(src, text.slice(1), 'the byte-order mark is not part of the text');
    const [b, c, d] = elements(doc.documentElement!);
    const at = (el: XmlElement) => [src.slice(el.start, el.openEnd), src.slice(el.openEnd, el.closeStart), src.slice(el.closeStart, el.end)];
    assert.deepEqual(at(doc.documentElement!), ['<a>', src.slice(src.indexOf('<b'), src.lastIndexOf('</a>')), '</a>']);
    assert.deepEqual(at(b), ['<b k="v">', 'x&amp;y', '</b>']);
    assert.deepEqual([c.start, c.openEnd, c.closeStart, c.end].map((o) => o - c.start), [0, 4, 4, 4]);
    assert.deepEqual(at(d), ['<d>', '𠮷<![CDATA[z]]>', '</d>']);
    const x = b.firstChild as XmlText;
    assert.equal(src.slice(x.start, x.end), 'x&amp;y');
    // Offsets in the decoded data map back to the source, entities counted as one place.
    assert.deepEqual([0, 1, 2, 3].map((k) => doc.sourceOffset(x, k) - x.start), [0, 1, 6, 7]);
    const z = d.lastChild as XmlText;
    assert.equal(src.slice(z.start, z.end), 'z');
    assert.equal(doc.sourceOffset(d.firstChild as XmlText, 2), (d.firstChild as XmlText).end);
  });

  it('maps offsets through astral references and CRLF', () => {
    const doc = parse('<a>a&#x20BB7;b\r\nc</a>');
    const x = doc.documentElement!.firstChild as XmlText;
    assert.equal(x.data, 'a𠮷b\nc');
    assert.deepEqual([0, 1, 3, 4, 5, 6].map((k) => doc.sourceOffset(x, k) - x.start), [0, 1, 10, 11, 13, 14]);
  });

  it('decodes UTF-16 parts and encodes edited text back as the original was', () => {
    const text = '<a>中文</a>';
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const le = bom[0] === 0xff;
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set(bom);
      const v = new DataView(bytes.buffer);
      for (let i = 0; i < text.length; i++) v.setUint16(2 + 2 * i, text.charCodeAt(i), le);
      assert.equal(decodeXml(bytes), text);
      assert.deepEqual(encodeXmlLike(bytes, text), bytes);
    }
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    assert.deepEqual(encodeXmlLike(withBom, text), withBom);
    assert.deepEqual(encodeXmlLike(withBom.subarray(3), text), withBom.subarray(3));
  });
});

describe('docx XML parser: what it refuses', () => {
  it('refuses a DOCTYPE, so no entity can be declared', () => {
    refuses('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>', 'corrupt', /DOCTYPE/);
  });

  it('refuses mismatched, unclosed and stray tags', () => {
    refuses('<a><b></a></b>', 'corrupt', /does not close <b>/);
    refuses('<a><b>', 'corrupt', /not closed/);
    refuses('<a></a></b>', 'corrupt');
    refuses('<a></ab>', 'corrupt');
    refuses('<a/><b/>', 'corrupt', /second root/);
    refuses('', 'corrupt', /no root/);
    refuses('text<a/>', 'corrupt', /outside/);
    refuses('<a><!-- never closed</a>', 'corrupt');
    refuses('<a><![CDATA[never closed</a>', 'corrupt');
  });

  it('refuses bad attribute syntax', () => {
    refuses('<a x=1/>', 'corrupt', /not quoted/);
    refuses('<a x/>', 'corrupt', /without a value/);
    refuses('<a x="1"y="2"/>', 'corrupt', /attribute syntax/);
    refuses('<a x="1" x="2"/>', 'corrupt', /twice/);
    refuses('<a x="<"/>', 'corrupt');
    refuses('<a x="1', 'corrupt');
    refuses('<a 1="1"/>', 'corrupt');
  });

  it('refuses < and unknown or invalid references in text', () => {
    refuses('<a>1 < 2</a>', 'corrupt', /< in text/);
    refuses('<a>AT&T</a>', 'corrupt', /reference/);
    refuses('<a>&nbsp;</a>', 'corrupt', /reference/);
    refuses('<a>&#0;</a>', 'corrupt', /reference/);
    refuses('<a>&#xD800;</a>', 'corrupt', /reference/);
    refuses('<a>&#x110000;</a>', 'corrupt', /reference/);
    refuses('<a v="&bogus;"/>', 'corrupt', /reference/);
  });

  it('refuses nesting deeper than the limit while parsing, and takes the limit itself', () => {
    const nest = (k: number) => '<a>'.repeat(k) + '</a>'.repeat(k);
    assert.ok(parse(nest(20), 20));
    assert.ok(parse('<a>'.repeat(19) + '<b/>' + '</a>'.repeat(19), 20));
    refuses(nest(21), 'too-large', /deeper than 20/);
    // Deep enough to overflow a recursive parser's stack: still a clean refusal.
    assert.throws(() => parse(nest(200000), 256), (err: unknown) => err instanceof DocxError && err.code === 'too-large');
  });
});

describe('XML parser against hostile attribute lists (review)', () => {
  const { parseXmlText } = require('../../server/src/node/docx/xml') as typeof import('../../server/src/node/docx/xml');
  // Count work, not time: a quadratic check of 20,000 attributes would do 2e8 comparisons; a
  // linear one finishes the parse long before the 5 s this test allows. The refusal is instant.
  it('refuses an element with thousands of attributes as too large, at once', () => {
    const attrs = Array.from({ length: 20000 }, (_, i) => `a${i}="x"`).join(' ');
    assert.throws(() => parseXmlText(`<w:p xmlns:w="u" ${attrs}/>`, 'document.xml', 256), /more than 1000 attributes/);
  });

  it('reads an element with hundreds of namespace declarations and prefixed attributes', () => {
    const decl = Array.from({ length: 400 }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ');
    const uses = Array.from({ length: 400 }, (_, i) => `p${i}:a="v"`).join(' ');
    const doc = parseXmlText(`<w:p xmlns:w="u" ${decl} ${uses}/>`, 'document.xml', 256);
    const el = doc.documentElement!;
    assert.equal(el.getAttributeNS('urn:399', 'a'), 'v');
  });

  it('still refuses a repeated attribute past the first few', () => {
    const attrs = Array.from({ length: 40 }, (_, i) => `a${i}="x"`).join(' ');
    assert.throws(() => parseXmlText(`<r ${attrs} a7="y"/>`, 'document.xml', 256), /attribute a7 twice/);
  });
});
