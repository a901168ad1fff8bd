/**
 * Reports and configuration files in the encodings people use (issue 15): the bytes come from
 * the system's iconv, not from our own encoder, so a mistake on both sides cannot cancel out.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { decodeText, type Decoded } from '../../server/src/node/decode';
import { loadConfigFile } from '../../server/src/node/configFile';

// Tests run from test/out (bundled); the repository root is two folders up.
const ROOT = path.resolve(__dirname, '../..');

/** `text` converted by iconv from UTF-8 to `to`; a BOM is added where asked. */
function iconv(text: string, to: string, bom?: number[]): Buffer {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', to], { input: Buffer.from(text, 'utf8') });
  assert.equal(r.status, 0, `iconv -t ${to}: ${r.stderr}`);
  return bom ? Buffer.concat([Buffer.from(bom), r.stdout]) : r.stdout;
}

function decoded(bytes: Uint8Array): { text: string; encoding: string } {
  const d = decodeText(bytes);
  assert.ok(!('reason' in d), 'reason' in d ? d.reason : '');
  return d;
}

function refused(bytes: Uint8Array): { reason: string; reasonEn: string } {
  const d: Decoded = decodeText(bytes);
  assert.ok('reason' in d, `read as ${'encoding' in d ? d.encoding : ''}: ${'text' in d ? d.text.slice(0, 40) : ''}`);
  return d;
}

/** The sample reports and a fixture with characters outside the BMP (𠮷, an emoji). */
const REPORTS = [
  ...fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.md')).map((f) => path.join('samples', f)),
  'test/fixtures/text-non-bmp/input.md',
].map((rel) => ({ rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') }));

describe('decoding text files (node/decode.ts)', () => {
  before(function () {
    if (spawnSync('iconv', ['--version']).status !== 0) assert.fail('iconv is needed to make the encoded files (Debian: libc-bin)');
  });

  it('has real reports to convert', () => {
    assert.ok(REPORTS.length >= 4);
    assert.ok(REPORTS.some((r) => r.text.includes('𠮷')));
  });

  for (const { rel, text } of REPORTS) {
    it(`reads ${rel} the same in UTF-8, UTF-8 with BOM, GB18030, UTF-16 LE and BE, and finds the same`, () => {
      const variants: [string, Buffer][] = [
        ['utf-8', Buffer.from(text, 'utf8')],
        ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
        ['gb18030', iconv(text, 'GB18030')],
        ['utf-16le', iconv(text, 'UTF-16LE', [0xff, 0xfe])],
        ['utf-16be', iconv(text, 'UTF-16BE', [0xfe, 0xff])],
      ];
      const expected = analyze(text);
      for (const [encoding, bytes] of variants) {
        const d = decoded(bytes);
        assert.equal(d.encoding, encoding);
        assert.equal(d.text, text, encoding);
        assert.deepEqual(analyze(d.text), expected, encoding);
      }
    });
  }

  it('keeps 𠮷 (four bytes in GB18030) and other characters outside the BMP', () => {
    const text = '# 述职报告\n\n我叫𠮷某某，和同事𠮷小某😀一起带新人。\n';
    const bytes = iconv(text, 'GB18030');
    assert.ok(bytes.includes(Buffer.from([0x95, 0x34, 0xb2, 0x35])), 'iconv wrote 𠮷 as four bytes');
    assert.deepEqual(decoded(bytes), { text, encoding: 'gb18030' });
  });

  it("reads iconv's plain UTF-16 (a BOM in the machine's order)", () => {
    const text = REPORTS[0].text;
    const d = decoded(iconv(text, 'UTF-16'));
    assert.equal(d.text, text);
    assert.match(d.encoding, /^utf-16(le|be)$/);
  });

  it('drops the GB18030 byte-order mark (84 31 95 33) as it drops UTF-8 and UTF-16 ones', () => {
    const text = '一、主要工作\n';
    assert.deepEqual(decoded(Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv(text, 'GB18030')])), { text, encoding: 'gb18030' });
  });

  it('reads a GB18030 file with CRLF and DOS end-of-file mark, and a one-character one', () => {
    const text = '述职报告\r\n\r\n一、主要工作\r\n\u001a';
    assert.deepEqual(decoded(iconv(text, 'GB18030')), { text, encoding: 'gb18030' });
    assert.deepEqual(decoded(iconv('述', 'GB18030')), { text: '述', encoding: 'gb18030' });
  });

  it('never takes valid UTF-8 for GB18030, however short', () => {
    for (const text of ['', 'a', '\n', '# 述职', '述', '中文', 'é', '𠮷', '\ufffd', '“一是”']) {
      const bom = decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      assert.deepEqual(decoded(Buffer.from(text)), { text, encoding: 'utf-8' }, text);
      assert.deepEqual(bom, { text, encoding: 'utf-8-bom' }, text);
    }
    // The known limit of "valid UTF-8 wins": 一 in GB18030 is D2 BB, which is also UTF-8 (һ).
    // No real report is that short: a line of Chinese in GB18030 is practically never valid UTF-8.
    assert.deepEqual(decoded(iconv('一', 'GB18030')), { text: '\u04bb', encoding: 'utf-8' });
    assert.equal(decoded(iconv('一、主要工作', 'GB18030')).encoding, 'gb18030');
  });

  it('refuses damaged UTF-8 (cut mid-character, one bad byte) instead of reading it as GB18030', () => {
    const utf8 = Buffer.from(REPORTS[0].text, 'utf8');
    // Cut inside the last character, as a copy broken off or `head -c` would.
    let cut = 1000;
    while ((utf8[cut] & 0xc0) !== 0x80) cut++;
    const r = refused(utf8.subarray(0, cut));
    assert.match(r.reason, /^文件不是有效的 UTF-8 文本（偏移 \d+ 字节处编码损坏/);
    assert.match(r.reasonEn, /^file is not valid UTF-8 \(broken at byte offset \d+/);
    const bad = Buffer.from(utf8);
    const at = bad.indexOf(Buffer.from('述', 'utf8'));
    bad[at + 1] = 0x41;
    assert.match(refused(bad).reason, new RegExp(`偏移 ${at} 字节处`));
  });

  it('refuses binary files: NUL bytes, control characters, bytes in no encoding it reads', () => {
    assert.match(refused(Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02, 0x0a])).reason, /^文件含 NUL 字节，像是二进制文件$/);
    // UTF-16 with a BOM whose text holds NUL characters (UTF-32 LE starts with FF FE too).
    assert.match(refused(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00, 0x42, 0x00])).reason, /NUL 字符/);
    assert.match(refused(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])).reason, /^文件不是有效的 UTF-16 文本$/);
    // Decodable as GB18030 but with control characters no text holds.
    assert.match(refused(Buffer.from([0xb6, 0xfe, 0x01, 0x02, 0xc0, 0xa1, 0x7f])).reason, /控制字符/);
    // Latin-1 "Résumé\n": neither UTF-8 nor GB18030 (E9 0A is no GB18030 pair).
    const latin1 = refused(Buffer.from([0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x0a]));
    assert.equal(latin1.reason, '文件不是有效的 UTF-8 文本，也不是 GB18030 文本（请另存为 UTF-8 编码）');
    assert.equal(latin1.reasonEn, 'file is neither valid UTF-8 nor GB18030 (save it as UTF-8)');
    assert.match(refused(Buffer.from([0xff, 0x0a, 0xff, 0x0a])).reason, /也不是 GB18030/);
  });
});

