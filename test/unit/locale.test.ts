import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, BUILTIN_LEXICON } from '../../server/src/core/index';
import type { AnalysisResult, Finding, Locale } from '../../server/src/core/types';
import { ROLE_NAMES } from '../../server/src/core/signals';
import { hover } from '../../server/src/lsp/features/hover';

/**
 * English is a second language of the product, not a summary of the Chinese (issue 17): every
 * message the checker gives on the samples and fixtures is read in both locales. English text
 * holds Chinese only where it quotes the report (“…”, 「…」, "…") or cites a document by its
 * Chinese title (《…》); Chinese text holds no English words; and an English message carries
 * what its Chinese twin carries: the same quoted report text, document titles and figures, at
 * a length that could hold the same advice.
 */
const ROOT = path.resolve(__dirname, '..', '..');

function drafts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'samples'))) if (f.endsWith('.md')) out.push({ name: `samples/${f}`, text: fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8') });
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const d of fs.readdirSync(fixtures)) {
    const p = path.join(fixtures, d, 'input.md');
    if (fs.existsSync(p)) out.push({ name: d, text: fs.readFileSync(p, 'utf8') });
  }
  return out;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Chinese punctuation that has no place in English prose outside a quotation. */
const CJK_PUNCT = /[，。；：！？（）、【】]/;
/** Report text and document titles, which stay as written in either language. */
const QUOTED = /“[^”]*”|「[^」]*」|"[^"]*"|《[^》]*》|‘[^’]*’/g;
/** Markup a Chinese message may show verbatim: an inline comment to copy, a rule's own syntax. */
const VERBATIM_ZH = /<!--[\s\S]*?-->/g;
/** Latin that belongs in Chinese text: a standard's code, placeholders the drafts use (20XX年, X次), file kinds. */
const LATIN_OK_ZH = /^(?:GB|T|X+|XX年|Markdown|HTML|Word|Ctrl)$/;

