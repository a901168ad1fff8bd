/**
 * The Word export (issue 15 part 5), checked in the file's own XML and through real tools:
 * LibreOffice renders the .docx to PDF, poppler reads back the page size, the fonts, where each
 * line stands and how many characters it holds, and draws page 1 and 2 as pictures into
 * test-artifacts/export/ for a person to look at. Without soffice or poppler those tests skip,
 * except under CI, where a missing tool is a failure.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { hintSpans } from '../../server/src/core/unfilled';
import { exportDocx } from '../../server/src/node/export';
import { BODY_CHAR, CHARS_PER_LINE, LINE_PITCH, LINES_PER_PAGE, MARGIN, mm, PAGE, TEXT_HEIGHT, TEXT_WIDTH } from '../../server/src/node/export/layout';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'duty-report.js');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'export');
const CI = !!process.env.CI && !['false', '0'].includes(process.env.CI);

/** A draft with every kind of part, and what must not reach the file: front matter, a comment, an instruction. */
const DRAFT = `---
profile: branch-secretary
---

# 2024年度个人述职报告

某某局办公室　李某某

各位领导、同志们：

<!-- duty-report-disable vague-phrase -->
现将本人一年来的工作报告如下，**请予审阅**。引用「三会一课」和“两学一做”的说法，以及 Word 2016 的 A/B 版。

## 一、主要工作

（一）抓学习。全年组织集中学习24次，本人讲党课4次。

1. 第三层次。内容*强调*文字，费用3.5万元。

- 完成档案整理120卷。

| 项目 | 数量 |
|---|---:|
| 党课 | 4次 |
| 谈心 | 12人次 |

## 二、存在问题

一是写明具体问题，哪项工作、哪件事。二是本人对青年党员关心不够，全年只谈心3人次。

三、原因分析

主观上，本人重业务轻党建。<!-- 备注：此处待补 -->客观上，任务较重。

## 四、下步打算

2025年3月底前，本人制定学习计划。

以上述职，请予评议。

李某某

2025年1月6日
`;

/** One paragraph long enough to fill page 2 edge to edge: 28 ideographs to every full line. */
const LONG = `# 测试报告\n\n各位领导、同志们：\n\n${'我们坚持学习贯彻党的精神全面推进各项工作落实见效'.repeat(70)}。\n`;

type Parts = Record<string, string>;

function unzip(bytes: Uint8Array): Parts {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

interface Para {
  style: string;
  text: string;
  xml: string;
}

/** The body's paragraphs in order (those in table cells too), with their style and text. */
function paragraphs(documentXml: string): Para[] {
  return [...documentXml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[1])?.[1] ?? '',
    text: decode([...m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    xml: m[1],
  }));
}

/** The style element of `id` in styles.xml. */
function style(stylesXml: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml);
  assert.ok(m, `style ${id} in styles.xml`);
  return m[0];
}

