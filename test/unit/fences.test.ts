/**
 * Who may import whom, read from the sources (as core.test.ts fences the core). The CLI and the
 * language server are two front doors side by side over the same core and formatters; the client
 * and the server share only shared/, and name each other's types at most with `import type`,
 * which the bundler drops.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Import {
  /** The module as written. */
  spec: string;
  /** `import type …`, `export type …` or `typeof import(…)`: gone from the bundle. */
  typeOnly: boolean;
}

/**
 * Every module a source names: `import`/`export … from`, bare `import '…'`, `require(…)` and
 * `import(…)`. The clause before `from` is held to identifiers, braces, commas and `*`, so text
 * in comments and strings is not taken for an import. `import { type A }` counts as a value
 * import: only a whole `import type` is sure to leave nothing behind.
 */
function importsOf(src: string): Import[] {
  const out: Import[] = [];
  for (const m of src.matchAll(/^[ \t]*(?:import|export)[ \t]+(type[ \t]+)?(?:[\w\s{},*$]*?\bfrom[ \t]*)?['"]([^'"\n]+)['"]/gm)) {
    out.push({ spec: m[2], typeOnly: !!m[1] });
  }
  for (const m of src.matchAll(/(typeof[ \t]+)?\b(?:require|import)[ \t]*\([ \t]*['"]([^'"\n]+)['"][ \t]*\)/g)) {
    out.push({ spec: m[2], typeOnly: !!m[1] });
  }
  return out;
}

function sourcesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.ts')) files.push(path.join(d, e.name));
    }
  };
  walk(path.join(ROOT, dir));
  return files;
}

/** The repository-relative path a relative import points at; undefined for packages. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
}

const within = (p: string | undefined, dir: string): boolean => p !== undefined && (p === dir || p.startsWith(dir + '/'));

/** `file: spec` for each import of the sources under `dir` that `bad` rejects. */
function offences(dir: string, bad: (to: string | undefined, imp: Import) => boolean): string[] {
  const files = sourcesUnder(dir);
  assert.ok(files.length > 0, `no sources under ${dir}`);
  return files.flatMap((f) =>
    importsOf(fs.readFileSync(f, 'utf8'))
      .filter((imp) => bad(target(f, imp.spec), imp))
      .map((imp) => `${path.relative(ROOT, f)}: ${imp.typeOnly ? 'import type ' : ''}'${imp.spec}'`),
  );
}

describe('fences', () => {
  it('the import scanner sees every form, and which are types only', () => {
    const src = [
      "import * as fs from 'node:fs';",
      "import type { A } from '../a';",
      "import { type B, c } from '../b';",
      'import {',
      '  d,',
      '  type E,',
      "} from '../d';",
      "import '../side-effect';",
      "export * from '../re';",
      "export type * from '../types';",
      "export { f } from '../f';",
      "const g = require('../g');",
      "const h = await import('../h');",
      "let i: typeof import('../i');",
      "/** Text that says import x from 'nowhere' or export it from 'there' is no import. */",
      "const s = 'import y from \"../y\"';",
      'export const t = 1;',
    ].join('\n');
    assert.deepEqual(importsOf(src), [
      { spec: 'node:fs', typeOnly: false },
      { spec: '../a', typeOnly: true },
      { spec: '../b', typeOnly: false },
      { spec: '../d', typeOnly: false },
      { spec: '../side-effect', typeOnly: false },
      { spec: '../re', typeOnly: false },
      { spec: '../types', typeOnly: true },
      { spec: '../f', typeOnly: false },
      { spec: '../g', typeOnly: false },
      { spec: '../h', typeOnly: false },
      { spec: '../i', typeOnly: true },
    ]);
  });

  it('the language server imports nothing from the CLI', () => {
    assert.deepEqual(offences('server/src/lsp', (to) => within(to, 'server/src/cli')), []);
  });

  it('the CLI imports nothing from the language server', () => {
    assert.deepEqual(offences('server/src/cli', (to) => within(to, 'server/src/lsp')), []);
  });

  it('the formatters and the renderer import neither front door', () => {
    for (const dir of ['server/src/format', 'server/src/render']) {
      assert.deepEqual(offences(dir, (to) => within(to, 'server/src/cli') || within(to, 'server/src/lsp')), []);
    }
  });

  it('the client imports from the server only with import type', () => {
    assert.deepEqual(offences('client/src', (to, imp) => within(to, 'server') && !imp.typeOnly), []);
  });

  it('the server imports nothing from the client', () => {
    assert.deepEqual(offences('server/src', (to) => within(to, 'client')), []);
  });

  it('the protocol is taken from shared/ (the old place in server/src/lsp is gone)', () => {
    for (const dir of ['server/src', 'client/src', 'shared']) {
      assert.deepEqual(offences(dir, (to) => to === 'server/src/lsp/protocol'), []);
    }
  });

  it('the language server, the formats and the renderer need no Node: only the Node entry point and its host do', () => {
    // Files and time reach the server through lsp/host.ts; node/serverHost.ts is the Node side.
    const nodeOnly = (to: string | undefined, imp: Import) =>
      !imp.typeOnly && (imp.spec.startsWith('node:') || imp.spec === 'vscode-languageserver/node' || within(to, 'server/src/node') || within(to, 'server/src/cli'));
    for (const dir of ['server/src/lsp', 'server/src/format', 'server/src/render', 'server/src/core', 'shared']) {
      const found = offences(dir, nodeOnly).filter((o) => !o.startsWith('server/src/lsp/main.ts:'));
      assert.deepEqual(found, [], dir);
    }
  });

  it('shared/ runs on its own: at run time it imports only shared/, never the client', () => {
    assert.deepEqual(offences('shared', (to, imp) => within(to, 'client') || (!imp.typeOnly && !within(to, 'shared'))), []);
  });
});
