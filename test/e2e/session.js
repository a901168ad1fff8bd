'use strict';
// One editor session for an end-to-end test file: the .vsix built and installed into an
// isolated code-server, Chromium on a workspace of given files, and what to print on failure.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const playwright = require('playwright-core');
const { ROOT, CodeServer, packageExtension, missingPrerequisites, makeTempDir } = require('./codeServer');
const { Workbench, findChromium } = require('./workbench');

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

class Session {
  constructor(name) {
    this.name = name;
    this.tmp = undefined;
    this.workspace = undefined;
    this.server = undefined;
    this.wb = undefined;
  }

  /**
   * Why the editor cannot run here (outside CI the caller skips; under CI it fails), or
   * undefined.
   */
  static missing() {
    const chromiumPath = findChromium();
    return chromiumPath ? missingPrerequisites(chromiumPath) : 'missing chromium; run test/setup.sh';
  }

  /** @param {Record<string, string>} files workspace file name → content */
  async start(files, settings, options = {}) {
    this.tmp = makeTempDir(`duty-report-${this.name}-`);
    this.workspace = path.join(this.tmp, 'workspace');
    fs.mkdirSync(this.workspace);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.workspace, name)), { recursive: true });
      fs.writeFileSync(path.join(this.workspace, name), content);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // This session's screenshots from an earlier run would mislead; other sessions' stay.
    for (const f of fs.readdirSync(ARTIFACTS)) if (f.startsWith(`${this.name}-`)) fs.rmSync(path.join(ARTIFACTS, f), { force: true });
    try {
      const vsix = packageExtension(path.join(this.tmp, 'duty-report-assistant.vsix'));
      this.server = new CodeServer({ baseDir: path.join(this.tmp, 'code-server'), vsix, settings, trust: options.trust, locale: options.locale, extraVsix: options.extraVsix, keybindings: options.keybindings });
      await this.server.start();
      this.wb = await Workbench.launch(playwright, { chromiumPath: findChromium(), profileDir: path.join(this.tmp, 'chromium-profile') });
      await this.wb.openFolder(this.server.url, this.workspace);
    } catch (err) {
      await this.tellFailure('start-up');
      throw err;
    }
  }

  file(name) {
    return path.join(this.workspace, name);
  }

  /**
   * In the active editor showing `fileName`, types a new paragraph below the first line of the
   * saved file that starts with `prefix`; returns the new paragraph's 0-based line.
   */
  async typeParagraphBelow(fileName, prefix, text) {
    const { page } = this.wb;
    const lines = fs.readFileSync(this.file(fileName), 'utf8').split(/\r?\n/);
    const at = lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(at >= 0, `${fileName} has a line starting with ${prefix}`);
    await this.wb.goToLine(at + 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(text);
    await this.wb.dismissWidgets();
    return at + 2;
  }

  /** Undoes in the active editor until it is back at the saved text. */
  async undoToSaved() {
    for (let i = 0; i < 20 && (await this.wb.activeTabDirty()); i++) {
      await this.wb.page.keyboard.press('Control+Z');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(!(await this.wb.activeTabDirty()), 'undo brought the file back to its saved text');
  }

  /** A screenshot under test-artifacts/e2e, named after this session. */
  shot(name) {
    return this.wb.screenshot(path.join(ARTIFACTS, `${this.name}-${name}.png`));
  }

  /** What to look at when something failed: a screenshot, browser errors, the logs. */
  async tellFailure(title) {
    const { wb, server } = this;
    if (wb) {
      const name = `failed-${title.replace(/[^\w一-龥]+/g, '-').slice(0, 60)}`;
      await this.shot(name).catch(() => {});
      console.log(`\n    screenshot: ${path.relative(ROOT, path.join(ARTIFACTS, `${this.name}-${name}.png`))}`);
      if (wb.consoleErrors.length) console.log(`    browser console errors (last 10):\n${wb.consoleErrors.slice(-10).join('\n')}`);
      const rows = await wb.problems().catch(() => []);
      console.log(`    Problems panel rows:\n${rows.map((m) => `      ${path.basename(m.file ?? '?')}: [${m.source}] ${m.code} ${m.position} ${m.message}`).join('\n') || '      (none)'}`);
    }
    if (server) console.log(`    code-server logs:\n${server.logTail(40)}`);
  }

  async stop() {
    if (this.wb) await this.wb.close();
    if (this.server) await this.server.stop();
    // KEEP_E2E_TMP=1 keeps the workspace, logs and settings for a look after a failure.
    if (this.tmp && !process.env.KEEP_E2E_TMP) fs.rmSync(this.tmp, { recursive: true, force: true });
    else if (this.tmp) console.log(`    kept ${this.tmp}`);
  }
}

/**
 * Wires a Session into a mocha describe(): skipped outside CI when the editor is missing,
 * started once before the tests, a failure report after a failed test, stopped at the end.
 */
function useSession(name, files, settings, options) {
  const session = new Session(name);
  before(async function () {
    const missing = Session.missing();
    if (missing) {
      if (process.env.CI) throw new Error(`editor tests cannot run: ${missing}`);
      console.log(`    skipped: ${missing}`);
      this.skip();
    }
    await session.start(typeof files === 'function' ? files() : files, settings, options);
  });
  afterEach(async function () {
    if (this.currentTest.state === 'failed') await session.tellFailure(this.currentTest.title);
  });
  after(() => session.stop());
  return session;
}

module.exports = { Session, useSession, ARTIFACTS };
