/** LibreOffice for the Word-file tests: found once, run headless with a profile of its own. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function findSoffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 60000 });
    if (r.status === 0) return name;
  }
  return undefined;
}

/** One soffice call for several files, with its own profile so parallel runs do not collide. */
export function convert(soffice: string, files: string[], to: string, outDir: string): void {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-lo-'));
  try {
    const r = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, ...files], {
      encoding: 'utf8',
      timeout: 240000,
    });
    assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The offset of a 0-based line and column in `text` (lines end in \n). */
export function offsetOf(text: string, line: number, character: number): number {
  let at = 0;
  for (let l = 0; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + character;
}