/** The quoted pieces of a message, quotation marks removed. */
function quotes(s: string, re: RegExp = /“([^”]*)”|「([^」]*)」/g): string[] {
  return [...s.matchAll(re)].map((m) => m[1] ?? m[2] ?? '');
}
const titles = (s: string) => [...s.matchAll(/《[^》]*》/g)].map((m) => m[0]);
/** Figures a reader acts on (a share, a count, a limit), thousands separators ignored. */
const figures = (s: string) => [...s.replace(QUOTED, ' ').replace(/(\d),(\d{3})/g, '$1$2').matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

interface Said {
  where: string;
  /** The draft, to tell its own text from our words in a quotation. */
  text: string;
  zh: string;
  en: string;
}

/** Each user-facing text of a result, paired with its twin of the other locale. */
function pairs(name: string, text: string, zh: AnalysisResult, en: AnalysisResult): Said[] {
  const out: Said[] = [];
  const push = (where: string, a: string | undefined, b: string | undefined) => {
    if (a !== undefined && b !== undefined) out.push({ where: `${name}: ${where}`, zh: a, en: b, text });
  };
  push('profile', zh.profile.name, en.profile.name);
  push('profile reason', zh.profile.reason, en.profile.reason);
  (zh.tierReasons ?? []).forEach((r, i) => push('tier reason', r, en.tierReasons?.[i]));
  assert.equal(zh.findings.length, en.findings.length, `${name}: the same findings in both locales`);
  zh.findings.forEach((f: Finding, i) => {
    const g = en.findings[i];
    assert.equal(f.rule, g.rule, `${name}: finding ${i}`);
    push(f.rule, f.message, g.message);
    push(`${f.rule} fix title`, f.fix?.title, g.fix?.title);
    (f.related ?? []).forEach((r, j) => push(`${f.rule} related`, r.message, g.related?.[j]?.message));
  });
  return out;
}

function all(): Said[] {
  const out: Said[] = [];
  for (const { name, text } of drafts()) out.push(...pairs(name, text, analyze(text, { locale: 'zh' }), analyze(text, { locale: 'en' })));
  return out;
}

const show = (s: Said, locale: Locale) => `${s.where}\n    ${locale === 'zh' ? s.zh : s.en}`;

describe('both locales in full', function () {
  this.timeout(120000);
  let said: Said[];
  before(() => {
    said = all();
  });

  it('reads a fair number of messages', () => {
    assert.ok(said.length > 300, `${said.length}`);
  });

  it('writes English with Chinese only in quotations and document titles', () => {
    const bad = said.filter((s) => {
      const bare = s.en.replace(QUOTED, ' ');
      return HAN.test(bare) || CJK_PUNCT.test(bare);
    });
    assert.deepEqual([...new Set(bad.map((s) => show(s, 'en')))], []);
  });

  it('writes Chinese with no English words outside quotations', () => {
    const bad = said.filter((s) => {
      const bare = s.zh.replace(VERBATIM_ZH, ' ').replace(QUOTED, ' ');
      return [...bare.matchAll(/[A-Za-z]+(?:年)?/g)].some((m) => !LATIN_OK_ZH.test(m[0]) && m[0].length > 1);
    });
    assert.deepEqual([...new Set(bad.map((s) => show(s, 'zh')))], []);
  });

  it('quotes in English the report text the Chinese quotes', () => {
    // A quotation of the draft's own text or a document title in Chinese reappears in English
    // (nested quotes may change from ‘’ to “”); our own words (a part's name, an example in
    // advice) are translated and may not.
    const bad: string[] = [];
    const flat = (s: string) => s.replace(/[‘’“”"]/g, '');
    for (const s of said) {
      const en = flat(s.en);
      const fromDraft = quotes(s.zh).filter((q) => HAN.test(q) && !LEXICON_WORDS.includes(q) && (s.text.includes(q) || s.text.includes(q.replace(/‘/g, '“').replace(/’/g, '”'))));
      const lost = [...fromDraft.filter((q) => !en.includes(flat(q))), ...titles(s.zh).filter((t) => !en.includes(flat(t)))];
      const translated = lost.filter((q) => !TRANSLATED_TERMS.has(q));
      if (translated.length) bad.push(`${show(s, 'en')}\n    lacks ${translated.join(' ')}\n    zh: ${s.zh}`);
    }
    assert.deepEqual([...new Set(bad)], []);
  });

  it('gives in English the figures the Chinese gives', () => {
    const bad: string[] = [];
    for (const s of said) {
      const en = new Set(figures(s.en));
      const lost = figures(s.zh).filter((n) => !en.has(n));
      if (lost.length) bad.push(`${show(s, 'en')}\n    lacks ${lost.join(' ')}\n    zh: ${s.zh}`);
    }
    assert.deepEqual([...new Set(bad)], []);
  });

  it('says as much in English as in Chinese', () => {
    // English takes about twice the characters of Chinese for the same advice (the rule pages
    // run 2–3x); under 1.4x outside the quotations, advice has been dropped.
    const bad: string[] = [];
    for (const s of said) {
      const zh = s.zh.replace(QUOTED, '').length;
      const en = s.en.replace(QUOTED, '').length;
      if (zh >= 20 && en < zh * 1.4) bad.push(`${show(s, 'en')}\n    ${en} vs ${zh} characters\n    zh: ${s.zh}`);
    }
    assert.deepEqual([...new Set(bad)], []);
  });
});

describe('the client follows dutyReport.locale', function () {
  it('writes every UI string through client/src/l10n.ts, which reads the setting', () => {
    // vscode.l10n.t and vscode.env.language follow the editor's display language only: a Chinese
    // UI set to "en" (or the reverse) would show the other language on buttons and notifications.
    const dir = path.join(ROOT, 'client', 'src');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'l10n.ts')) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.ok(!/vscode\.l10n\.t\(/.test(src), `${f} calls vscode.l10n.t; use l10n.t from ./l10n`);
      assert.ok(!/vscode\.env\.language/.test(src), `${f} reads the editor's language; use l10n.uiLocale()`);
    }
    const l10n = fs.readFileSync(path.join(dir, 'l10n.ts'), 'utf8');
    assert.match(l10n, /getConfiguration\('dutyReport'\)\.get<string>\('locale'\)/);
  });
});

describe('editor text in English', function () {
  this.timeout(120000);

  it('gives hovers with no Chinese outside quotations and titles', () => {
    const bad = new Set<string>();
    for (const { name, text } of drafts()) {
      const r = analyze(text, { locale: 'en' });
      for (const f of r.findings) {
        const h = hover(r, f.range.start, 'en', 'https://example.invalid/docs/rules');
        const value = String((h?.contents as { value?: string } | undefined)?.value ?? '');
        // Markdown code spans hold rule ids and comment syntax, copied as they are.
        const bare = value.replace(/`[^`]*`/g, ' ').replace(QUOTED, ' ');
        for (const line of bare.split('\n')) if (HAN.test(line) || CJK_PUNCT.test(line)) bad.add(`${f.rule}: ${line}`);
      }
    }
    assert.deepEqual([...bad], []);
  });
});

/**
 * Chinese words our messages quote as names of our own things, which English translates: the
 * parts of the outline, phrase kinds. Report text is never listed here.
 */
const TRANSLATED_TERMS = new Set<string>(Object.values(ROLE_NAMES).map((n) => n.zh));

/** The lexicon's advice, whose own quotations its English text translates (lexicon.json reasonEn). */
const LEXICON_WORDS = BUILTIN_LEXICON.entries.map((e) => `${e.reason}\n${e.suggest ?? ''}`).join('\n');
