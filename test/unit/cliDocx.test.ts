/**
 * The command line on Word files (issue 15 parts 3 and 4): a folder of a .docx written by
 * LibreOffice, a GB18030 .txt made by iconv and a .md, all checked and ranked; .docx findings
 * placed by paragraph in text, JSON and SARIF; damaged Word files skipped with the reader's
 * reason; `--format docx` writing annotated copies that LibreOffice opens with every comment.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Finding } from '../../server/src/core/types';
import { readDocx } from '../../server/src/node/docx';
import { convert, findSoffice } from './libreoffice';
import { sarifValidator as compileSarifSchema } from './sarifSchema';

// Tests run from test/out (bundled); the repository root is two folders up.
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'duty-report.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'docx');
const SAMPLE = fs.readFileSync(path.join(ROOT, 'samples', '村党支部书记述职报告-初稿.md'), 'utf8');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DUTY_REPORT_DEBUG: '' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type DocxFinding = Finding & { docx?: { paragraph: number; offset: number } };
interface JsonFile {
  path: string;
  format: string;
  encoding?: string;
  score: number;
  tier: string;
  findings: DocxFinding[];
}
interface JsonOut {
  files: JsonFile[];
  skipped: { path: string; reason: string }[];
}

function json(r: Run): JsonOut {
  return JSON.parse(r.stdout) as JsonOut;
}

function iconv(text: string, to: string): Buffer {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', to], { input: Buffer.from(text, 'utf8') });
  assert.equal(r.status, 0, `iconv -t ${to}: ${r.stderr}`);
  return r.stdout;
}

/** The `<w:comment ` elements of a .docx's comments part. */
function commentsOf(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'word/comments.xml' });
  const xml = files['word/comments.xml'];
  return xml ? [...strFromU8(xml).matchAll(/<w:comment [\s\S]*?<\/w:comment>/g)].map((m) => m[0]) : [];
}

