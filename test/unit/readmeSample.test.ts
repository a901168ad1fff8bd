/**
 * The README's sample output is what the CLI prints (issue 17): scripts/readmeSample.js
 * rewrites the blocks from the built CLI, and `--check` fails on a stale one.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'readmeSample.js');

function check(readme?: string): { status: number | null; out: string } {
  const args = [SCRIPT, '--check', ...(readme ? ['--readme', readme] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('README sample output', function () {
  this.timeout(120000);

  it('is what check samples prints now, in both languages', () => {
    const r = check();
    assert.equal(r.status, 0, r.out);
  });

  it('is found stale when a score or a message in it differs from the CLI', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-sample-'));
    try {
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const zh = readme.replace(/(<!-- sample-zh:start[\s\S]*?评分 )\d+/, '$1100');
      const en = readme.replace(/(<!-- sample-en:start[\s\S]*?\d+:\d+ {2}\S+ {2}\S+ {2})\S/, '$1X');
      for (const [name, text] of [['zh', zh], ['en', en]]) {
        assert.notEqual(text, readme, `the ${name} block was tampered with`);
        const file = path.join(dir, `README-${name}.md`);
        fs.writeFileSync(file, text);
        const r = check(file);
        assert.equal(r.status, 1, `${name}: ${r.out}`);
        assert.match(r.out, /stale/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
