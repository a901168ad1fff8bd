/**
 * Findings back into Word (server/src/node/docx/annotate.ts): comments spliced into a copy of a
 * .docx, checked in the XML of hand-built documents and, for the LibreOffice-written fixtures,
 * by LibreOffice itself reading the copy back.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { analyze } from '../../server/src/core';
import { readDocx, type DocxReport } from '../../server/src/node/docx';
import { anchorRanges, annotateDocx, type DocxNote } from '../../server/src/node/docx/annotate';
import { elements, parseXmlText, type XmlDocument, type XmlElement, type XmlNode } from '../../server/src/node/docx/xml';
import { convert, findSoffice, offsetOf } from './libreoffice';

// Tests run from test/out (bundled); the repository root is two folders up.
const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'docx');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'annotate');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const OPTIONS = { author: '述职报告助手', initials: 'DR', date: new Date(Date.UTC(2025, 0, 6, 8, 30)) };

/** A .docx built in memory; `comments` adds a comments part with its relationship and content type. */
function docx(body: string, comments?: string): Uint8Array {
  const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        (comments ? '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>' : '') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(`${rels}<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
    'word/media/image1.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]),
  };
  if (comments) {
    files['word/_rels/document.xml.rels'] = strToU8(`${rels}<Relationship Id="rId7" Type="${REL}/comments" Target="comments.xml"/></Relationships>`);
    files['word/comments.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}">${comments}</w:comments>`);
  }
  return zipSync(files);
}

const note = (r: DocxReport, text: string, comment = '批注', from = 0): DocxNote => {
  const start = r.markdown.indexOf(text, from);
  assert.ok(start >= 0, text);
  return { start, end: start + text.length, text: comment };
};

function part(bytes: Uint8Array, name: string): string {
  return strFromU8(unzipSync(bytes, { filter: (f) => f.name === name })[name]);
}

/** Each stored entry's local header and data, as written (fflate writes no descriptors). */
function storedEntries(bytes: Uint8Array): Map<string, Buffer> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Buffer>();
  for (let p = 0; v.getUint32(p, true) === 0x04034b50; ) {
    const n = v.getUint16(p + 26, true);
    const end = p + 30 + n + v.getUint16(p + 28, true) + v.getUint32(p + 18, true);
    out.set(strFromU8(bytes.subarray(p + 30, p + 30 + n)), Buffer.from(bytes.subarray(p, end)));
    p = end;
  }
  return out;
}