/** The text of a comment element: its w:t contents, paragraphs joined by newlines. */
function commentText(element: string): string {
  return element
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((p) => p)
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text output lines of a Word file's findings: `path:第12段第6字  severity  rule  message`. */
const DOCX_LINE = /^(.+\.docx):第(\d+)段(?:第(\d+)字)?  (错误|警告|提示|建议)  ([a-z][a-z0-9-]*)  (.+)$/;
/** The same for other files, unchanged: `path:line:col  severity  rule  message`. */
const LINE_COL = /^(.+):(\d+):(\d+)  (错误|警告|提示|建议)  ([a-z][a-z0-9-]*)  (.+)$/;

describe('cli: Word files among the reports', function () {
  this.timeout(300_000);
  let soffice: string;
  let tmp: string;
  /** The report fixture as LibreOffice writes it to .docx. */
  let docx: Buffer;
  /** LibreOffice's own text rendering of that .docx, one non-empty line per paragraph. */
  let loLines: string[];

  before(function () {
    const found = findSoffice();
    if (!found) {
      // As the editor tests: outside CI a machine without LibreOffice skips, under CI it fails.
      if (process.env.CI) throw new Error('missing soffice (LibreOffice); run test/setup.sh');
      this.skip();
    }
    soffice = found!;
    assert.ok(fs.existsSync(path.join(ROOT, 'server/out/cli.js')), 'run node esbuild.js first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-cli-docx-'));
    const lo = path.join(tmp, 'lo');
    convert(soffice, [path.join(FIXTURES, 'report.fodt')], 'docx:MS Word 2007 XML', lo);
    docx = fs.readFileSync(path.join(lo, 'report.docx'));
    convert(soffice, [path.join(lo, 'report.docx')], 'txt:Text', path.join(lo, 'txt'));
    loLines = fs
      .readFileSync(path.join(lo, 'txt', 'report.txt'), 'utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);

    const put = (rel: string, content: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, rel), content);
    };
    for (const dir of ['mixed', 'annot']) {
      put(`${dir}/张三述职报告.docx`, docx);
      put(`${dir}/李四述职报告.txt`, iconv(SAMPLE, 'GB18030'));
      put(`${dir}/王五述职报告.md`, fs.readFileSync(path.join(FIXTURES, 'report.md')));
    }
    put('mixed/损坏.docx', Buffer.from('PK\x03\x04 this was a Word file once'));
    // A password-protected .docx is an OLE compound file, as an old .doc is.
    put('mixed/加密.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4088)]));
    put('twice/a/述职.docx', docx);
    put('twice/b/述职.docx', docx);
    put('out-is-a-file.md', '# 不是文件夹\n');
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('checking', () => {
    it('checks the .docx, the GB18030 .txt and the .md of one folder, skips damaged Word files with the reason, and goes on', () => {
      const r = run(tmp, ['check', '--format', 'json', 'mixed']);
      // The two damaged Word files are refused: the rest is checked, and the run ends with 2.
      assert.equal(r.status, 2, r.stderr);
      const out = json(r);
      assert.deepEqual(
        out.files.map((f) => [f.path, f.format, f.encoding]).sort(),
        [
          ['mixed/张三述职报告.docx', 'docx', undefined],
          ['mixed/李四述职报告.txt', 'text', 'gb18030'],
          ['mixed/王五述职报告.md', 'markdown', 'utf-8'],
        ].sort(),
      );
      const reasons = Object.fromEntries(out.skipped.map((s) => [s.path, s.reason]));
      assert.match(reasons['mixed/损坏.docx'], /^不是 Word 文档（\.docx 应为 zip 压缩包）/);
      assert.match(reasons['mixed/加密.docx'], /^文件已加密或是旧版 Word（\.doc）格式/);
      assert.match(r.stderr, /跳过 mixed\/损坏\.docx：不是 Word 文档[^\n]*（skipped mixed\/损坏\.docx: not a Word document/);
      // The Word file reads as its Markdown twin: same findings, score and tier.
      const word = out.files.find((f) => f.format === 'docx')!;
      const twin = out.files.find((f) => f.format === 'markdown')!;
      const strip = (f: JsonFile) => f.findings.map((x) => ({ rule: x.rule, message: x.message, range: x.range }));
      assert.deepEqual(strip(word), strip(twin));
      assert.equal(word.score, twin.score);
      assert.ok(word.findings.length >= 5, `${word.findings.length} findings`);
    });

    it('gives the reasons in English with --locale en', () => {
      const r = run(tmp, ['check', '--format', 'json', '--locale', 'en', 'mixed/损坏.docx', 'mixed/加密.docx', 'mixed/王五述职报告.md']);
      const out = json(r);
      assert.equal(out.files.length, 1);
      assert.deepEqual(out.skipped.map((s) => s.path), ['mixed/加密.docx', 'mixed/损坏.docx']);
      assert.match(out.skipped[0].reason, /encrypted or in the old Word \(\.doc\) format/);
      assert.match(out.skipped[1].reason, /^not a Word document/);
    });

    it('ranks the three reports on the HTML summary page and lists the skipped ones', () => {
      const html = run(tmp, ['check', '--format', 'html', 'mixed']).stdout;
      const rows = [...html.matchAll(/<span class="dr-path">([^<]*)<\/span>(?: <span class="dr-muted">[^<]*<\/span>)?<\/span><span class="dr-score-n-small">(\d+)<\/span><span class="dr-tier">([好中差])</g)];
      assert.deepEqual(rows.map((m) => m[1]).sort(), ['mixed/张三述职报告.docx', 'mixed/李四述职报告.txt', 'mixed/王五述职报告.md']);
      const rank = { 好: 0, 中: 1, 差: 2 } as Record<string, number>;
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]];
        assert.ok(rank[a[3]] < rank[b[3]] || (rank[a[3]] === rank[b[3]] && Number(a[2]) >= Number(b[2])), `${a[1]} before ${b[1]}`);
      }
      assert.ok(html.includes('mixed/损坏.docx') && html.includes('mixed/加密.docx'));
    });
  });

  describe('places in a Word file', () => {
    let out: JsonOut;
    let text: string;
    before(() => {
      out = json(run(tmp, ['check', '--format', 'json', 'mixed']));
      text = run(tmp, ['check', 'mixed']).stdout;
    });

    it('are paragraphs in the text output (第N段第M字) where other files keep line:column', () => {
      const word = out.files.find((f) => f.format === 'docx')!;
      const lines = text.split('\n');
      const docxLines = lines.filter((l) => l.startsWith('mixed/张三述职报告.docx:'));
      assert.equal(docxLines.length, word.findings.length);
      // The text output lists findings in reading order; JSON keeps the result's order.
      const byPlace = [...word.findings].sort((a, b) => a.docx!.paragraph - b.docx!.paragraph || a.docx!.offset - b.docx!.offset);
      docxLines.forEach((l, i) => {
        const m = DOCX_LINE.exec(l);
        assert.ok(m, l);
        assert.equal(Number(m[2]), byPlace[i].docx!.paragraph, l);
        assert.equal(m[3] === undefined ? 0 : Number(m[3]) - 1, byPlace[i].docx!.offset, l);
      });
      for (const p of ['mixed/李四述职报告.txt', 'mixed/王五述职报告.md']) {
        const own = lines.filter((l) => l.startsWith(`${p}:`));
        assert.ok(own.length > 0 && own.every((l) => LINE_COL.test(l)), own.join('\n'));
      }
      assert.match(text, /共 3 个文件：.*；跳过 2 个文件。/);
      const en = run(tmp, ['check', '--locale', 'en', 'mixed/张三述职报告.docx']).stdout;
      assert.match(en, /^mixed\/张三述职报告\.docx:paragraph \d+ char \d+  info  vague-phrase  /m);
    });

    it('are docx {paragraph, offset} in JSON, beside the Markdown range, and name the paragraph LibreOffice shows', () => {
      const word = out.files.find((f) => f.format === 'docx')!;
      const report = readDocx(docx);
      assert.equal(report.paragraphs.length, loLines.length, 'our paragraphs are the lines of LibreOffice\'s text export');
      for (const f of word.findings) {
        assert.ok(f.range && f.docx, f.rule);
        assert.deepEqual(Object.keys(f).slice(0, 5), ['rule', 'severity', 'message', 'range', 'docx']);
        assert.ok(f.docx.paragraph >= 1 && f.docx.paragraph <= loLines.length, JSON.stringify(f.docx));
        const phrase = f.data?.phrase;
        if (typeof phrase !== 'string') continue;
        // LibreOffice's paragraph of that number holds the phrase …
        assert.ok(loLines[f.docx.paragraph - 1].includes(phrase), `${phrase} in ${loLines[f.docx.paragraph - 1]}`);
        // … and a vague phrase starts exactly at the offset, counted in what Word shows (label and text).
        if (f.rule === 'vague-phrase') {
          const p = report.paragraphs[f.docx.paragraph - 1];
          assert.ok((p.label + p.text).slice(f.docx.offset).startsWith(phrase), `${phrase} at ${f.docx.offset} of ${p.label + p.text}`);
        }
      }
      assert.ok(word.findings.some((f) => f.rule === 'vague-phrase'));
      // Other files carry no docx place.
      assert.ok(out.files.filter((f) => f.format !== 'docx').every((f) => f.findings.every((x) => x.docx === undefined)));
    });

    it('are SARIF regions counting paragraphs, which still validate against the schema', () => {
      const sarif = JSON.parse(run(tmp, ['check', '--format', 'sarif', 'mixed']).stdout) as Record<string, any>;
      const validate = compileSarifSchema(ROOT);
      assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      const sarifRun = sarif.runs[0];
      const index = sarifRun.artifacts.findIndex((a: { location: { uri: string } }) => decodeURIComponent(a.location.uri) === 'mixed/张三述职报告.docx');
      assert.ok(index >= 0);
      assert.equal(sarifRun.artifacts[index].mimeType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(sarifRun.artifacts[index].encoding, undefined);
      assert.equal(sarifRun.artifacts[index].properties.format, 'docx');
      const word = out.files.find((f) => f.format === 'docx')!;
      const results = sarifRun.results.filter((r: { locations: { physicalLocation: { artifactLocation: { index: number } } }[] }) => r.locations[0].physicalLocation.artifactLocation.index === index);
      assert.equal(results.length, word.findings.length);
      results.forEach((r: Record<string, any>, i: number) => {
        const loc = r.locations[0];
        const f = word.findings[i];
        assert.equal(loc.physicalLocation.region.startLine, f.docx!.paragraph);
        assert.equal(loc.physicalLocation.region.startColumn, f.docx!.offset + 1);
        assert.deepEqual(loc.physicalLocation.region.properties, { lineKind: 'docxParagraph' });
        assert.match(loc.message.text, new RegExp(`^第${f.docx!.paragraph}段`));
        assert.equal(r.fixes, undefined, 'fixes edit the Markdown, not the Word file');
      });
      // The Markdown twin's regions are lines, as before.
      const md = sarifRun.artifacts.findIndex((a: { location: { uri: string } }) => decodeURIComponent(a.location.uri) === 'mixed/王五述职报告.md');
      const mdResult = sarifRun.results.find((r: Record<string, any>) => r.locations[0].physicalLocation.artifactLocation.index === md);
      assert.equal(mdResult.locations[0].physicalLocation.region.properties, undefined);
      assert.equal(mdResult.locations[0].message, undefined);
    });
  });

  describe('--format docx', () => {
    const original = () => path.join(tmp, 'annot', '张三述职报告.docx');
    const copy = () => path.join(tmp, 'annot', '张三述职报告.批注.docx');
    let first: Run;
    let findings: DocxFinding[];

    before(() => {
      findings = json(run(tmp, ['check', '--format', 'json', 'annot/张三述职报告.docx'])).files[0].findings;
      first = run(tmp, ['check', '--format', 'docx', 'annot']);
    });

    it('writes an annotated copy beside the original, lists the reports it did not annotate, and prints the text results', () => {
      assert.equal(first.status, 0, first.stderr);
      assert.ok(fs.existsSync(copy()));
      assert.ok(first.stdout.includes(`已写出批注副本：\n  annot/张三述职报告.docx → annot/张三述职报告.批注.docx（${findings.length + 1} 条批注：${findings.length} 条检查意见和评分卡）`), first.stdout);
      assert.ok(first.stdout.includes('未加批注（不是 Word 文件）：\n  annot/李四述职报告.txt\n  annot/王五述职报告.md\n'), first.stdout);
      // The text results come first, as `check` prints them.
      assert.match(first.stdout, /^annot\/张三述职报告\.docx:第\d+段/m);
      assert.match(first.stdout, /共 3 个文件：/);
    });

    it('leaves the original byte for byte as it was', () => {
      assert.ok(fs.readFileSync(original()).equals(docx));
    });

    it('has one comment per finding plus the scorecard, each naming its rule, and keeps the comment the writer had', () => {
      const had = commentsOf(docx);
      assert.equal(had.length, 1, 'the fixture carries one comment of its own');
      const all = commentsOf(fs.readFileSync(copy()));
      assert.equal(all.length, had.length + findings.length + 1);
      assert.ok(all.includes(had[0]));
      const comments = all.filter((c) => /w:author="述职报告助手"/.test(c));
      assert.equal(comments.length, findings.length + 1);
      const texts = comments.map(commentText);
      assert.ok(texts.some((t) => t.startsWith('【评分卡】评分 ') && t.includes('述职类型：') && t.includes('字数：') && /检查意见 \d+ 条：/.test(t)), texts.join('\n---\n'));
      for (const f of findings) {
        assert.ok(texts.some((t) => t.startsWith('【') && t.includes(f.message)), f.message);
      }
      assert.ok(texts.some((t) => t.startsWith('【措施不具体】')), texts.join('\n---\n'));
    });

    it('opens in LibreOffice with every comment', () => {
      const dir = path.join(tmp, 'lo-annot');
      convert(soffice, [copy()], 'fodt', dir);
      assert.ok(fs.existsSync(path.join(dir, '张三述职报告.批注.fodt')), 'LibreOffice could not load the annotated copy');
      const fodt = fs.readFileSync(path.join(dir, '张三述职报告.批注.fodt'), 'utf8');
      // The writer's own comment, and ours.
      assert.equal(fodt.match(/<office:annotation[ >]/g)?.length, 1 + findings.length + 1);
    });

    it('reads back as the same report: the comments are not checked as text', () => {
      const read = json(run(tmp, ['check', '--format', 'json', 'annot/张三述职报告.批注.docx']));
      assert.deepEqual(read.skipped, []);
      const again = read.files[0].findings;
      assert.deepEqual(again.map((f) => [f.rule, f.message, f.docx]), findings.map((f) => [f.rule, f.message, f.docx]));
    });

    it('refuses to overwrite an existing copy, keeps both files as they were, and exits 2', () => {
      const before = fs.readFileSync(copy());
      const r = run(tmp, ['check', '--format', 'docx', 'annot/张三述职报告.docx']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /annot\/张三述职报告\.批注\.docx 已存在，没有覆盖/);
      assert.match(r.stdout, /没有写出批注副本。/);
      assert.ok(fs.readFileSync(copy()).equals(before));
      assert.ok(fs.readFileSync(original()).equals(docx));
    });

    it('leaves annotated copies out of a folder search, and says so', () => {
      const r = run(tmp, ['check', '--format', 'json', 'annot']);
      assert.deepEqual(json(r).files.map((f) => f.path).sort(), ['annot/张三述职报告.docx', 'annot/李四述职报告.txt', 'annot/王五述职报告.md']);
      assert.match(r.stderr, /1 个批注副本（\*\.批注\.docx/);
    });

    it('writes into the --output folder, numbering two copies of one name', () => {
      const r = run(tmp, ['check', '--format', 'docx', '--output', 'copies', 'twice']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(fs.readdirSync(path.join(tmp, 'copies')).sort(), ['述职.批注-2.docx', '述职.批注.docx']);
      assert.ok(r.stdout.includes('twice/a/述职.docx → copies/述职.批注.docx'), r.stdout);
      assert.ok(r.stdout.includes('twice/b/述职.docx → copies/述职.批注-2.docx'), r.stdout);
      assert.deepEqual(fs.readdirSync(path.join(tmp, 'twice', 'a')), ['述职.docx']);
    });

    it('takes --output only as a folder', () => {
      for (const output of ['out-is-a-file.md', '-']) {
        const r = run(tmp, ['check', '--format', 'docx', '--output', output, 'annot/张三述职报告.docx']);
        assert.equal(r.status, 2, output);
        assert.match(r.stderr, /--format docx/);
      }
    });
  });
});
