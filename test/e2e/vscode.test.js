'use strict';
// The extension in a real VS Code (code-server 4.100.3 driven by Chromium): packaged as it
// ships, installed from the .vsix, used through the UI a writer uses. Needs test/setup.sh.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./codeServer');
const { pollUntil, holdsFor } = require('./workbench');
const { useSession } = require('./session');

const SOURCE = '述职报告助手';
const REPORT = '2024年述职报告.md';
// A report with achievements only: its expected.json must expect the problems part missing.
const REPORT_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'rule-missing-section-positive');
// The missing-section message for the problems part, in either locale of the server.
const PROBLEMS_MISSING = /problems and shortcomings|缺少“存在问题”部分/;

const README = `# 档案目录整理工具

把馆藏目录的 Excel 表转换成统一格式，导入档案管理系统前先做一遍校验。

## 安装

1. 安装 Node.js 20 或更高版本。
2. 在本目录执行 \`npm install\`。

## 用法

\`\`\`sh
node convert.js 目录.xlsx --out 目录.csv
\`\`\`

转换时会检查：

- 档号是否重复；
- 年度、保管期限是否填写；
- 题名中是否有全角空格。

检查结果写在一份文本报告里，每行一个问题，注明所在的行号。

## 许可

MIT
`;

/** Our rows in the Problems panel, optionally only those of one file. */
function ours(markers, fileName) {
  return markers.filter((m) => m.source.replace(/[()]/g, '') === SOURCE && (!fileName || path.basename(m.file ?? '') === fileName));
}

