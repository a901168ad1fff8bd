// Bundles every entry point with esbuild; type checking is `tsc --noEmit` (npm run typecheck).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Rule pages are bundled as text for hovers.
  loader: { '.md': 'text' },
};

const builds = [
  // The pure core as a library: require('server/out/core.js').analyze(text, options)
  { ...common, entryPoints: ['server/src/core/index.ts'], outfile: 'server/out/core.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js' },
  { ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'server/out/worker.js' },
  // The language server: VS Code starts it over IPC, other editors over stdio.
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/out/server.js' },
  // The same language server for a browser Web Worker (vscode.dev, github.dev): no Node, no files.
  { ...common, platform: 'browser', target: 'chrome114', format: 'iife', entryPoints: ['server/src/browser/main.ts'], outfile: 'server/out/browserServer.js' },
  // The VS Code client; `vscode` is provided by the editor at run time.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The scorecard preview's script, loaded by the webview from the extension (never inline).
  { ...common, platform: 'browser', target: 'chrome114', format: 'iife', entryPoints: ['client/src/preview/main.ts'], outfile: 'client/out/preview.js' },
  // Tests are bundled too, so mocha runs plain JS with no TypeScript loader.
  { ...common, entryPoints: require('fs').readdirSync('test/unit').filter((f) => f.endsWith('.test.ts')).map((f) => 'test/unit/' + f), outdir: 'test/out', external: ['mocha'] },
];

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
