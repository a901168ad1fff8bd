import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The static lists that follow from the rule modules (registry, ids, doc-page imports,
 * package.json settings and their nls strings, the README tables, docs/rules/README.md) are
 * written by scripts/generate.js; this keeps the checked-in copies current and shows that a new
 * rule needs its module and its page and nothing else by hand.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const GENERATE = path.join('scripts', 'generate.js');

function run(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [GENERATE, ...args], { cwd, encoding: 'utf8' });
}

/** A copy of what the generator reads and writes, with node_modules linked, to change freely. */
function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-generate-'));
  for (const rel of ['server/src', 'shared', 'schemas', 'docs', 'scripts', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'snippets']) {
    fs.cpSync(path.join(ROOT, rel), path.join(dir, rel), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const NEW_RULE = `import type { Rule } from '../rule';

export const wordyTitle: Rule = {
  id: 'wordy-title',
  order: 99,
  name: { zh: '标题过长', en: 'Title too long' },
  cap: 3,
  description: { zh: '标题超过三十个字', en: 'The title is over thirty characters' },
  defaultSeverity: 'info',
  tags: ['structure'],
  source: '示例',
  check() {},
};
`;

describe('generated files', function () {
  this.timeout(120000);

  it('are current (run `npm run generate` after changing a rule or a profile)', () => {
    const r = run(ROOT, '--check');
    assert.equal(r.status, 0, r.stderr);
  });

  describe('a new rule', () => {
    let dir = '';
    before(() => {
      dir = scratchCopy();
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('without its doc page is refused by name', () => {
      fs.writeFileSync(path.join(dir, 'server/src/core/rules/wordyTitle.ts'), NEW_RULE);
      const r = run(dir, '--check');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /wordy-title has no page docs\/rules\/wordy-title\.md/);
    });

    it('with its page makes every generated file stale, and generating brings them all in', () => {
      fs.writeFileSync(path.join(dir, 'docs/rules/wordy-title.md'), '# wordy-title\n\n标题过长。\n');
      const stale = run(dir, '--check');
      assert.equal(stale.status, 1);
      for (const f of ['server/src/core/rules/ids.ts', 'server/src/core/rules/index.ts', 'server/src/docs/rulePages.ts', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'docs/rules/README.md', 'schemas/duty-report.schema.json']) {
        assert.ok(stale.stderr.includes(f), `${f} should be stale: ${stale.stderr}`);
      }
      assert.equal(run(dir).status, 0);
      assert.equal(run(dir, '--check').status, 0);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const rules = pkg.contributes.configuration.properties['dutyReport.rules'];
      assert.ok(rules.propertyNames.enum.includes('wordy-title'));
      assert.equal(rules.properties['wordy-title'].markdownDescription, '%config.rules.wordy-title%');
      const zh = JSON.parse(fs.readFileSync(path.join(dir, 'package.nls.zh-cn.json'), 'utf8'));
      assert.equal(zh['config.rules.wordy-title'], '标题过长：标题超过三十个字。默认级别：提示。');
      assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), /\| \[wordy-title\]\(docs\/rules\/wordy-title\.md\) \| 标题过长 \|/);
      assert.match(fs.readFileSync(path.join(dir, 'server/src/core/rules/index.ts'), 'utf8'), /import \{ wordyTitle \} from '\.\/wordyTitle';/);
      assert.match(fs.readFileSync(path.join(dir, 'server/src/docs/rulePages.ts'), 'utf8'), /'wordy-title': wordyTitle,/);
      const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schemas/duty-report.schema.json'), 'utf8'));
      assert.ok(JSON.stringify(schema).includes('wordy-title'), 'the configuration schema knows the new rule');
    });

    it('with an order another rule has is refused', () => {
      fs.writeFileSync(path.join(dir, 'server/src/core/rules/wordyTitle.ts'), NEW_RULE.replace('order: 99', 'order: 1'));
      const r = run(dir, '--check');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /same order 1/);
    });
  });
});
