/**
 * `--format csv`, the office's spreadsheet: read back as a spreadsheet would read it (RFC 4180),
 * its numbers against the JSON output's, and, where LibreOffice Calc is installed, opened by it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, RULES } from '../../server/src/core/index';
import type { AnalysisResult } from '../../server/src/core/types';
import { csvCell, formatCsv } from '../../server/src/format/csv';
import { findFormat, FORMAT_IDS, type CheckedFile, type FormatInput } from '../../server/src/format/index';
import { formatJson, type JsonReport } from '../../server/src/format/json';
import { rankReports } from '../../server/src/render/html';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function fixture(name: string): AnalysisResult {
  const dir = path.join(FIXTURES, name);
  const expected = path.join(dir, 'expected.json');
  const options = fs.existsSync(expected) ? ((JSON.parse(fs.readFileSync(expected, 'utf8')) as { options?: object }).options ?? {}) : {};
  return analyze(fs.readFileSync(path.join(dir, 'input.md'), 'utf8'), options);
}

/** Reads CSV as RFC 4180 says: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (cell += ch), i++;
    } else if (ch === '"') {
      assert.equal(cell, '', `a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      assert.ok(ch !== '\r' && ch !== '\n', `a bare line break outside quotes at ${i}`);
      cell += ch;
      i++;
    }
  }
  assert.equal(quoted, false, 'an unclosed quote');
  assert.ok(cell === '' && row.length === 0, 'the last record ends with CRLF');
  return rows;
}

const HOSTILE_PATHS = ['reports/张三,"副职".md', '=HYPERLINK("http://evil.example","点我").md', '+1.md', '-2.md', '@SUM(A1).md', '\tx.md'];

function input(locale: 'zh' | 'en' = 'zh'): FormatInput {
  const files: CheckedFile[] = [
    { path: 'a/无理由.md', result: fixture('rule-waiver-without-reason-positive') },
    { path: 'a/有理由.md', result: fixture('rule-waiver-without-reason-negative') },
    { path: 'b/支部书记.md', result: fixture('profile-branch-secretary-poor') },
    { path: 'b/人大代表.md', result: fixture('profile-npc-deputy-middling') },
    { path: 'c/党员.md', result: fixture('profile-party-member-good') },
    ...HOSTILE_PATHS.map((p, i) => ({ path: p, result: fixture(i % 2 ? 'rule-vague-phrase-positive' : 'profile-general-good') })),
  ];
  return { files, skipped: [{ path: 'x/乱码.txt', reason: '不是 UTF-8 或 GB18030 编码' }], locale, color: false };
}

const ZH_HEAD = ['文件', '述职类型', '得分', '档次', '字数', '成绩占比（%）', '问题占比（%）', '原因占比（%）', '措施占比（%）', '必述内容已覆盖', '必述内容应述'];
const ZH_TAIL = ['已关闭检查', '其中未说明理由', '定档依据', '备注'];

describe('format/csv', () => {
  const text = formatCsv(input());
  const rows = parseCsv(text.slice(1));

  it('is in the registry as csv, and writes the same through it', () => {
    assert.ok(FORMAT_IDS.includes('csv'));
    const f = findFormat('csv');
    assert.ok(f);
    assert.equal(f.extension, 'csv');
    const out = f.write(input(), { srcRootUri: 'file:///', layout: 'lines' });
    assert.equal(typeof out === 'string' ? out : [...out].join(''), text);
  });

  it('starts with a UTF-8 byte-order mark and ends every record with CRLF', () => {
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.equal(Buffer.from(text, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
    assert.ok(text.endsWith('\r\n'));
    assert.equal(text.replace(/\r\n/g, '').match(/[\r\n]/), null, 'no bare CR or LF');
  });

  it('heads the columns in the run\'s words: the report, its numbers, a column per rule by its Chinese name, the waivers, why the tier', () => {
    assert.deepEqual(rows[0], [...ZH_HEAD, ...[...RULES].sort((a, b) => a.order - b.order).map((r) => r.name.zh), ...ZH_TAIL]);
    const en = parseCsv(formatCsv(input('en')).slice(1))[0];
    assert.deepEqual(en.slice(0, 6), ['File', 'Report type', 'Score', 'Tier', 'Characters', 'Achievements share (%)']);
    assert.ok(en.includes('Vague or formulaic phrase'));
    assert.deepEqual(en.slice(-4), ['Checks switched off', 'of which without a reason', 'Why this tier', 'Note']);
    for (const r of rows) assert.equal(r.length, rows[0].length, 'every row as wide as the header');
  });

  it('one row per report, ranked as the HTML page ranks them, then the files not analysed', () => {
    const ranked = rankReports(input().files);
    assert.equal(rows.length, 1 + ranked.length + 1);
    const shown = rows.slice(1, -1).map((r) => r[0].replace(/^'/, ''));
    assert.deepEqual(shown, ranked.map((f) => f.path));
    const tiers = rows.slice(1, -1).map((r) => r[3]);
    assert.deepEqual(tiers, [...tiers].sort((a, b) => '好中差'.indexOf(a) - '好中差'.indexOf(b)), 'by tier 好 → 中 → 差');
    const last = rows[rows.length - 1];
    assert.equal(last[0], 'x/乱码.txt');
    assert.equal(last[last.length - 1], '未分析：不是 UTF-8 或 GB18030 编码');
    assert.ok(last.slice(1, -1).every((c) => c === ''));
  });

  it('quotes a path with a comma and a quote (RFC 4180), and reads back as it was', () => {
    assert.ok(text.includes('\r\n"reports/张三,""副职"".md",'));
    assert.ok(rows.some((r) => r[0] === 'reports/张三,"副职".md'));
  });

  it('neutralises formulas: a cell starting with = + - @ or a tab gets a leading apostrophe', () => {
    for (const p of HOSTILE_PATHS.slice(1)) assert.ok(rows.some((r) => r[0] === `'${p}`), p);
    for (const r of rows) for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, `a cell a spreadsheet would run: ${c}`);
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell(-1), '-1', 'a number is a number');
    assert.equal(csvCell('a\r\nb'), '"a\r\nb"');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('shows bidirectional controls in a file name as their code points', () => {
    const one = formatCsv({ files: [{ path: '张三\u202excod.exe.md', result: fixture('profile-general-good') }], skipped: [], locale: 'zh', color: false });
    assert.doesNotMatch(one, /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    assert.ok(one.includes('\r\n张三<U+202E>xcod.exe.md,'));
  });

  it('gives the JSON output\'s numbers: score, 字数, shares, topics, each rule\'s count, waivers; the tier and its reasons', () => {
    const json = JSON.parse(formatJson(input(), 'lines')) as JsonReport;
    const head = rows[0];
    const col = (name: string) => head.indexOf(name);
    const ruleCols = [...RULES].sort((a, b) => a.order - b.order);
    let waived = 0;
    for (const r of rows.slice(1, -1)) {
      const f = json.files.find((x) => x.path === r[0].replace(/^'/, ''));
      assert.ok(f, r[0]);
      assert.equal(Number(r[col('得分')]), f.score);
      assert.equal(r[col('档次')], f.tier);
      assert.equal(r[col('述职类型')], f.profile.name);
      assert.equal(Number(r[col('字数')]), f.stats.units);
      for (const [role, word] of [['achievements', '成绩'], ['problems', '问题'], ['causes', '原因'], ['plans', '措施']] as const) {
        assert.ok(Math.abs(Number(r[col(`${word}占比（%）`)]) / 100 - f.stats.shares[role]) < 1e-12, `${r[0]} ${role}`);
      }
      assert.equal(Number(r[col('必述内容已覆盖')]), f.stats.topics.filter((t) => t.covered).length);
      assert.equal(Number(r[col('必述内容应述')]), f.stats.topics.length);
      for (const rule of ruleCols) assert.equal(Number(r[col(rule.name.zh)]), f.stats.ruleCounts[rule.id] ?? 0, `${r[0]} ${rule.id}`);
      const waivers = f.waivers ?? [];
      assert.equal(Number(r[col('已关闭检查')]), waivers.length);
      assert.equal(Number(r[col('其中未说明理由')]), waivers.filter((w) => !w.reason).length);
      waived += waivers.length;
      assert.equal(r[col('定档依据')], (f.tierReasons ?? []).join('；'));
    }
    assert.equal(waived, 2, 'both waiver fixtures are counted');
    const noReason = rows.find((r) => r[0] === 'a/无理由.md') as string[];
    assert.deepEqual([noReason[col('已关闭检查')], noReason[col('其中未说明理由')], noReason[col('关闭检查未说明理由')]], ['1', '1', '1']);
    const withReason = rows.find((r) => r[0] === 'a/有理由.md') as string[];
    assert.deepEqual([withReason[col('已关闭检查')], withReason[col('其中未说明理由')]], ['1', '0']);
  });

  it('lists the files not recognised as reports last, with 未识别为述职报告，未评分 and nothing else', () => {
    const out = parseCsv(formatCsv({ ...input(), unrecognised: ['docs/README.md', '=cmd.md'] }).slice(1));
    const tail = out.slice(-2);
    assert.deepEqual(tail.map((r) => [r[0], r[r.length - 1]]), [['docs/README.md', '未识别为述职报告，未评分'], ["'=cmd.md", '未识别为述职报告，未评分']]);
    for (const r of tail) assert.ok(r.slice(1, -1).every((c) => c === ''), 'not scored');
    assert.equal(out.length, rows.length + 2);
  });

  it('writes an empty batch as its header alone', () => {
    assert.equal(parseCsv(formatCsv({ files: [], skipped: [], locale: 'en', color: false }).slice(1)).length, 1);
  });

  describe('opened by LibreOffice Calc', function () {
    let dir: string;
    let cells: string[][];

    before(function () {
      const soffice = ['soffice', 'libreoffice'].find((name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0);
      if (!soffice) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-csv-'));
      const csv = path.join(dir, '汇总.csv');
      fs.writeFileSync(csv, text, 'utf8');
      // Headless conversion asks for no dialog, so it is told the import options a person would
      // confirm: comma, double quote, UTF-8 (76), from the first row.
      const r = spawnSync(
        soffice as string,
        [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'fods', '--outdir', dir, csv],
        { encoding: 'utf8', timeout: 240000 },
      );
      const out = path.join(dir, '汇总.fods');
      // Writer alone cannot open a CSV: no Calc installed, nothing to check here.
      if (r.status !== 0 || !fs.existsSync(out)) {
        if (/could not be loaded/.test(r.stderr + r.stdout)) this.skip();
        assert.fail(`soffice failed: ${r.stderr}`);
      }
      cells = readFods(fs.readFileSync(out, 'utf8'));
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    it('reads the header in Chinese without the BOM, every report in its row, numbers as numbers, formulas as text', () => {
      assert.deepEqual(cells[0].slice(0, ZH_HEAD.length), ZH_HEAD.map((h) => `s:${h}`));
      assert.equal(cells.length, rows.length);
      for (let i = 1; i < rows.length - 1; i++) {
        assert.equal(cells[i][0], `s:${rows[i][0]}`);
        for (const k of [2, 4, 5, 6, 9]) assert.equal(cells[i][k], `f:${Number(rows[i][k])}`, `row ${i} column ${k}`);
      }
      assert.ok(cells.some((r) => r[0] === `s:'=HYPERLINK("http://evil.example","点我").md`));
      assert.ok(cells.some((r) => r[0] === 's:reports/张三,"副职".md'));
    });
  });
});

/** The cells of a flat ODS spreadsheet as `type:value` (s: text, f: number), repeated cells expanded. */
function readFods(xml: string): string[][] {
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const rows: string[][] = [];
  for (const row of xml.match(/<table:table-row[\s\S]*?<\/table:table-row>/g) ?? []) {
    const cells: string[] = [];
    for (const m of row.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = m[1];
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const type = /office:value-type="(\w+)"/.exec(attrs)?.[1];
      const value = type === 'float' ? `f:${/office:value="([^"]+)"/.exec(attrs)?.[1]}` : type ? `s:${unescape((m[2] ?? '').trim().replace(/<text:tab\/>/g, '\t').replace(/<[^>]+>/g, ''))}` : '';
      for (let k = 0; k < Math.min(repeat, 200); k++) cells.push(value);
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) rows.push(cells);
  }
  return rows;
}