describe('annotate: comments spliced into a copy (in-memory documents)', () => {
  it('splits a run where a range starts and ends inside its text, both halves keeping its w:rPr', () => {
    const original = docx('<w:p><w:r w:rsidR="00A1"><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>前面 要批注的话 后面</w:t></w:r></w:p>');
    const report = readDocx(original);
    const out = annotateDocx(original, report, [note(report, '要批注的话', '第一行\n第二行 <&>')], OPTIONS);
    const rPr = '<w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr>';
    const xml = part(out, 'word/document.xml');
    assert.ok(
      xml.includes(
        `<w:p><w:r w:rsidR="00A1">${rPr}<w:t xml:space="preserve">前面 </w:t></w:r><w:commentRangeStart w:id="0"/>` +
          `<w:r w:rsidR="00A1">${rPr}<w:t xml:space="preserve">要批注的话</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>` +
          `<w:r w:rsidR="00A1">${rPr}<w:t xml:space="preserve"> 后面</w:t></w:r></w:p>`,
      ),
      xml,
    );
    assert.equal(
      part(out, 'word/comments.xml').replace(/^.*?<w:comments[^>]*>/s, ''),
      '<w:comment w:id="0" w:author="述职报告助手" w:date="2025-01-06T08:30:00Z" w:initials="DR">' +
        '<w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">第一行</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t xml:space="preserve">第二行 &lt;&amp;&gt;</w:t></w:r></w:p></w:comment></w:comments>',
    );
    assert.match(part(out, 'word/_rels/document.xml.rels'), /<Relationship Id="rId1" Type="[^"]*\/comments" Target="comments.xml"\/><\/Relationships>$/);
    assert.match(part(out, '[Content_Types].xml'), /<Override PartName="\/word\/comments.xml" ContentType="application\/vnd.openxmlformats-officedocument.wordprocessingml.comments\+xml"\/><\/Types>$/);
    assert.equal(readDocx(out).markdown, report.markdown);
  });

  it('anchors at run edges without splitting, splits between elements of a run, and maps through entities', () => {
    const original = docx(
      '<w:p><w:r><w:t>甲乙</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>丙</w:t><w:tab/><w:t>A&amp;B</w:t></w:r></w:p>',
    );
    const report = readDocx(original);
    assert.equal(report.markdown, '甲乙丙\tA&B\n');
    const out = annotateDocx(original, report, [note(report, '甲乙'), note(report, 'B'), note(report, '\tA')], OPTIONS);
    const body = part(out, 'word/document.xml').replace(/^.*<w:body>|<\/w:body>.*$/gs, '');
    const end = (id: number) => `<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`;
    assert.equal(
      body,
      '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>甲乙</w:t></w:r>' + end(0) +
        '<w:r><w:rPr><w:i/></w:rPr><w:t>丙</w:t></w:r><w:commentRangeStart w:id="2"/><w:r><w:rPr><w:i/></w:rPr><w:tab/><w:t xml:space="preserve">A</w:t></w:r>' + end(2) +
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">&amp;</w:t></w:r><w:commentRangeStart w:id="1"/><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">B</w:t></w:r>' + end(1) + '</w:p>',
    );
    assert.equal(readDocx(out).markdown, report.markdown);
  });

  it('appends to an existing comments.xml with ids no part uses yet, keeping its relationship and content type', () => {
    const old = '<w:comment w:id="3" w:author="审核人"><w:p><w:r><w:t>原有批注</w:t></w:r></w:p></w:comment>';
    const original = docx(
      `<w:p><w:bookmarkStart w:id="8" w:name="b"/><w:commentRangeStart w:id="3"/><w:r><w:t>已有批注的段落</w:t></w:r><w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r><w:bookmarkEnd w:id="8"/></w:p>`,
      old,
    );
    const before = original.slice();
    const report = readDocx(original);
    const out = annotateDocx(original, report, [note(report, '批注的段')], { ...OPTIONS, summary: '评分卡' });
    assert.deepEqual(original, before, 'the input bytes are not touched');
    const comments = part(out, 'word/comments.xml');
    assert.ok(comments.includes(`>${old}<w:comment w:id="9" `), comments);
    assert.match(comments, /<w:comment w:id="10" [^>]*><w:p><w:r><w:annotationRef\/><\/w:r><w:r><w:t xml:space="preserve">批注<\/w:t>/);
    // The summary covers the whole paragraph, inside the comment already there; the note splits the run.
    assert.match(
      part(out, 'word/document.xml'),
      /<w:commentRangeStart w:id="3"\/><w:commentRangeStart w:id="9"\/><w:r><w:t xml:space="preserve">已有<\/w:t><\/w:r><w:commentRangeStart w:id="10"\/><w:r><w:t xml:space="preserve">批注的段<\/w:t><\/w:r><w:commentRangeEnd w:id="10"\/>.*<w:commentRangeEnd w:id="9"\/><w:r><w:commentReference w:id="9"\/><\/w:r><w:commentRangeEnd w:id="3"\/>/,
    );
    // Only the two parts changed; every other entry is the same stored bytes.
    const was = storedEntries(original);
    const now = storedEntries(out);
    assert.deepEqual([...now.keys()], [...was.keys()]);
    for (const [name, stored] of was) {
      if (name === 'word/document.xml' || name === 'word/comments.xml') assert.notDeepEqual(now.get(name), stored, name);
      else assert.deepEqual(now.get(name), stored, name);
    }
  });

  it('anchors a range that covers a label, a zero-length range, and a range across table cells as documented', () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>';
    const tc = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const files = unzipSync(
      docx(
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>主要工作情况</w:t></w:r></w:p>' +
          '<w:p><w:r><w:t>第一段，后半句。</w:t></w:r></w:p><w:p><w:r><w:t>第二段。</w:t></w:r></w:p>' +
          `<w:tbl><w:tr>${tc('左格')}${tc('右格')}</w:tr><w:tr>${tc('甲')}${tc('乙')}</w:tr></w:tbl>`,
      ),
    );
    files['word/numbering.xml'] = strToU8(`<w:numbering xmlns:w="${W}">${numbering}</w:numbering>`);
    files['word/_rels/document.xml.rels'] = strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/numbering" Target="numbering.xml"/></Relationships>`,
    );
    const original = zipSync(files);
    const report = readDocx(original);
    const md = report.markdown;
    assert.equal(md, '一、主要工作情况\n\n第一段，后半句。\n\n第二段。\n\n| 左格 | 右格 |\n| --- | --- |\n| 甲 | 乙 |\n');
    const notes = [
      note(report, '一、主要'), // label and text: the label is left out
      note(report, '一、'), // only the label: the paragraph's first characters
      { start: md.indexOf('后半'), end: md.indexOf('后半'), text: 'zero' }, // zero length: its paragraph's first characters
      { start: md.indexOf('后半'), end: md.indexOf('二段') + 2, text: 'across' }, // sibling paragraphs: one range
      note(report, '左格 | 右'), // across cells: ends in the first cell
      { start: md.length - 1, end: md.length + 5, text: 'past the end' },
    ];
    const ranges = anchorRanges(original, report, notes);
    assert.deepEqual(
      ranges.map((r) => md.slice(r.start, r.end)),
      ['主要', '主要工作情况', '第一段', '后半句。\n\n第二段', '左格', '乙'],
    );
    const out = annotateDocx(original, report, notes, OPTIONS);
    assert.equal(readDocx(out).markdown, md);
    const xml = part(out, 'word/document.xml');
    assert.match(xml, /<w:commentRangeStart w:id="3"\/><w:r><w:t xml:space="preserve">后半句。<\/w:t><\/w:r><\/w:p><w:p><w:r><w:t xml:space="preserve">第二段<\/w:t><\/w:r><w:commentRangeEnd w:id="3"\/>/);
  });

  it('puts comments on a document without text at the start of its first paragraph', () => {
    const original = docx('<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>');
    const report = readDocx(original);
    assert.equal(report.paragraphs.length, 0);
    const out = annotateDocx(original, report, [{ start: 0, end: 0, text: '缺少主要工作' }], { ...OPTIONS, summary: '评分卡' });
    assert.match(part(out, 'word/document.xml'), /<w:p><w:pPr><w:jc w:val="center"\/><\/w:pPr><w:commentRangeStart w:id="0"\/><w:commentRangeEnd w:id="0"\/><w:r><w:commentReference w:id="0"\/><\/w:r><w:commentRangeStart w:id="1"\/>/);
    assert.equal((part(out, 'word/comments.xml').match(/<w:comment /g) ?? []).length, 2);
  });
});

