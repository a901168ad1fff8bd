'use strict';
// The writer's first hour (issue 17) in a real VS Code, once in Chinese and once in English:
// the quick-fix menu, a hover, the scorecard and the walkthrough, photographed and read from the
// DOM. What is ours must be in the display language, with no rule id outside the diagnostic
// code and no menu entry twice. VS Code's own words (menu group headers, "View Problem", "Mark
// Done") are English in both set-ups: no Chinese VS Code translation can be installed offline,
// so the Chinese set-up runs VS Code in zh-cn with an empty language pack (see codeServer.js).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./codeServer');
const { pollUntil } = require('./workbench');
const { useSession } = require('./session');

const { RULE_IDS } = require(path.join(ROOT, 'server', 'out', 'core.js'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const SOURCE = '述职报告助手';
const WALKTHROUGH = pkg.contributes.walkthroughs[0];
const WALKTHROUGH_ID = `${pkg.publisher}.${pkg.name}#${WALKTHROUGH.id}`;
// A key no one else uses, bound to open our walkthrough: the palette cannot pass an argument.
const OPEN_WALKTHROUGH_KEY = { binding: 'ctrl+alt+shift+w', press: 'Control+Alt+Shift+W' };

// Achievements only: two missing-part findings on the same heading (one menu, no duplicates).
const MISSING = '档案馆述职报告.md';
const MISSING_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'rule-missing-section-positive', 'input.md');
// Formulaic phrases: rewrite fixes and their hovers.
const VAGUE = '安全生产述职报告.md';
const VAGUE_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'rule-vague-phrase-positive', 'input.md');
const REPORT_TEXTS = [MISSING_FIXTURE, VAGUE_FIXTURE].map((f) => fs.readFileSync(f, 'utf8'));

const SETUPS = [
  { lang: 'zh', locale: 'zh-cn', nls: 'package.nls.zh-cn.json', scorecardTab: /评分卡/ },
  { lang: 'en', locale: undefined, nls: 'package.nls.json', scorecardTab: /Scorecard/ },
];

/** Quotations: report text, a document's title, a heading or a hint in brackets. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|《[^》\n]*》|【[^】\n]*】|「[^」\n]*」/g;
const CJK_RUN = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;
/** Latin words a Chinese UI may use: file types, keys. */
const LATIN_OK = new Set(['HTML', 'CSV', 'JSON', 'SARIF', 'Word', 'Markdown', 'Ctrl', 'Cmd', 'Mac']);

/**
 * `text` without quotations and without the pieces (4 characters or more) copied verbatim from
 * the report: its headings, items and sentences are shown as the writer wrote them.
 */
function withoutReportText(text) {
  let out = '';
  const rest = text.replace(QUOTED, ' ');
  for (let i = 0; i < rest.length; ) {
    let j = rest.length;
    // The longest verbatim piece starting here.
    while (j - i >= 4 && !REPORT_TEXTS.some((t) => t.includes(rest.slice(i, j)))) j--;
    if (j - i >= 4) {
      out += ' ';
      i = j;
    } else {
      out += rest[i];
      i++;
    }
  }
  return out;
}

/** Chinese (characters or punctuation) in an English string, outside quotations and report text. */
function strayChinese(text) {
  return withoutReportText(text).match(CJK_RUN) ?? [];
}

