/**
 * The "get started" walkthrough of package.json: every step in both languages, its media shipped
 * and localised, its buttons running commands that exist, and its Chinese in plain words.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; svg?: string; image?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}

const pkg = JSON.parse(read('package.json'));
const NLS: Record<string, Record<string, string>> = {
  en: JSON.parse(read('package.nls.json')),
  zh: JSON.parse(read('package.nls.zh-cn.json')),
};
/** A manifest string as VS Code shows it in a language: %key% replaced from that nls file. */
const localise = (s: string, lang: string) => s.replace(/^%(.+)%$/, (_, k: string) => NLS[lang][k] ?? s);

/** Commands of the workbench itself that a step's button may run. */
const WORKBENCH_COMMANDS = ['workbench.panel.markers.view.focus', 'workbench.actions.view.problems'];

/** Everything a reader sees of the walkthrough in a language: titles, descriptions, media text. */
function texts(w: Walkthrough, lang: string): { where: string; text: string }[] {
  const out = [
    { where: 'title', text: localise(w.title, lang) },
    { where: 'description', text: localise(w.description, lang) },
  ];
  for (const s of w.steps) {
    out.push({ where: `${s.id}.title`, text: localise(s.title, lang) });
    out.push({ where: `${s.id}.description`, text: localise(s.description, lang) });
    const media = s.media.markdown && localise(s.media.markdown, lang);
    if (media) out.push({ where: media, text: read(media) });
  }
  return out;
}

/** What is prose: without command links' targets, fenced code (a sample outline) and inline code. */
function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\(command:[^)]*\)/g, ']');
}

describe('walkthrough', function () {
  const walkthroughs: Walkthrough[] = pkg.contributes.walkthroughs ?? [];

  it('exists, with the four steps of the first hour', function () {
    assert.equal(walkthroughs.length, 1);
    const w = walkthroughs[0];
    assert.deepEqual(
      w.steps.map((s) => s.id),
      ['outline', 'problems', 'scorecard', 'export'],
    );
    const events = w.steps.flatMap((s) => s.completionEvents ?? []);
    for (const cmd of ['dutyReport.insertOutline', 'dutyReport.showScorecard', 'dutyReport.exportWord', 'dutyReport.exportFindings']) {
      assert.ok(events.includes(`onCommand:${cmd}`), `a step is done by running ${cmd}`);
    }
  });

  it('takes every string from the nls files, so it follows the display language', function () {
    for (const w of walkthroughs) {
      const strings = [w.title, w.description, ...w.steps.flatMap((s) => [s.title, s.description, ...Object.values(s.media)])];
      for (const s of strings) assert.match(s, /^%[\w.-]+%$/, `${s} is not an nls key`);
    }
  });

  it('has localised media that exists and ships in the .vsix', function () {
    const ignore = read('.vscodeignore').split('\n');
    for (const s of walkthroughs.flatMap((w) => w.steps)) {
      assert.ok(s.media.markdown, `${s.id}: markdown media`);
      const en = localise(s.media.markdown, 'en');
      const zh = localise(s.media.markdown, 'zh');
      assert.notEqual(en, zh, `${s.id}: one media file for both languages`);
      for (const file of [en, zh]) {
        assert.ok(fs.existsSync(path.join(ROOT, file)), file);
        // .vscodeignore excludes everything (**) and lets back in folders by `!folder/**`.
        assert.ok(ignore.includes(`!${file.split('/')[0]}/**`), `${file} is left out of the .vsix by .vscodeignore`);
      }
    }
  });

  it('has buttons only for commands that exist', function () {
    const declared = pkg.contributes.commands.map((c: { command: string }) => c.command);
    for (const lang of ['en', 'zh']) {
      for (const w of walkthroughs) {
        for (const { where, text } of texts(w, lang)) {
          for (const [, cmd] of text.matchAll(/\(command:([\w.]+)/g)) {
            assert.ok(declared.includes(cmd) || WORKBENCH_COMMANDS.includes(cmd), `${lang} ${where}: unknown command ${cmd}`);
          }
        }
      }
      const steps = walkthroughs.flatMap((w) => w.steps);
      for (const s of steps) assert.match(localise(s.description, lang), /\]\(command:/, `${lang} ${s.id}: a step has a button`);
    }
  });

  it('speaks plain Chinese: no English, no rule ids, no jargon, no file numbers', function () {
    // Latin words a writer meets on the keyboard or in the file types named.
    const allowed = new Set(['Ctrl', 'Cmd', 'Mac', 'Word', 'Markdown', 'CSV']);
    for (const w of walkthroughs) {
      for (const { where, text } of texts(w, 'zh')) {
        const p = prose(text);
        const english = [...p.matchAll(/[A-Za-z][A-Za-z-]*/g)].map((m) => m[0]).filter((word) => !allowed.has(word));
        assert.deepEqual(english, [], `${where}: English words`);
        for (const id of RULE_IDS) assert.ok(!text.includes(id), `${where}: rule id ${id}`);
        assert.doesNotMatch(text, /front matter|画像|seed|profile|(?<!\d)0\d\d(?!\d)/i, where);
        assert.match(p, /[\u4e00-\u9fff]/, `${where}: no Chinese`);
      }
    }
  });

  it('speaks English in English: Chinese only in a sample outline or in quotes', function () {
    for (const w of walkthroughs) {
      for (const { where, text } of texts(w, 'en')) {
        const p = prose(text).replace(/"[^"]*"/g, ' ');
        assert.doesNotMatch(p, /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/, `${where}: Chinese outside quotes and the sample`);
        // A one-word id ("unfilled") is also plain English; the hyphenated ones are not.
        for (const id of RULE_IDS.filter((r) => r.includes('-'))) assert.ok(!text.includes(id), `${where}: rule id ${id}`);
      }
    }
  });
});