/** What of a text is compared: no white space and no ASCII Markdown syntax characters. */
const comparable = (s: string) => s.replace(/[\s\u3000#*_|>`\\\-:~=]/g, '');

/** The report's text as written: front matter, comments and instructions (the core's hintSpans) removed. */
function reportText(markdown: string): string {
  let text = markdown;
  for (const h of hintSpans(text, 0, text.length).reverse()) text = text.slice(0, h.start) + text.slice(h.end);
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').replace(/<!--[\s\S]*?-->/g, '');
}

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 240000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}

describe('export to Word (node/export)', () => {
  it('lays out GB/T 9704: 22 lines of 28 characters fit the 156 × 225 mm text block', () => {
    assert.deepEqual([PAGE.width, PAGE.height], [mm(210), mm(297)]);
    assert.deepEqual([MARGIN.top, MARGIN.bottom, MARGIN.left, MARGIN.right], [mm(37), mm(35), mm(28), mm(26)]);
    assert.equal(LINE_PITCH, 579); // 28.95 pt
    assert.ok(LINES_PER_PAGE * LINE_PITCH <= TEXT_HEIGHT && (LINES_PER_PAGE + 1) * LINE_PITCH > TEXT_HEIGHT);
    assert.ok(CHARS_PER_LINE * BODY_CHAR <= TEXT_WIDTH && (CHARS_PER_LINE + 1) * BODY_CHAR > TEXT_WIDTH);
  });

  it('writes A4, the margins, the line grid, odd and even page numbers in a PAGE field, and no Word numbering', async () => {
    const docx = unzip(await exportDocx(DRAFT));
    const doc = docx['word/document.xml'];
    assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(doc, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    assert.match(doc, /<w:docGrid w:type="lines" w:linePitch="579"/);
    assert.match(docx['word/settings.xml'], /<w:evenAndOddHeaders/);
    const footers = Object.keys(docx).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    assert.equal(footers.length, 2);
    for (const f of footers) {
      assert.match(docx[f], /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      assert.match(docx[f], /<w:t[^>]*>— <\/w:t>[\s\S]*<w:t[^>]*> —<\/w:t>/);
      assert.match(docx[f], /<w:pStyle w:val="ReportPageNumber"\/>/);
    }
    for (const part of ['word/document.xml', 'word/styles.xml', ...footers]) assert.doesNotMatch(docx[part], /<w:numPr/, part);
  });

  it('requests the 公文 fonts and sizes, with the stand-ins Word takes when one is missing', async () => {
    const docx = unzip(await exportDocx(DRAFT));
    const styles = docx['word/styles.xml'];
    const eastAsia = (id: string) => /w:eastAsia="([^"]+)"/.exec(style(styles, id))?.[1];
    const size = (id: string) => /<w:sz w:val="(\d+)"/.exec(style(styles, id))?.[1];
    assert.equal(eastAsia('ReportTitle'), '方正小标宋简体');
    assert.equal(size('ReportTitle'), '44');
    assert.match(style(styles, 'ReportTitle'), /<w:jc w:val="center"\/>/);
    assert.equal(eastAsia('Normal'), '仿宋_GB2312');
    assert.equal(size('Normal'), '32');
    assert.match(style(styles, 'Normal'), /<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    assert.match(style(styles, 'ReportBody'), /<w:ind [^>]*w:firstLineChars="200"/);
    assert.equal(eastAsia('Heading1'), '黑体');
    assert.equal(eastAsia('Heading2'), '楷体_GB2312');
    assert.equal(eastAsia('ReportPageNumber'), '宋体');
    assert.equal(size('ReportPageNumber'), '28');
    assert.match(style(styles, 'ReportSignature'), /<w:jc w:val="right"\/>/);
    const fonts = docx['word/fontTable.xml'];
    for (const [name, alt] of [['方正小标宋简体', '宋体'], ['仿宋_GB2312', '仿宋'], ['楷体_GB2312', '楷体']]) {
      assert.match(fonts, new RegExp(`<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/>`));
    }
  });

  it('reads the parts as the checker does: title, byline, salutation, headings by level, table, signature', async () => {
    const paras = paragraphs(unzip(await exportDocx(DRAFT))['word/document.xml']);
    const styleOf = (start: string) => paras.find((p) => p.text.startsWith(start))?.style;
    assert.equal(styleOf('2024年度个人述职报告'), 'ReportTitle');
    assert.equal(styleOf('某某局办公室　李某某'), 'ReportByline');
    assert.equal(styleOf('各位领导、同志们：'), 'ReportSalutation');
    assert.equal(styleOf('一、主要工作'), 'Heading1');
    assert.equal(styleOf('三、原因分析'), 'Heading1');
    assert.equal(styleOf('现将本人'), 'ReportBody');
    assert.equal(styleOf('以上述职，请予评议。'), 'ReportBody');
    assert.equal(styleOf('李某某'), 'ReportSignature');
    assert.equal(styleOf('2025年1月6日'), 'ReportSignature');
    assert.equal(styleOf('党课'), 'ReportTableText');
    // `---:` right-aligns its column's cells; the header row is bold and centred.
    assert.match(paras.find((p) => p.text === '4次')!.xml, /<w:jc w:val="right"\/>/);
    assert.match(paras.find((p) => p.text === '数量')!.xml, /<w:jc w:val="center"\/>[^]*<w:b\/>/);
    // A run-in heading: "（一）抓学习。" in 楷体, the rest of the paragraph in the body face.
    const runIn = paras.find((p) => p.text.startsWith('（一）抓学习。'))!;
    assert.equal(runIn.style, 'ReportBody');
    assert.match(runIn.xml, /w:eastAsia="楷体_GB2312"[^]*?<w:t[^>]*>（一）抓学习。<\/w:t>/);
    // Labels as written, emphasis as bold without its asterisks, quotes untouched.
    assert.ok(paras.some((p) => p.text.startsWith('1. 第三层次。')));
    const lead = paras.find((p) => p.text.startsWith('现将本人'))!;
    assert.match(lead.xml, /<w:b\/>[^]*?<w:t[^>]*>请予审阅<\/w:t>/);
    assert.match(lead.text, /「三会一课」和“两学一做”/);
    const all = paras.map((p) => p.text).join('\n');
    for (const gone of ['**', 'profile', 'duty-report-disable', '备注', '写明', '|']) assert.ok(!all.includes(gone), gone);
    assert.equal(paras.find((p) => p.text === '完成档案整理120卷。')?.style, 'ReportBody');
  });

  it('makes a document Word opens from an empty draft, and reads CRLF drafts the same', async () => {
    assert.equal(paragraphs(unzip(await exportDocx(''))['word/document.xml']).length, 1);
    const lf = unzip(await exportDocx(DRAFT))['word/document.xml'];
    assert.equal(unzip(await exportDocx(DRAFT.replace(/\n/g, '\r\n')))['word/document.xml'], lf);
  });

  it('keeps every character of the report text, in order (the crafted draft and each sample)', async () => {
    const samples = fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.md'));
    assert.ok(samples.length >= 3);
    const drafts = [['draft', DRAFT], ...samples.map((f) => [f, fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8')])];
    for (const [name, md] of drafts) {
      const text = paragraphs(unzip(await exportDocx(md))['word/document.xml']).map((p) => p.text).join('');
      assert.equal(comparable(text), comparable(reportText(md)), name);
    }
  });
});

describe('export to Word, rendered by LibreOffice and read back by poppler', function () {
  this.timeout(300000);
  let dir = '';
  let env: NodeJS.ProcessEnv = process.env;
  let cjk = { sans: false, serif: false };

  before(function () {
    const missing = ['soffice', 'pdftoppm', 'pdfinfo', 'pdffonts', 'pdftotext'].filter((c) => !have(c));
    if (missing.length) {
      if (CI) throw new Error(`missing under CI: ${missing.join(', ')} (test/setup.sh installs them)`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-export-'));
    // The 公文 fonts are not installed: fontconfig takes Noto CJK in their place, serif for the
    // 宋/仿宋/楷 faces and sans for 黑体, so the PDF shows which font each part asked for.
    const fonts = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' }).stdout ?? '';
    cjk = { sans: fonts.includes('Noto Sans CJK SC'), serif: fonts.includes('Noto Serif CJK SC') };
    const alias = (family: string, to: string) => `<alias binding="same"><family>${family}</family><prefer><family>${to}</family></prefer></alias>`;
    fs.writeFileSync(
      path.join(dir, 'fonts.conf'),
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
        ['方正小标宋简体', '仿宋_GB2312', '楷体_GB2312', '宋体'].map((f) => alias(f, 'Noto Serif CJK SC')).join('') +
        alias('黑体', 'Noto Sans CJK SC') +
        '</fontconfig>',
    );
    env = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') };
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the draft's .docx and LibreOffice's PDF of it; returns the PDF's path. */
  async function render(name: string, markdown: string): Promise<string> {
    const docx = path.join(dir, `${name}.docx`);
    fs.writeFileSync(docx, await exportDocx(markdown));
    // A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
    run('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', docx, '--outdir', dir], env);
    const pdf = path.join(dir, `${name}.pdf`);
    assert.ok(fs.existsSync(pdf), `LibreOffice wrote ${pdf}`);
    return pdf;
  }

  /** Text lines of one page as poppler places them: x and y extent in points, and the text. */
  function lines(pdf: string, page: number): { xMin: number; xMax: number; yMin: number; text: string }[] {
    const xml = run('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', pdf, '-']);
    return [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      text: decode([...m[4].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('')),
    }));
  }

  const PT = 72 / 25.4;

  it('renders a sample on A4 pages, in the fonts each part asked for, and draws pages 1 and 2', async () => {
    const pdf = await render('sample', fs.readFileSync(path.join(ROOT, 'samples', '2024年机关党支部书记述职报告.md'), 'utf8'));
    const info = run('pdfinfo', ['-l', '99', pdf]);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)];
    assert.ok(sizes.length >= 2, info);
    for (const s of sizes) assert.deepEqual([Math.round(Number(s[1])), Math.round(Number(s[2]))], [595, 842]);

    const fonts = run('pdffonts', [pdf]);
    assert.match(fonts, /CJK|Song|Hei|Fang|Kai|Ming/i, 'a CJK font draws the Chinese text');
    if (cjk.sans && cjk.serif) {
      assert.match(fonts, /NotoSerifCJK/, '仿宋/小标宋 requested (serif stand-in)');
      assert.match(fonts, /NotoSansCJK/, '黑体 requested for 一、 headings (sans stand-in)');
    }

    const page1 = lines(pdf, 1);
    const left = mm(28) / 20; // the text block's left edge, in points
    const centre = left + (mm(156) / 20) / 2;
    const title = page1[0];
    assert.equal(title.text, '2024年度机关党支部书记述职报告');
    assert.ok(Math.abs((title.xMin + title.xMax) / 2 - centre) < 3, `title centred: ${JSON.stringify(title)}`);
    assert.ok(title.yMin > 37 * PT - 2, 'title below the 37 mm top margin');
    const salutation = page1.find((l) => l.text === '各位领导、同志们：')!;
    assert.ok(Math.abs(salutation.xMin - left) < 1.5, `salutation flush left: ${salutation.xMin}`);
    const body = page1.find((l) => l.text.startsWith('我任支部书记两年'))!;
    assert.ok(Math.abs(body.xMin - (left + 2 * 15.75)) < 1.5, `first line indented two characters: ${body.xMin}`);
    const number1 = page1[page1.length - 1];
    assert.match(number1.text, /^—\s*1\s*—$/);
    assert.ok(Math.abs(number1.xMax - (left + mm(156) / 20 - 14)) < 2, `page 1's number one character in from the right: ${number1.xMax}`);
    const number2 = lines(pdf, 2).pop()!;
    assert.match(number2.text, /^—\s*2\s*—$/);
    assert.ok(Math.abs(number2.xMin - (left + 14)) < 2, `page 2's number one character in from the left: ${number2.xMin}`);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(ARTIFACTS, 'page')]);
    for (const png of ['page-1.png', 'page-2.png']) {
      const head = fs.readFileSync(path.join(ARTIFACTS, png)).subarray(16, 24);
      // A4 at 60 dpi: 496 × 702 pixels, give or take poppler's rounding.
      const [w, h] = [head.readUInt32BE(0), head.readUInt32BE(4)];
      assert.ok(Math.abs(w - (210 / 25.4) * 60) < 1.5 && Math.abs(h - (297 / 25.4) * 60) < 1.5, `${png}: ${w} × ${h}`);
    }
  });

  it('sets 22 lines of 28 characters on a full page, 28.95 pt apart', async () => {
    const pdf = await render('long', LONG);
    const page2 = lines(pdf, 2);
    const body = page2.filter((l) => l.yMin < 842 - 35 * PT);
    assert.equal(body.length, 22, JSON.stringify(body.map((l) => l.text)));
    for (const l of body) assert.equal([...l.text].length, 28, l.text);
    for (let i = 1; i < body.length; i++) assert.ok(Math.abs(body[i].yMin - body[i - 1].yMin - 28.95) < 0.3, `line pitch at line ${i + 1}`);
  });
});

describe('duty-report export --docx', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-export-cli-'));
    fs.writeFileSync(path.join(dir, '草稿.md'), DRAFT);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });

  it('writes the .docx beside the draft, and says where', () => {
    const r = cli('export', '--docx', '草稿.md');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /已导出 Word 文件：草稿\.docx\nWrote the Word file: 草稿\.docx/);
    // The draft's one instruction (一是写明……) is what the checker reports as unfilled.
    assert.match(r.stderr, /草稿还有 1 处待填写，[\s\S]*still has 1 place to fill in/);
    assert.doesNotMatch(r.stderr, /unfilled/, 'the rule is not named by its id');
    // The draft's disable comment is left out with the other comments, and the writer is told.
    assert.match(r.stderr, /草稿里有 1 处关闭检查的注释，注释没有写进 Word 文件[\s\S]*switches off checks in 1 comment/);
    const docx = unzip(fs.readFileSync(path.join(dir, '草稿.docx')));
    assert.ok(paragraphs(docx['word/document.xml']).some((p) => p.text === '2024年度个人述职报告'));
    assert.ok(!docx['word/document.xml'].includes('duty-report-disable'), 'the comment itself is left out');
  });

  it('never overwrites an existing file without --force, and overwrites it with', () => {
    fs.writeFileSync(path.join(dir, 'out.docx'), 'mine');
    const r = cli('export', '--docx', '草稿.md', '--output', 'out.docx');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /out\.docx 已存在，没有覆盖；确要覆盖请加 --force[\s\S]*already exists/);
    assert.equal(fs.readFileSync(path.join(dir, 'out.docx'), 'utf8'), 'mine');
    const forced = cli('export', '--docx', '草稿.md', '--output', 'out.docx', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'out.docx')).subarray(0, 2).toString(), 'PK');
  });

  it('refuses to write over the draft itself, even with --force or through a link', () => {
    fs.symlinkSync('草稿.md', path.join(dir, 'link.md'));
    for (const output of ['草稿.md', './草稿.md', 'link.md']) {
      const r = cli('export', '--docx', '草稿.md', '--output', output, '--force');
      assert.equal(r.status, 2, output);
      assert.match(r.stderr, /输出文件就是草稿本身[\s\S]*the output is the draft itself/);
    }
    assert.equal(fs.readFileSync(path.join(dir, '草稿.md'), 'utf8'), DRAFT);
  });

  it('says what is wrong with the words, in Chinese and English, with exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['export', '草稿.md'], /export 需要指明导出格式：--docx[\s\S]*needs the format/],
      [['export', '--docx'], /没有给出要导出的草稿[\s\S]*no draft to export/],
      [['export', '--docx', 'a.md', 'b.md'], /一次只导出一份草稿[\s\S]*one draft at a time/],
      [['export', '--docx', '草稿.md', '--format', 'json'], /选项 --format 不用于 export/],
      [['export', '--docx', '草稿.md', '--output', '-'], /不能写到标准输出/],
      [['export', '--docx', '没有.md'], /找不到草稿：没有\.md[\s\S]*no such draft/],
      [['check', '--docx', '草稿.md'], /选项 --docx 只用于 export/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.equal(fs.readdirSync(dir).join(), '草稿.md', 'nothing written');
  });

  it('is in the help text', () => {
    const r = cli('--help');
    assert.match(r.stdout, /duty-report export --docx <草稿\.md> \[--output 文件\.docx\] \[--force\]/);
    assert.match(r.stdout, /duty-report export --docx <draft\.md> \[--output file\.docx\] \[--force\]/);
  });
});
