'use strict';
// Packages the extension and runs it in an isolated code-server (VS Code in the browser):
// its own config, user data, extensions folder and port, so nothing of the machine's own
// editor setup leaks in, and the whole process group is ended afterwards.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
/** Where test/setup.sh installs code-server. */
const CODE_SERVER_BIN = path.join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
const VSCE_BIN = path.join(ROOT, 'node_modules', '.bin', 'vsce');

/** Settings that keep the workbench quiet and offline: no welcome page, telemetry or update checks. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
};

/** The last `lines` non-blank lines (code-server's own log is padded with blank ones). */
function tail(text, lines) {
  return text.split('\n').filter((l) => l.trim() !== '').slice(-lines).join('\n');
}

/** Packs the built extension the way it ships; throws with vsce's own words when it refuses. */
function packageExtension(outFile) {
  const res = spawnSync(
    VSCE_BIN,
    // The README's relative links stay relative: docs/ ships inside the package and the
    // repository URL is not a GitHub/GitLab one that vsce could rewrite them against.
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', outFile],
    { cwd: ROOT, encoding: 'utf8', timeout: 120000 },
  );
  if (res.status !== 0 || !fs.existsSync(outFile)) {
    throw new Error(`vsce package failed (${res.error ?? `exit ${res.status}`}):\n${tail(`${res.stdout}\n${res.stderr}`, 30)}`);
  }
  return outFile;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

function listFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

class CodeServer {
  /**
   * @param {{ baseDir: string, vsix?: string, extraVsix?: string[], settings?: object, trust?: boolean, locale?: string }} options
   *   extraVsix: more extensions to install beside ours.
   *   keybindings: the user's keybindings.json entries (a way to run a command with arguments).
   *   baseDir: an empty temporary folder that will hold everything code-server writes.
   *   trust: turn workspace trust on; the workspace then opens in Restricted Mode.
   *   locale: VS Code's display language, e.g. 'zh-cn'. Besides code-server's --locale this
   *     needs a language pack for it installed (see #installLanguagePack).
   */
  constructor({ baseDir, vsix, extraVsix = [], settings, trust, locale, keybindings }) {
    this.baseDir = baseDir;
    this.vsix = vsix;
    this.extraVsix = extraVsix;
    this.trust = !!trust;
    this.locale = locale;
    this.keybindings = keybindings;
    const trustSettings = trust
      ? {
          'security.workspace.trust.enabled': true,
          // No modal on start: the folder simply opens untrusted, as after "Don't Trust".
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.untrustedFiles': 'open',
          'security.workspace.trust.banner': 'always',
        }
      : {};
    this.settings = { ...QUIET_SETTINGS, ...trustSettings, ...settings };
    this.userDataDir = path.join(baseDir, 'user-data');
    this.extensionsDir = path.join(baseDir, 'extensions');
    this.configFile = path.join(baseDir, 'config.yaml');
    this.logFile = path.join(baseDir, 'code-server.log');
    this.child = undefined;
    this.url = undefined;
  }

  #args() {
    return [
      '--config', this.configFile,
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      '--disable-telemetry', '--disable-update-check',
      ...(this.trust ? [] : ['--disable-workspace-trust']),
      ...(this.locale ? ['--locale', this.locale] : []),
    ];
  }

  /** The environment without anything that would point code-server at the machine's own setup. */
  #env() {
    const env = { ...process.env };
    for (const k of Object.keys(env)) {
      if (k.startsWith('VSCODE_') || k.startsWith('CODE_SERVER_') || k === 'PASSWORD' || k === 'HASHED_PASSWORD') delete env[k];
    }
    return env;
  }

  async start() {
    const port = await freePort();
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(this.extensionsDir, { recursive: true });
    fs.writeFileSync(this.configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(this.settings, null, 2));
    if (this.keybindings) fs.writeFileSync(path.join(this.userDataDir, 'User', 'keybindings.json'), JSON.stringify(this.keybindings, null, 2));

    const vsixes = [this.vsix, ...this.extraVsix].filter(Boolean);
    const pack = this.locale && !this.locale.startsWith('en') ? this.#languagePack(this.locale) : undefined;
    if (pack) vsixes.push(pack.vsix);
    if (vsixes.length) {
      // One CLI run for all of them: each run costs a few seconds of start-up.
      const res = spawnSync(CODE_SERVER_BIN, [...this.#args(), '--force', ...vsixes.flatMap((v) => ['--install-extension', v])], {
        encoding: 'utf8',
        timeout: 120000,
        env: this.#env(),
      });
      const said = `${res.stdout}\n${res.stderr}`;
      fs.appendFileSync(this.logFile, `--- install-extension\n${said}\n`);
      if (res.status !== 0 || (said.match(/successfully installed/gi) ?? []).length !== vsixes.length) {
        throw new Error(`code-server --install-extension failed (${res.error ?? `exit ${res.status}`}):\n${tail(said, 20)}`);
      }
    }
    if (pack) this.#registerLanguagePack(pack);

    const log = fs.openSync(this.logFile, 'a');
    // detached = its own session and process group (setsid), so stop() can end the server
    // together with its extension hosts and language servers.
    this.child = spawn(CODE_SERVER_BIN, this.#args(), {
      detached: true,
      stdio: ['ignore', log, log],
      env: this.#env(),
    });
    fs.closeSync(log);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.url = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 60000;
    let exitedEarly;
    this.exited.then((e) => { exitedEarly = e; });
    while (Date.now() < deadline) {
      if (exitedEarly) throw new Error(`code-server exited at start-up (${JSON.stringify(exitedEarly)}):\n${this.logTail(20)}`);
      if ((await httpStatus(`${this.url}/healthz`)) === 200) return this;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`code-server did not answer ${this.url}/healthz within 60 s:\n${this.logTail(20)}`);
  }

  /**
   * A language pack for `locale` that translates nothing (VS Code's own text stays English).
   * Without one, --locale is ignored: the workbench's language is set only by a pack's
   * messages, so vscode.env.language stays 'en' and no extension's package.nls.<locale>.json
   * is read. The real Chinese pack cannot be installed offline; this one makes VS Code run in
   * that language as far as extensions can tell, which is what our tests look at.
   */
  #languagePack(locale) {
    const dir = path.join(this.baseDir, `language-pack-${locale}`);
    const manifest = {
      name: `language-pack-${locale}-stub`,
      publisher: 'duty-report-test',
      version: '1.0.0',
      description: `Declares ${locale} as a display language; translates nothing.`,
      license: 'MIT',
      engines: { vscode: '^1.60.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [{ languageId: locale, languageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
      },
    };
    fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    fs.writeFileSync(path.join(dir, 'README.md'), `${manifest.description}\n`);
    fs.writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
    const vsix = path.join(this.baseDir, `language-pack-${locale}.vsix`);
    const res = spawnSync(VSCE_BIN, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60000,
    });
    if (res.status !== 0) throw new Error(`vsce could not pack the ${locale} language pack:\n${tail(`${res.stdout}\n${res.stderr}`, 20)}`);
    return { locale, vsix, id: `${manifest.publisher}.${manifest.name}`, version: manifest.version };
  }

  /**
   * The index of installed language packs that the server reads to serve a locale. The
   * editor's own language pack service writes it when a pack is installed from the UI; the
   * command-line install does not.
   */
  #registerLanguagePack({ locale, id, version }) {
    const folder = path.join(this.extensionsDir, `${id}-${version}`);
    const translations = path.join(folder, 'translations', 'main.i18n.json');
    if (!fs.existsSync(translations)) throw new Error(`the ${locale} language pack is not where it was expected: ${translations}`);
    const index = {
      [locale]: {
        hash: `stub${version.replace(/\W/g, '')}`,
        extensions: [{ extensionIdentifier: { id }, version }],
        translations: { vscode: translations },
        label: locale,
      },
    };
    fs.writeFileSync(path.join(this.userDataDir, 'languagepacks.json'), JSON.stringify(index, null, 2));
  }

  /** Ends the whole process group; waits for the server itself to go. */
  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const pgid = this.child.pid;
    const kill = (sig) => {
      try {
        process.kill(-pgid, sig);
      } catch {
        // Already gone.
      }
    };
    kill('SIGTERM');
    const gone = await Promise.race([this.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    // Stragglers (language servers started by the extension host) go with SIGKILL either way.
    kill('SIGKILL');
    if (!gone) await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
  }

  /**
   * The last lines of code-server's own log, the extension host logs and every log of our
   * extension (its output channel): what to read when an editor test fails.
   */
  logTail(lines = 40) {
    const parts = [];
    const add = (file) => {
      try {
        const text = fs.readFileSync(file, 'utf8');
        parts.push(`--- ${path.relative(this.baseDir, file)}\n${tail(text.trimEnd(), lines)}`);
      } catch {
        // A log that was never written has nothing to say.
      }
    };
    add(this.logFile);
    for (const f of listFiles(path.join(this.userDataDir, 'logs'))) {
      const rel = path.relative(this.userDataDir, f);
      if (/exthost\d*[\\/]remoteexthost\.log$/.test(rel) || /duty-report|述职/.test(rel)) add(f);
    }
    return parts.join('\n');
  }

  /** Files of our output channel ("述职报告助手") written by the extension hosts. */
  outputChannelLogs() {
    return listFiles(path.join(this.userDataDir, 'logs')).filter((f) => /述职|duty-report/.test(path.relative(this.userDataDir, f)));
  }
}

/** Why the editor tests cannot run here, or undefined when they can. */
function missingPrerequisites(chromiumPath) {
  const missing = [];
  if (!fs.existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath})`);
  if (!fs.existsSync(CODE_SERVER_BIN)) missing.push('code-server (.cache/code-server)');
  if (!fs.existsSync(VSCE_BIN)) missing.push('vsce (npm ci)');
  return missing.length ? `missing ${missing.join(', ')}; run test/setup.sh` : undefined;
}

function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = { ROOT, CODE_SERVER_BIN, CodeServer, packageExtension, missingPrerequisites, makeTempDir };
