'use strict';
// The report outline offered while typing (issue 17), in a real VS Code (code-server) with
// Markdown's default settings: quick suggestions stay off, yet typing 述职提纲 through an input
// method, or dutyreport on the keyboard, opens the suggestions with our outlines, and Enter
// inserts one. Needs test/setup.sh.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./codeServer');
const { pollUntil, holdsFor } = require('./workbench');
const { useSession } = require('./session');

const CHINESE_DRAFT = '2025年度述职报告.md';
const LATIN_DRAFT = 'draft-述职.md';
const SNIPPETS = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'duty-report.json'), 'utf8'));
const PROFILES = require(path.join(ROOT, 'server', 'src', 'core', 'data', 'profiles.json'));
/** Our items' labels in a Chinese set-up, one per profile in the profiles' order. */
const OURS = PROFILES.map((p) => `述职报告提纲：${p.name}`);

/** The text a profile's outline snippet inserts when every placeholder keeps its default. */
function outlineText(profileId) {
  const snippet = Object.values(SNIPPETS).find((s) => s.prefix.includes(`dutyreport-${profileId}`));
  return snippet.body
    .join('\n')
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}|\$\d+|\\([\\$}])/g, (_, ph, esc) => (ph !== undefined ? ph.replace(/\\([\\$}])/g, '$1') : (esc ?? '')));
}

describe('VS Code outline completion while typing (code-server)', function () {
  this.timeout(180000);

  // Chinese findings and labels, as a Chinese writer has them; Markdown's own settings untouched.
  const session = useSession('completion', { [CHINESE_DRAFT]: '', [LATIN_DRAFT]: '' }, { 'dutyReport.locale': 'zh' });
  let wb;
  let page;
  before(() => {
    ({ wb } = session);
    ({ page } = wb);
  });

  const widget = () => page.locator('.editor-widget.suggest-widget.visible');
  /** The labels the suggest widget shows, once it shows one matching `pattern`. */
  const suggestions = (pattern, what) =>
    pollUntil(
      async () => {
        const labels = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts().catch(() => []);
        return labels.some((l) => pattern.test(l)) && labels;
      },
      { timeout: 20000, what },
    );
  const focusedLabel = () => page.locator('.suggest-widget.visible .monaco-list-row.focused .label-name').innerText();

  /** Opens an empty draft and puts the caret in it. */
  async function openEmpty(name) {
    await wb.quickOpen(name);
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    // The language server has the file open once its first-step lens shows (an empty report draft).
    await page.locator('.editor-group-container.active .codelens-decoration').first().waitFor({ timeout: 60000 });
  }

  /** Saves the active editor (leaving snippet mode first) and returns the file's text. */
  async function saved(name) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    return pollUntil(async () => !(await wb.activeTabDirty()) && fs.readFileSync(session.file(name), 'utf8'), { timeout: 10000, what: `${name} saved` });
  }

  it('opens the outlines when 述职提纲 is committed by an input method, and Enter inserts one', async function () {
    await openEmpty(CHINESE_DRAFT);
    // As an IME types it: pinyin composed in the editor, then the chosen words committed at once.
    const cdp = await page.context().newCDPSession(page);
    for (const pinyin of ['s', 'shu', 'shuzhi', 'shuzhitigang']) {
      await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
    }
    assert.equal(await widget().count(), 0, 'nothing is suggested while composing');
    await cdp.send('Input.insertText', { text: '述职提纲' });
    const labels = await suggestions(/^述职报告提纲：通用述职报告$/, 'our outline items in the suggest widget');
    assert.ok(labels.includes('述职报告提纲：机关党支部书记述职'), `one item per profile: ${labels.join(' | ')}`);
    assert.deepEqual(labels, OURS, 'our outlines, each once (no snippet duplicates), in profile order');
    await session.shot('suggest-ime');
    assert.equal(await focusedLabel(), '述职报告提纲：通用述职报告', 'ours is the first choice');
    await page.keyboard.press('Enter');
    await widget().waitFor({ state: 'hidden', timeout: 10000 });
    assert.equal(await saved(CHINESE_DRAFT), outlineText('general'), 'the keyword replaced by the general outline');
    await session.shot('outline-inserted');
  });

  it('does not suggest an outline for 提纲 in a sentence, nor alone in a draft with text', async function () {
    // The caret is in the inserted outline's last line; a new paragraph below it.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'anzhao', selectionStart: 6, selectionEnd: 6 });
    await cdp.send('Input.insertText', { text: '按照' });
    await cdp.send('Input.imeSetComposition', { text: 'tigang', selectionStart: 6, selectionEnd: 6 });
    await cdp.send('Input.insertText', { text: '提纲' });
    await holdsFor(async () => (await widget().count()) === 0, { duration: 3000, what: 'no suggest widget after 按照提纲' });
    // 提纲 alone on a line of a draft with text: the client asks, the server offers nothing, and
    // nothing shows (not even "No suggestions").
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await cdp.send('Input.imeSetComposition', { text: 'tigang', selectionStart: 6, selectionEnd: 6 });
    await cdp.send('Input.insertText', { text: '提纲' });
    await holdsFor(async () => (await widget().count()) === 0, { duration: 3000, what: 'no suggest widget after 提纲 in a draft with text' });
  });

  it('opens the outlines when dutyreport is typed on the keyboard', async function () {
    await openEmpty(LATIN_DRAFT);
    await page.keyboard.type('dutyreport', { delay: 40 });
    const labels = await suggestions(/^述职报告提纲：/, 'our outline items after dutyreport');
    assert.deepEqual(labels, OURS, 'our outlines, each once');
    await session.shot('suggest-keyboard');
    // The second profile, chosen with the arrow key.
    assert.equal(await focusedLabel(), OURS[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedLabel(), OURS[1]);
    await page.keyboard.press('Enter');
    await widget().waitFor({ state: 'hidden', timeout: 10000 });
    assert.equal(await saved(LATIN_DRAFT), outlineText(PROFILES[1].id), `dutyreport replaced by the ${PROFILES[1].id} outline`);
  });
});