// ---------------------------------------------------------------------------------------------
// The fixtures, written as .docx by LibreOffice, annotated with every finding and read back by
// LibreOffice.

const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';

interface LoAnnotation {
  /** The comment's paragraphs, one a line. */
  comment: string;
  /** The text between the annotation and its end ('' for a point annotation). */
  anchored: string;
}

/**
 * LibreOffice's annotations in a flat ODT, each with its text and the text it is anchored on
 * (paragraphs joined by \n; text deleted with change tracking, which LibreOffice keeps inline
 * between text:change-start and text:change-end, left out as the reader leaves it out).
 */
function loAnnotations(doc: XmlDocument): LoAnnotation[] {
  const all: LoAnnotation[] = [];
  const open = new Map<string, LoAnnotation>();
  const deletions = new Set<string>();
  const findDeletions = (el: XmlElement) => {
    for (const c of elements(el)) {
      if (c.namespaceURI === TEXT && c.localName === 'changed-region' && elements(c).some((k) => k.localName === 'deletion')) {
        deletions.add(c.getAttributeNS(TEXT, 'id') ?? c.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'id') ?? '');
      } else findDeletions(c);
    }
  };
  findDeletions(doc.documentElement!);
  let deleted: string | undefined;
  const add = (s: string) => {
    if (deleted === undefined) for (const a of open.values()) a.anchored += s;
  };
  const visit = (el: XmlElement, inParagraph: boolean) => {
    for (let n: XmlNode | null = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (inParagraph) add(n.data);
        continue;
      }
      const name = n.namespaceURI === OFFICE ? `office:${n.localName}` : n.namespaceURI === TEXT ? `text:${n.localName}` : '';
      if (name === 'text:tracked-changes') continue;
      if (name === 'text:change-start' && deletions.has(n.getAttributeNS(TEXT, 'change-id') ?? '')) deleted = n.getAttributeNS(TEXT, 'change-id')!;
      else if (name === 'text:change-end' && n.getAttributeNS(TEXT, 'change-id') === deleted) deleted = undefined;
      else if (name === 'office:annotation') {
        const a: LoAnnotation = { comment: elements(n).filter((c) => c.localName === 'p').map((c) => c.textContent).join('\n'), anchored: '' };
        all.push(a);
        const id = n.getAttributeNS(OFFICE, 'name');
        if (id) open.set(id, a);
      } else if (name === 'office:annotation-end') open.delete(n.getAttributeNS(OFFICE, 'name') ?? '');
      else if (name === 'text:s') add(' '.repeat(Number(n.getAttributeNS(TEXT, 'c') ?? 1)));
      else if (name === 'text:tab') add('\t');
      else if (name === 'text:line-break') add('\n');
      else if (name === 'text:number') continue;
      else if (name === 'text:p' || name === 'text:h') {
        visit(n, true);
        add('\n');
      } else visit(n, inParagraph);
    }
  };
  visit(doc.documentElement!, false);
  return all;
}