describe('VS Code end to end (code-server)', function () {
  this.timeout(180000);

  const session = useSession('editor', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(REPORT_FIXTURE, 'expected.json'), 'utf8'));
    assert.ok(
      expected.expect.some((e) => e.rule === 'missing-section' && e.section === 'problems'),
      `${REPORT_FIXTURE} no longer expects the problems part missing; pick another fixture`,
    );
    return { [REPORT]: fs.readFileSync(path.join(REPORT_FIXTURE, 'input.md'), 'utf8'), 'README.md': README };
  });
  // Set by the session's before hook.
  let wb;
  let workspace;
  let server;
  before(() => ({ wb, workspace, server } = session));

  const shot = (name) => session.shot(name);
  const problemsOfReport = async () => ours(await wb.problems(), REPORT);

  const typeParagraphBelow = (prefix, text) => session.typeParagraphBelow(REPORT, prefix, text);
  const undoToSaved = () => session.undoToSaved();

  it('shows our findings for a report without a problems part in the Problems panel', async function () {
    await wb.quickOpen(REPORT);
    await wb.showProblems(SOURCE);
    const found = await pollUntil(
      async () => (await problemsOfReport()).filter((m) => m.code.includes('missing-section') && PROBLEMS_MISSING.test(m.message)),
      { timeout: 60000, what: `a ${SOURCE} missing-section finding for the problems part of ${REPORT}` },
    );
    assert.strictEqual(found.length, 1, JSON.stringify(found));
    await shot('1-report-problems');
  });

  it('quick fix inserts the missing 存在的问题 part and the finding goes', async function () {
    await wb.quickOpen(REPORT);
    await wb.showProblems(SOURCE);
    const [finding] = await pollUntil(
      async () => (await problemsOfReport()).filter((m) => m.code.includes('missing-section') && PROBLEMS_MISSING.test(m.message)),
      { timeout: 30000, what: 'the missing problems part finding' },
    );
    // Double-clicking a row puts the cursor on the finding's range in the editor.
    await wb.problemRow(finding).dblclick();
    await pollUntil(() => wb.page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), {
      timeout: 10000,
      what: 'the editor to take focus',
    });
    await shot('2-before-quick-fix');
    const title = await wb.quickFix(/存在的问题/);
    // A snippet fix leaves placeholders selected; Escape ends snippet mode.
    await wb.page.keyboard.press('Escape');

    const after = await pollUntil(
      async () => {
        const mine = await problemsOfReport();
        const gone = !mine.some((m) => m.code.includes('missing-section') && PROBLEMS_MISSING.test(m.message));
        // Other findings still listed: the panel was refreshed, not emptied by a dead server.
        return gone && mine.length > 0 && mine;
      },
      { timeout: 30000, what: 'the problems-part finding to disappear while others remain' },
    );
    await wb.page.keyboard.press('Control+S');
    await pollUntil(async () => !(await wb.activeTabDirty()), { timeout: 10000, what: `${REPORT} to be saved` });
    const text = fs.readFileSync(path.join(workspace, REPORT), 'utf8');
    assert.ok(text.includes('存在的问题'), `after "${title}" the report has no 存在的问题:\n${text}`);
    assert.ok(after.length > 0);
    await shot('2-after-quick-fix');
  });

  it('reports nothing for an ordinary README.md', async function () {
    await wb.quickOpen('README.md');
    await wb.showProblems(SOURCE);
    // Absence only means something while our findings for the report are on show.
    await pollUntil(async () => (await problemsOfReport()).length > 0, { timeout: 30000, what: `${SOURCE} findings for ${REPORT}` });
    await holdsFor(
      async () => {
        const markers = await wb.problems();
        return ours(markers, 'README.md').length === 0 && ours(markers, REPORT).length > 0;
      },
      { duration: 5000, what: `no ${SOURCE} finding for README.md` },
    );
    assert.deepStrictEqual(ours(await wb.problems(), 'README.md'), []);
    await shot('3-readme-no-findings');
  });

  it('reports a vague phrase while it is typed and drops it on undo', async function () {
    await wb.quickOpen(REPORT);
    await wb.showProblems(SOURCE);
    const isVague = (m) => m.code.includes('vague-phrase');
    await pollUntil(async () => (await problemsOfReport()).length > 0, { timeout: 30000, what: `${SOURCE} findings for ${REPORT}` });
    assert.deepStrictEqual((await problemsOfReport()).filter(isVague), [], 'the fixture starts with no vague phrase');

    // Below the paragraph "（二）档案数字化……", inside the work-done part.
    const line = await typeParagraphBelow('（二）', '今后我要进一步加强档案安全管理。');

    const vague = await pollUntil(async () => (await problemsOfReport()).filter(isVague), {
      timeout: 15000,
      what: 'a vague-phrase finding for the typed paragraph',
    });
    assert.ok(vague.some((m) => m.position.includes(`Ln ${line + 1}`)), `expected on line ${line + 1}: ${JSON.stringify(vague)}`);
    await shot('4-vague-phrase-typed');

    await undoToSaved();
    await pollUntil(
      async () => {
        const mine = await problemsOfReport();
        return mine.length > 0 && !mine.some(isVague);
      },
      { timeout: 15000, what: 'the vague-phrase finding to go after undo' },
    );
    await shot('4-vague-phrase-undone');
  });

  it('restarts a killed server, says so once, and the findings come back', async function () {
    // Our server's process: the bundle inside this code-server's own extensions folder.
    const serverPids = () =>
      require('child_process')
        .execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(server.extensionsDir) && l.includes(path.join('server', 'out', 'server.js')))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
    await wb.quickOpen(REPORT);
    await wb.showProblems(SOURCE);
    await pollUntil(async () => (await problemsOfReport()).length > 0, { timeout: 30000, what: `${SOURCE} findings for ${REPORT}` });
    const [pid] = await pollUntil(async () => serverPids(), { timeout: 10000, what: 'the language server process' });
    process.kill(pid, 'SIGKILL');

    const notice = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /restarted|已重新启动/ });
    await pollUntil(async () => (await notice.count()) > 0, { timeout: 30000, what: 'the notice that the server was restarted' });
    const fresh = await pollUntil(async () => serverPids().filter((p) => p !== pid), { timeout: 30000, what: 'a new server process' });
    assert.equal(fresh.length, 1);
    // The new server analyses edits: a typed vague phrase is reported, and goes on undo.
    const line = await typeParagraphBelow('（三）', '我将不断提升服务水平。');
    await pollUntil(async () => (await problemsOfReport()).some((m) => m.code.includes('vague-phrase') && m.position.includes(`Ln ${line + 1}`)), {
      timeout: 30000,
      what: 'a finding from the restarted server for the typed paragraph',
    });
    await shot('5-server-restarted');
    assert.equal(await notice.count(), 1, 'said once');
    await undoToSaved();
  });
});
