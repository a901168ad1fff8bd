import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, BUILTIN_LEXICON, BUILTIN_PROFILES, RULES } from '../../server/src/core/index';
import type { AnalysisResult, Locale } from '../../server/src/core/types';

/**
 * What a cadre reads names its sources as a cadre would: by the document's title and clause,
 * never by our file numbers ("002", "seed 003"), never with our editing notes, and without
 * our jargon ("front matter", "画像") in Chinese. Issue 17. Every message the checker gives on
 * the samples and fixtures, in both languages, and the rule, profile and lexicon texts are read.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** A file number of ours: 000–004 on its own, or "seed" in any form. */
const CODES = /seed|(?<![\d.,\-/:])00[0-4](?![\d.])/i;
/** Notes to ourselves left in user text, e.g. （原文“2015年度…”，去掉年份）. */
const EDITING_NOTES = /原文“|去掉年份|TODO|FIXME/;
/** Words of ours in Chinese user text. */
const JARGON_ZH = /front matter|画像/i;

function drafts(): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'samples'))) if (f.endsWith('.md')) out.push(fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8'));
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const d of fs.readdirSync(fixtures)) {
    const p = path.join(fixtures, d, 'input.md');
    if (fs.existsSync(p)) out.push(fs.readFileSync(p, 'utf8'));
  }
  return out;
}

function texts(r: AnalysisResult): string[] {
  const out = [r.profile.name, r.profile.reason, ...(r.tierReasons ?? [])];
  for (const f of r.findings) {
    out.push(f.message);
    if (f.fix) out.push(f.fix.title, f.fix.newText);
    for (const rel of f.related ?? []) out.push(rel.message);
  }
  return out;
}

function offences(strings: Iterable<string>, locale: Locale): string[] {
  const bad = new Set<string>();
  for (const s of strings) {
    if (typeof s !== 'string') continue;
    if (CODES.test(s) || EDITING_NOTES.test(s) || (locale === 'zh' && JARGON_ZH.test(s))) bad.add(s.length > 160 ? s.slice(0, 160) + '…' : s);
  }
  return [...bad];
}

describe('user-facing wording', function () {
  this.timeout(120000);
  const all = drafts();

  for (const locale of ['zh', 'en'] as const) {
    it(`cites no file numbers, editing notes or jargon in any message (${locale})`, () => {
      const seen: string[] = [];
      for (const text of all) seen.push(...texts(analyze(text, { locale })));
      assert.ok(seen.length > 200, `${seen.length} messages read`);
      assert.deepEqual(offences(seen, locale), []);
    });
  }

  it('cites no file numbers in the rules, profiles and lexicon', () => {
    const zh: string[] = [];
    const en: string[] = [];
    for (const r of RULES) {
      zh.push(r.name.zh, r.description.zh, r.source);
      en.push(r.name.en, r.description.en);
    }
    for (const p of BUILTIN_PROFILES) {
      zh.push(p.name, p.source, ...p.topics.flatMap((t) => [t.title, t.source ?? '']));
      en.push(p.nameEn);
    }
    for (const e of BUILTIN_LEXICON.entries) zh.push(e.reason, e.suggest ?? '');
    for (const k of BUILTIN_LEXICON.kinds) zh.push(k.name, k.description ?? '');
    assert.deepEqual(offences(zh, 'zh'), []);
    assert.deepEqual(offences(en, 'en'), []);
  });
});