/** The characters of [start, end) that Word holds in runs: labels and Markdown syntax left out, paragraphs joined by \n. */
function runText(report: DocxReport, start: number, end: number): string {
  const parts: string[] = [];
  for (const p of report.paragraphs) {
    let s = '';
    for (const span of p.spans) {
      const a = Math.max(start, span.start);
      const b = Math.min(end, span.start + span.length);
      if (a >= b) continue;
      s += span.tag === 'br' || span.tag === 'cr' ? '\n'.repeat(b - a) : report.markdown.slice(a, b);
    }
    if (s) parts.push(s);
  }
  return parts.join('\n');
}

/**
 * Edge cases on the report, beside its findings: across paragraphs, across table cells, inside
 * a run before 𠮷, a label alone, zero length, around an existing comment and a tracked change.
 */
function edgeNotes(md: string): DocxNote[] {
  const at = (text: string) => {
    const k = md.indexOf(text);
    assert.ok(k >= 0, text);
    return k;
  };
  const span = (from: string, to: string) => ({ start: at(from), end: at(to) + to.length });
  return [
    { ...span('各位领导', '我任支部书记'), text: '#1 跨段' },
    { start: at('| 平均办理时限 |') + 2, end: at('| 3天 |') + 4, text: '#2 跨单元格' },
    { ...span('𠮷祥社区', '𠮷祥社区'), text: '#3 𠮷' },
    { start: at('（1）'), end: at('（1）') + 3, text: '#4 只有编号' },
    { start: at('党员27人'), end: at('党员27人'), text: '#5 零长度' },
    { ...span('本人讲党课4次', '带头撰写'), text: '#6 跨越原有批注' },
    { start: 0, end: md.length, text: '#7 全文' },
  ];
}

