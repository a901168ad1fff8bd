'use strict';
// Workspace trust (issue 6): in a folder the user has not trusted (Restricted Mode) the
// extension still checks reports, as package.json declares ("limited"), and ignores the
// workspace's dutyReport.configFile, the one setting it declares restricted. The same setting
// is applied in a trusted session: test/unit/lsp.test.ts "uses the configuration file that
// dutyReport.configFile names".
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./codeServer');
const { pollUntil } = require('./workbench');
const { useSession } = require('./session');

const SOURCE = '述职报告助手';
const REPORT = '2024年述职报告.md';
const REPORT_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'rule-missing-section-positive');
const PROBLEMS_MISSING = /problems and shortcomings|缺少“存在问题”部分/;

describe('VS Code end to end: an untrusted workspace (code-server)', function () {
  this.timeout(180000);

  const session = useSession(
    'untrusted',
    () => ({
      [REPORT]: fs.readFileSync(path.join(REPORT_FIXTURE, 'input.md'), 'utf8'),
      // What a hostile or careless repository could ship: point the checker at its own file.
      '.vscode/settings.json': JSON.stringify({ 'dutyReport.configFile': 'quiet.json' }),
      'quiet.json': JSON.stringify({ rules: { 'missing-section': 'off' } }),
    }),
    {},
    { trust: true },
  );
  let wb;
  before(() => ({ wb } = session));

  it('opens the folder in Restricted Mode', async function () {
    await pollUntil(() => wb.page.evaluate(() => /Restricted Mode/i.test(document.querySelector('.monaco-workbench')?.textContent ?? '')), {
      timeout: 30000,
      what: 'the Restricted Mode indicator',
    });
    await session.shot('1-restricted-mode');
  });

  it('still checks the report, and ignores the workspace’s dutyReport.configFile', async function () {
    await wb.quickOpen(REPORT);
    await wb.showProblems(SOURCE);
    const found = await pollUntil(
      async () => {
        const rows = (await wb.problems()).filter((m) => m.source.replace(/[()]/g, '') === SOURCE && path.basename(m.file ?? '') === REPORT);
        return rows.filter((m) => m.code.includes('missing-section') && PROBLEMS_MISSING.test(m.message));
      },
      { timeout: 60000, what: 'the missing-section finding that quiet.json would have turned off' },
    );
    assert.strictEqual(found.length, 1, JSON.stringify(found));
    await session.shot('2-untrusted-findings');
  });
});
