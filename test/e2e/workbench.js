'use strict';
// Drives the VS Code workbench served by code-server through Chromium, the way a person
// does: Quick Open, the command palette, the Problems panel, the Quick Fix menu.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium found on PATH (playwright-core ships no browser and cannot fetch one here). */
function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch {
        // Not in this folder.
      }
    }
  }
  return undefined;
}

/**
 * Calls `probe` until it returns something truthy and returns that; otherwise throws, saying
 * what was awaited and what the last probe saw.
 */
async function pollUntil(probe, { timeout = 30000, interval = 250, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (last && !(Array.isArray(last) && last.length === 0)) return last;
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out after ${Math.round(timeout / 1000)} s waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

/** Checks that `probe` stays truthy for the whole `duration` (an absence that must last). */
async function holdsFor(probe, { duration = 5000, interval = 250, what = 'condition' } = {}) {
  const deadline = Date.now() + duration;
  while (Date.now() < deadline) {
    const ok = await probe();
    if (!ok) throw new Error(`${what} stopped holding`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

class Workbench {
  constructor(context, page) {
    this.context = context;
    this.page = page;
    this.consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
  }

  static async launch(playwright, { chromiumPath, profileDir }) {
    const context = await playwright.chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1440, height: 960 },
      locale: 'en-US',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return new Workbench(context, page);
  }

  async close() {
    await this.context.close().catch(() => {});
  }

  async openFolder(serverUrl, folder) {
    await this.page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    // The explorer lists the folder once the remote file system answers.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  }

  async screenshot(file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens a file of the workspace by name through Quick Open (Ctrl+P). */
  async quickOpen(fileName) {
    const { page } = this;
    const row = await this.#quickInputRow('Control+P', fileName, fileName, 20000);
    await row.click();
    await pollUntil(async () => (await this.activeTabTitle()) === fileName, {
      timeout: 20000,
      what: `${fileName} to be the active editor`,
    });
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 20000 });
  }

  async activeTabTitle() {
    const tab = this.page.locator('.editor-group-container.active .tab.active .label-name').first();
    return (await tab.count()) ? (await tab.innerText()).trim() : undefined;
  }

  async activeTabDirty() {
    return (await this.page.locator('.editor-group-container.active .tab.active.dirty').count()) > 0;
  }

  /** Runs a command by its palette label (F1). */
  async runCommand(label) {
    await this.#quickInputRow('F1', `>${label}`, label, 10000);
    await this.page.keyboard.press('Enter');
  }

  /** Opens the quick input with `key`, types `query`, and waits for a row showing `rowText`. */
  async #quickInputRow(key, query, rowText, timeout) {
    const { page } = this;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: rowText }).first();
    // On a loaded machine the widget can close again as a webview (the scorecard) takes the
    // focus back, or show no rows for text typed before it was ready: then it is opened and
    // typed into afresh, until the time is up.
    const deadline = Date.now() + Math.max(timeout, 30000);
    for (;;) {
      // Never 0: Playwright reads a zero timeout as none at all.
      const left = Math.max(1000, deadline - Date.now());
      try {
        await this.dismissWidgets();
        await page.keyboard.press(key);
        await input.waitFor({ state: 'visible', timeout: Math.min(10000, left) });
        await input.fill(query, { timeout: 5000 });
        await row.waitFor({ state: 'visible', timeout: Math.min(8000, left) });
        return row;
      } catch (err) {
        if (Date.now() >= deadline - 1000) throw err;
      }
    }
  }

  /** Closes a Quick Open, Quick Fix or suggest widget left open by an earlier step. */
  async dismissWidgets() {
    const open = this.page.locator('.quick-input-widget:visible, .action-widget:visible, .suggest-widget.visible');
    if (await open.count()) await this.page.keyboard.press('Escape');
  }

  /** Shows the Problems panel and narrows it with `filter` (matched against message, source, code). */
  async showProblems(filter) {
    const { page } = this;
    const panel = page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.runCommand('Problems: Focus on Problems View');
      await panel.waitFor({ state: 'visible', timeout: 10000 });
    }
    if (filter !== undefined) {
      const box = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
      await box.waitFor({ state: 'visible', timeout: 10000 });
      if ((await box.inputValue()) !== filter) await box.fill(filter);
    }
  }

  /**
   * The Problems panel as data: one entry per marker row, with the file its group heading
   * names. The tree draws only rows in view, so keep the filter narrow.
   */
  async problems() {
    return this.page.evaluate(() => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
      rows.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const out = [];
      let file;
      for (const row of rows) {
        const text = (sel) => row.querySelector(sel)?.textContent.trim() ?? '';
        if (row.getAttribute('aria-level') === '1') {
          file = row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? text('.label-name');
          continue;
        }
        out.push({
          index: Number(row.dataset.index),
          file,
          message: text('.marker-message'),
          source: text('.marker-source'),
          code: text('.marker-code'),
          position: text('.marker-line'),
        });
      }
      return out;
    });
  }

  /** The row element of a marker returned by problems(). */
  problemRow(marker) {
    return this.page.locator(`.markers-panel .monaco-list-row[data-index="${marker.index}"]`);
  }

  /** Opens the Quick Fix menu (Ctrl+.) at the cursor and chooses the first action whose title matches. */
  async quickFix(titlePattern) {
    const { page } = this;
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    const titles = await pollUntil(async () => rows.locator('.title').allInnerTexts(), {
      timeout: 15000,
      what: 'the Quick Fix menu',
    });
    const index = titles.findIndex((t) => titlePattern.test(t));
    if (index === -1) {
      await page.keyboard.press('Escape');
      throw new Error(`no quick fix matching ${titlePattern}; offered: ${JSON.stringify(titles)}`);
    }
    // Chosen by keyboard: while the menu is up, a pointer-blocking layer covers the page.
    const focused = page.locator('.action-widget .monaco-list-row.action.focused .title');
    for (let i = 0; i <= titles.length; i++) {
      if (titlePattern.test(await focused.innerText().catch(() => ''))) break;
      await page.keyboard.press('ArrowDown');
    }
    const chosen = await focused.innerText();
    assert.ok(titlePattern.test(chosen), `could not move to the quick fix ${titlePattern}; at ${chosen}`);
    await page.keyboard.press('Enter');
    await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10000 });
    return chosen;
  }

  /**
   * Opens the Quick Fix menu (Ctrl+.) at the cursor and reads it, leaving it open (for a
   * screenshot; Escape closes it): each action's title and the header of its group.
   */
  async openQuickFixMenu() {
    const read = () =>
      this.page.evaluate(() => {
        const out = [];
        let group = '';
        for (const row of document.querySelectorAll('.action-widget .monaco-list-row')) {
          if (row.classList.contains('group-header')) group = row.textContent.trim();
          else if (row.classList.contains('action')) out.push({ group, title: (row.querySelector('.title') ?? row).textContent.trim() });
        }
        return out;
      });
    // Ctrl+. pressed while the editor is still settling after a jump can open nothing: the
    // menu is asked for again, a few times.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        return await pollUntil(read, { timeout: 5000, what: 'the Quick Fix menu' });
      } catch (err) {
        if (attempt === 3) throw err;
        await this.dismissWidgets();
      }
    }
  }

  /**
   * Shows the hover at the cursor (Ctrl+K Ctrl+I) and reads it, leaving it open: the problem
   * parts (message, source, code), the Markdown parts of hover providers, and the hover's own
   * action bar (VS Code's "View Problem", "Quick Fix..."). Providers answer one by one: it
   * waits until `complete` accepts what is shown.
   */
  async showHover(complete = () => true) {
    await this.dismissWidgets();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    return pollUntil(
      () =>
        this.page.evaluate(() => {
          const hover = [...document.querySelectorAll('.monaco-editor .monaco-hover, .monaco-hover')].find((h) => h.offsetParent !== null && h.querySelector('.hover-row'));
          if (!hover) return undefined;
          const markers = [...hover.querySelectorAll('.marker.hover-contents')].map((m) => {
            const spans = m.querySelectorAll(':scope > span');
            const detail = spans[1];
            return {
              message: spans[0]?.textContent.trim() ?? '',
              source: detail?.querySelector(':scope > span')?.textContent.trim() ?? '',
              code: detail?.querySelector('.code-link, a')?.textContent.trim() ?? '',
            };
          });
          const markdown = [...hover.querySelectorAll('.markdown-hover .rendered-markdown')].map((m) => m.innerText.trim());
          const actions = [...hover.querySelectorAll('.hover-row.status-bar .action')].map((a) => a.textContent.trim());
          return markers.length || markdown.length ? { markers, markdown, actions } : undefined;
        }).then((h) => (h && complete(h) ? h : undefined)),
      { timeout: 15000, what: 'the hover' },
    );
  }

  /**
   * The content frame of the visible webview that holds `selector`, optionally only among the
   * webviews inside the element `within` matches. code-server nests a webview twice: the host
   * iframe (class webview, "ready" once loaded), then #active-frame.
   */
  async webviewFrame(selector, { timeout = 30000, within } = {}) {
    return pollUntil(
      async () => {
        for (const host of await this.page.$$(`${within ? `${within} ` : ''}iframe.webview.ready`)) {
          const outer = await host.contentFrame().catch(() => null);
          const inner = outer && (await outer.$('#active-frame').catch(() => null));
          const frame = inner && (await inner.contentFrame().catch(() => null));
          if (frame && (await frame.$(selector).catch(() => null))) return frame;
        }
        return undefined;
      },
      { timeout, what: `a webview showing ${selector}` },
    );
  }

  /** The cursor position the status bar shows, as 1-based { line, column }. */
  async cursor() {
    const text = await this.page.locator('.statusbar-item[id="status.editor.selection"]').first().innerText().catch(() => '');
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
  }

  /** Switches the colour theme with the theme picker (Ctrl+K Ctrl+T), as a person does. */
  async setColorTheme(name) {
    await this.dismissWidgets();
    // Ctrl+K Ctrl+T: the palette would also match "Browse Color Themes in Marketplace".
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+T');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // The palette's input becomes the theme picker's: wait for its placeholder to say so.
    await pollUntil(async () => /color theme/i.test((await input.getAttribute('placeholder').catch(() => '')) ?? ''), {
      timeout: 10000,
      what: 'the colour theme picker',
    });
    await input.fill(name);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 10000 });
    // The list also offers "Browse Additional Color Themes…": move to the theme itself.
    const focused = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
    for (let i = 0; i < 10 && !(await focused.innerText().catch(() => '')).includes(name); i++) await this.page.keyboard.press('ArrowDown');
    assert.ok((await focused.innerText()).includes(name), `could not move to the theme ${name}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
  }

  /** Moves the cursor to a line (1-based) with "Go to Line" (Ctrl+G). */
  async goToLine(line) {
    const { page } = this;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`:${line}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10000 });
  }
}

module.exports = { Workbench, findChromium, pollUntil, holdsFor };