describe('annotate: LibreOffice opens the annotated copies', function () {
  const names = ['report', 'numbering', 'edges'];
  const docs: Record<string, { original: Uint8Array; before: Uint8Array; report: DocxReport; notes: DocxNote[]; copy: Uint8Array; was: LoAnnotation[]; now: LoAnnotation[] }> = {};
  let checked = 0;
  let exact = 0;

  before(function () {
    const soffice = findSoffice();
    if (!soffice) {
      // As the reader's tests: outside CI a machine without LibreOffice skips, under CI it fails.
      if (process.env.CI) throw new Error('missing soffice (LibreOffice); run test/setup.sh');
      this.skip();
    }
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    const back = path.join(ARTIFACTS, 'back');
    fs.mkdirSync(back, { recursive: true });
    convert(soffice!, names.map((n) => path.join(FIXTURES, `${n}.fodt`)), 'docx:MS Word 2007 XML', ARTIFACTS);
    fs.copyFileSync(path.join(ARTIFACTS, 'report.docx'), path.join(ARTIFACTS, 'edges.docx'));
    for (const n of names) {
      // A Buffer as the CLI reads it: a view that may share memory with others.
      const original = fs.readFileSync(path.join(ARTIFACTS, `${n}.docx`));
      const before = Uint8Array.from(original);
      const report = readDocx(original);
      const md = report.markdown;
      const result = analyze(md);
      const notes =
        n === 'edges'
          ? edgeNotes(md)
          : result.findings.map((f, i) => ({
              start: offsetOf(md, f.range.start.line, f.range.start.character),
              end: offsetOf(md, f.range.end.line, f.range.end.character),
              text: `#${i + 1} 【${f.rule}】\n${f.message}`,
            }));
      const copy = annotateDocx(original, report, notes, { ...OPTIONS, summary: `【评分卡】评分 ${result.score}/100\n问题 ${notes.length} 处` });
      fs.writeFileSync(path.join(ARTIFACTS, `${n}.批注.docx`), copy);
      docs[n] = { original, before, report, notes, copy, was: [], now: [] };
    }
    convert(soffice!, names.flatMap((n) => [path.join(ARTIFACTS, `${n}.docx`), path.join(ARTIFACTS, `${n}.批注.docx`)]), 'fodt', back);
    for (const n of names) {
      const read = (file: string) => loAnnotations(parseXmlText(fs.readFileSync(path.join(back, file), 'utf8'), file, 256));
      docs[n].was = read(`${n}.fodt`);
      docs[n].now = read(`${n}.批注.fodt`);
    }
  });

  after(function () {
    if (checked) console.log(`      ${checked} comments checked in LibreOffice's reading of the annotated copies (${exact} anchored on exactly the flagged text)`);
  });

  for (const n of names) {
    it(`${n}: leaves the original bytes unchanged, and the copy reads as the same Markdown`, () => {
      const d = docs[n];
      assert.deepEqual(Uint8Array.from(d.original), d.before);
      assert.deepEqual(Uint8Array.from(fs.readFileSync(path.join(ARTIFACTS, `${n}.docx`))), d.before);
      assert.equal(readDocx(d.copy).markdown, d.report.markdown);
    });

    it(`${n}: LibreOffice finds one comment per ${n === 'edges' ? 'note' : 'finding'} and one for the scorecard, each on the flagged text`, () => {
      const d = docs[n];
      assert.ok(d.notes.length >= 3, `${d.notes.length} notes`);
      assert.equal(d.now.length, d.was.length + d.notes.length + 1, 'comments: those already there + findings + scorecard');
      const ranges = anchorRanges(d.original, d.report, d.notes, true);
      const md = d.report.markdown;
      d.notes.forEach((note, i) => {
        const lo = d.now.filter((a) => a.comment.startsWith(`#${i + 1} `));
        assert.equal(lo.length, 1, `comment #${i + 1}`);
        assert.equal(lo[0].comment, note.text);
        const want = runText(d.report, ranges[i].start, ranges[i].end);
        assert.ok(want.length > 0);
        assert.equal(lo[0].anchored, want, `#${i + 1} ${note.text}`);
        // Where the finding is plain text of one paragraph, the anchor is exactly the flagged text.
        const flagged = md.slice(note.start, note.end);
        const para = d.report.paragraphs.find((p) => p.start + p.labelLength <= note.start && note.end <= p.end);
        if (para && note.end > note.start && !/[\\|]/.test(flagged)) {
          assert.equal(lo[0].anchored, flagged);
          exact++;
        }
        checked++;
      });
      const summary = d.now.filter((a) => a.comment.startsWith('【评分卡】'));
      assert.equal(summary.length, 1);
      const title = d.report.paragraphs.find((p) => p.role === 'title') ?? d.report.paragraphs[0];
      assert.equal(summary[0].anchored, title.text);
      checked++;
    });
  }

  it('anchors the edge cases as documented, as LibreOffice reads them', () => {
    const d = docs.edges;
    const anchored = (k: number) => d.now.find((a) => a.comment.startsWith(`#${k} `))!.anchored;
    assert.equal(anchored(1), '各位领导、同志们：\n我任支部书记');
    assert.equal(anchored(2), '平均办理时限');
    assert.equal(anchored(3), '𠮷祥社区');
    assert.equal(anchored(4), '3月组织');
    assert.equal(anchored(5), '3月组织');
    assert.equal(anchored(6), '本人讲党课4次，带头撰写');
    // The whole draft: from the title to the last paragraph of the body, every paragraph in between.
    assert.ok(anchored(7).startsWith(d.report.paragraphs[0].text + '\n') && anchored(7).endsWith('2025年1月6日'), anchored(7));
  });
});