describe('configuration files in GB18030 and UTF-16 (node/configFile.ts)', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-encoding-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const KNOWN = { profileIds: ['general', 'branch-secretary'] };
  const CONFIG = `{
  "profile": "社区网格员",
  "profiles": [
    { "id": "grid", "name": "社区网格员述职", "aliases": ["社区网格员", "网格员𠮷"], "thresholds": { "maxUnits": 1500 } }
  ],
  "lexicon": { "allow": ["进一步"] }
}
`;
  const EXPECTED = {
    profile: '社区网格员',
    profiles: [{ id: 'grid', name: '社区网格员述职', aliases: ['社区网格员', '网格员𠮷'], thresholds: { maxUnits: 1500 } }],
    lexicon: { allow: ['进一步'] },
  };

  for (const [label, bytes] of [
    ['GB18030 JSON', () => iconv(CONFIG, 'GB18030')],
    ['UTF-16 BE JSON', () => iconv(CONFIG, 'UTF-16BE', [0xfe, 0xff])],
  ] as const) {
    it(`reads a ${label} .duty-report.json with Chinese profile names`, () => {
      const file = path.join(tmp, label.replace(/\W+/g, '-'), '.duty-report.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes());
      assert.deepEqual(loadConfigFile(file, KNOWN), { path: file, config: EXPECTED, problems: [] });
    });
  }

  it('reads a GB18030 YAML configuration', () => {
    const file = path.join(tmp, 'yaml', '.duty-report.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, iconv('profile: 党员\nlexicon:\n  allow: [进一步, 𠮷]\n', 'GB18030'));
    assert.deepEqual(loadConfigFile(file, KNOWN), { path: file, config: { profile: '党员', lexicon: { allow: ['进一步', '𠮷'] } }, problems: [] });
  });

  it('reads a configuration in no encoding it knows as UTF-8, as before, and warns at 0:0', () => {
    const file = path.join(tmp, 'latin1', '.duty-report.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A Latin-1 "café" in a comment: neither UTF-8 nor GB18030.
    fs.writeFileSync(file, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nprofile: branch-secretary\n')]));
    const r = loadConfigFile(file, KNOWN);
    assert.deepEqual(r.config, { profile: 'branch-secretary' });
    assert.equal(r.problems.length, 1);
    const [p] = r.problems;
    assert.equal(p.severity, 'warning');
    assert.deepEqual(p.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(p.message, `配置文件 ${file}：文件不是有效的 UTF-8 文本，也不是 GB18030 文本（请另存为 UTF-8 编码）。已按 UTF-8 读取，无法识别的字节显示为 �。`);
    assert.match(p.messageEn, /: file is neither valid UTF-8 nor GB18030 \(save it as UTF-8\)\. It was read as UTF-8/);
  });
});