/** English words in a Chinese string, outside quotations, report text and LATIN_OK. */
function strayEnglish(text) {
  return (withoutReportText(text).match(/[A-Za-z][A-Za-z'-]*/g) ?? []).filter((w) => !LATIN_OK.has(w));
}

/** The hyphenated rule ids in `text` (one-word ids are ordinary English words). */
function ruleIds(text) {
  return RULE_IDS.filter((id) => id.includes('-') && text.includes(id));
}

/** Asserts that each of our strings is in `lang` and names no rule by its id. */
function assertOurs(lang, strings, where) {
  for (const s of strings) {
    const stray = lang === 'zh' ? strayEnglish(s) : strayChinese(s);
    assert.deepStrictEqual(stray, [], `${where}: ${lang === 'zh' ? 'English' : 'Chinese'} in ${JSON.stringify(s)}`);
    assert.deepStrictEqual(ruleIds(s), [], `${where}: a rule id in ${JSON.stringify(s)}`);
  }
}

for (const setup of SETUPS) {
  const { lang } = setup;
  const nls = JSON.parse(fs.readFileSync(path.join(ROOT, setup.nls), 'utf8'));
  const t = (key) => nls[key.replace(/^%|%$/g, '')];

  describe(`the first hour in ${lang === 'zh' ? 'Chinese' : 'English'} (code-server)`, function () {
    this.timeout(180000);

    const session = useSession(
      `first-hour-${lang}`,
      () => ({ [MISSING]: fs.readFileSync(MISSING_FIXTURE, 'utf8'), [VAGUE]: fs.readFileSync(VAGUE_FIXTURE, 'utf8') }),
      {},
      {
        locale: setup.locale,
        keybindings: [{ key: OPEN_WALKTHROUGH_KEY.binding, command: 'workbench.action.openWalkthrough', args: WALKTHROUGH_ID }],
      },
    );
    let wb;
    before(() => ({ wb } = session));

    /** Opens `file`, waits for our finding of `rule`, and puts the cursor on it from the Problems panel. */
    async function goToFinding(file, rule) {
      await wb.dismissWidgets();
      await wb.page.keyboard.press('Control+1');
      await wb.quickOpen(file);
      await wb.showProblems(SOURCE);
      const [finding] = await pollUntil(
        async () => (await wb.problems()).filter((m) => path.basename(m.file ?? '') === file && m.source.includes(SOURCE) && m.code.includes(rule)),
        { timeout: 60000, what: `a ${rule} finding in ${file}` },
      );
      await wb.problemRow(finding).dblclick();
      await pollUntil(() => wb.page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), { timeout: 10000, what: 'the editor to take focus' });
      return finding;
    }

    it('runs the extension in the display language', async function () {
      // The server is told the editor's language; Chinese findings prove vscode.env.language.
      const finding = await goToFinding(VAGUE, 'vague-phrase');
      assertOurs(lang, [finding.message], 'a finding in the Problems panel');
      assert.match(finding.message, lang === 'zh' ? /[\u4e00-\u9fff]{4}/ : /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    });

    it('the quick-fix menu offers our fixes in the display language, each once', async function () {
      for (const [file, rule, shot] of [
        [VAGUE, 'vague-phrase', '1-quick-fix-rewrite'],
        [MISSING, 'missing-section', '1-quick-fix-missing-part'],
      ]) {
        await goToFinding(file, rule);
        const rows = await wb.openQuickFixMenu();
        await session.shot(shot);
        await wb.page.keyboard.press('Escape');
        const titles = rows.map((r) => r.title);
        assert.deepStrictEqual(
          titles.filter((x, i) => titles.indexOf(x) !== i),
          [],
          `${file}: entries shown twice in ${JSON.stringify(titles)}`,
        );
        // Ours: the quick-fix group, listed first. Further groups (Surround With …) are VS Code's.
        const ours = rows.filter((r) => r.group === rows[0].group).map((r) => r.title);
        const expected =
          rule === 'vague-phrase'
            ? lang === 'zh' ? [/^改写“/, /^本行不再检查“空话套话”$/] : [/^Rewrite "/, /^Disable "Vague or formulaic phrase" for this line$/]
            : lang === 'zh' ? [/^插入“存在的问题”部分$/, /^本行不再检查“缺少部分”$/] : [/^Insert the part on problems and shortcomings, "存在的问题"$/, /^Disable "Missing part" for this line$/];
        for (const re of expected) assert.ok(ours.some((x) => re.test(x)), `${file}: no ${re} among ${JSON.stringify(ours)}`);
        assertOurs(lang, ours, `${file}: the quick-fix menu`);
      }
    });

    it('a hover on a finding explains it in the display language', async function () {
      await goToFinding(VAGUE, 'vague-phrase');
      // Both parts: the problem's and our hover provider's.
      const hover = await wb.showHover((h) => h.markers.length > 0 && h.markdown.length > 0);
      await session.shot('2-hover');
      await wb.page.keyboard.press('Escape');
      assert.ok(hover.markers.length >= 1 && hover.markdown.length >= 1, JSON.stringify(hover));
      // The marker part: our message; beside it the source and the rule id as the diagnostic
      // code, the one place an id belongs.
      const ourMarkers = hover.markers.filter((m) => m.source === SOURCE);
      assert.ok(ourMarkers.some((m) => m.code === 'vague-phrase'), JSON.stringify(hover.markers));
      assertOurs(lang, ourMarkers.map((m) => m.message), 'the hover (message)');
      // Our hover: the rule's name, what it asks, its source and how to fix it.
      assertOurs(lang, hover.markdown, 'the hover');
      const text = hover.markdown.join('\n');
      assert.match(text, lang === 'zh' ? /空话套话[\s\S]*要求[\s\S]*依据[\s\S]*如何修改/ : /Vague or formulaic phrase[\s\S]*What it asks[\s\S]*Source/);
    });

    it('the scorecard is in the display language', async function () {
      await wb.dismissWidgets();
      await wb.page.keyboard.press('Control+1');
      await wb.quickOpen(VAGUE);
      // By its title in the palette: the command's title follows the display language too.
      await wb.runCommand(t('command.showScorecard'));
      const frame = await wb.webviewFrame('#dr-root .dr-card');
      // <q> is a quotation (the browser draws its marks); they are written out for the checks.
      const text = await pollUntil(
        () =>
          frame.evaluate(() => {
            const root = document.getElementById('dr-root');
            if (!root) return '';
            const copy = root.cloneNode(true);
            for (const q of copy.querySelectorAll('q')) q.textContent = `“${q.textContent}”`;
            document.body.append(copy);
            const text = copy.innerText;
            copy.remove();
            return text;
          }),
        {
          timeout: 20000,
          what: 'the scorecard text',
        },
      );
      await session.shot('3-scorecard');
      const tab = wb.page.locator('.tabs-container .tab', { hasText: setup.scorecardTab });
      assert.equal(await tab.count(), 1, 'the scorecard tab, titled in the display language');
      // Without the file's name: the writer's own words.
      const tabTitle = (await tab.innerText()).replace(VAGUE, '').trim();
      const lines = text.replaceAll(VAGUE, '').split('\n').map((l) => l.trim()).filter(Boolean);
      assertOurs(lang, [tabTitle, ...lines], 'the scorecard');
      assert.match(text, lang === 'zh' ? /\d+\/100[\s\S]*扣 \d/ : /\d+\/100[\s\S]*points lost/);
    });

    it('the walkthrough is in the display language, each step with its own media', async function () {
      const details = wb.page.locator('.gettingStartedSlideDetails');
      const title = details.locator('.category-title');
      // From the editor, where the key binding applies; pressed again if the first press came
      // before the workbench took it.
      // The whole window for it, as on a first start: the scorecard's group closed.
      await wb.runCommand('View: Close All Editor Groups');
      await wb.quickOpen(VAGUE);
      await pollUntil(
        async () => {
          if (!(await title.isVisible().catch(() => false))) await wb.page.keyboard.press(OPEN_WALKTHROUGH_KEY.press);
          return (await title.innerText({ timeout: 2000 }).catch(() => '')) === t(WALKTHROUGH.title);
        },
        { timeout: 20000, interval: 2000, what: `the walkthrough titled ${t(WALKTHROUGH.title)}` },
      );
      const seen = [await title.innerText(), await details.locator('.category-description').innerText()];
      const steps = details.locator('.getting-started-step');
      assert.deepStrictEqual(
        (await steps.locator('.step-title').allInnerTexts()).map((s) => s.trim()),
        WALKTHROUGH.steps.map((s) => t(s.title)),
      );
      for (let i = 0; i < WALKTHROUGH.steps.length; i++) {
        const step = WALKTHROUGH.steps[i];
        if (i > 0) await steps.nth(i).locator('.step-title').click();
        const expanded = details.locator('.getting-started-step.expanded');
        await pollUntil(async () => (await expanded.locator('.step-title').innerText().catch(() => '')) === t(step.title), {
          timeout: 10000,
          what: `step ${step.id} to open`,
        });
        const description = (await expanded.locator('.step-description-container').innerText()).trim();
        // The localised media file, by its first heading, shown in the step's webview.
        const media = fs.readFileSync(path.join(ROOT, t(step.media.markdown)), 'utf8');
        const heading = /^# (.+)$/m.exec(media)[1];
        const mediaText = await pollUntil(
          async () => {
            const frame = await wb.webviewFrame('body', { timeout: 10000, within: '.getting-started-media' });
            const body = await frame.evaluate(() => document.body.innerText).catch(() => '');
            return body.includes(heading) && body;
          },
          { timeout: 20000, what: `the media of step ${step.id} showing "${heading}"` },
        );
        if (i === 0) await session.shot('4-walkthrough');
        seen.push(await expanded.locator('.step-title').innerText(), description);
        // The media's sample outline (its fenced block) is report text; the rest is ours.
        const sample = new Set((/```\n([\s\S]*?)```/.exec(media)?.[1] ?? '').split('\n').map((l) => l.trim()));
        seen.push(...mediaText.split('\n').map((l) => l.trim()).filter((l) => l && !sample.has(l)));
      }
      assertOurs(lang, seen, 'the walkthrough');
      await session.shot('4-walkthrough-last-step');
    });
  });
}