describe('annotate: the scorecard comment lists the checks switched off (issue 16)', () => {
  const { scorecardComment } = require('../../server/src/cli/annotate') as typeof import('../../server/src/cli/annotate');
  const text = [
    '# 2024年度个人述职报告',
    '',
    '## 一、主要工作',
    '',
    '<!-- duty-report-disable-next-line vague-phrase -- 理由：引用会上原话 -->',
    '全年高度重视党建工作，组织学习12次。',
    '',
    '<!-- duty-report-disable-next-line vague-phrase -->',
    '认真开展主题党日活动。',
    '',
  ].join('\n');

  it('says where each is in the Word file, by rule name, with its reason or its lack', () => {
    const r = analyze(text, { profile: 'general' });
    assert.equal(r.waivers?.length, 2);
    const places = [
      { paragraph: 3, offset: 0 },
      { paragraph: 5, offset: 0 },
    ];
    const zh = scorecardComment(r, 'zh', places).split('\n');
    assert.ok(zh.includes('已关闭检查：第3段 空话套话（下一行；理由：引用会上原话），隐去 1 条'), zh.join('\n'));
    assert.ok(zh.includes('已关闭检查：第5段 空话套话（下一行；未写理由），隐去 1 条'), zh.join('\n'));
    const en = scorecardComment(r, 'en', places).split('\n');
    assert.ok(en.some((l) => l.startsWith('Check switched off: paragraph 5 Vague or formulaic phrase (next line; no reason given)')), en.join('\n'));
    // Without Word places (a Markdown draft) the lines count as the checker read them.
    assert.ok(scorecardComment(r, 'zh').includes('已关闭检查：第5行 空话套话'));
  });

  it('adds nothing when no check is switched off', () => {
    const r = analyze(text.replace(/<!--[^\n]*-->\n/g, ''), { profile: 'general' });
    assert.ok(!scorecardComment(r, 'zh').includes('已关闭检查'));
  });
});
