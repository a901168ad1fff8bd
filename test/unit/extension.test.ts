/**
 * The pure parts of the editor integration: settings mapping, which files are reports, front
 * matter edits, rule help, and the manifest's agreement with the engine and the UI text.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROFILE_IDS, recognizeReport, RULE_IDS } from '../../server/src/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import { frontMatterContext, setProfileEdit } from '../../server/src/lsp/frontMatter';
import { compileGlobs, decideReport, relativeToFolders } from '../../server/src/lsp/reportFiles';
import { ruleHelp } from '../../server/src/docs/ruleDocs';
import { DEFAULT_FILES, resolveLocale, toSettings } from '../../server/src/lsp/settings';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
/** Every source file of the client, so commands and UI strings may live in any of them. */
const clientSources = () =>
  fs
    .readdirSync(path.join(ROOT, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => read(`client/src/${f}`))
    .join('\n');

describe('settings mapping', function () {
  it('gives the defaults for nothing', function () {
    const { settings, problems } = toSettings(undefined);
    assert.deepEqual(problems, []);
    assert.equal(settings.enable, true);
    assert.deepEqual(settings.files, [...DEFAULT_FILES]);
    assert.equal(settings.profile, undefined);
    assert.equal(settings.debounceMs, 300);
  });

  it('maps good values and keeps defaults for bad ones, saying why', function () {
    const { settings, problems } = toSettings({
      enable: 'yes',
      files: ['a/**', 3],
      profile: 'auto',
      rules: { 'vague-phrase': 'off', 'missing-section': { severity: 'warning' }, 'no-such': 'error', 'no-evidence': 'loud' },
      locale: 'fr',
      debounceMs: 99999,
    });
    assert.equal(settings.enable, true);
    assert.deepEqual(settings.files, [...DEFAULT_FILES]);
    assert.equal(settings.profile, undefined, '"auto" means no profile option');
    assert.deepEqual(settings.rules, { 'vague-phrase': 'off', 'missing-section': 'warning' });
    assert.equal(settings.locale, 'auto');
    assert.equal(settings.debounceMs, 5000, 'clamped');
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('no-such')));
  });

  it('resolves the message language from the client unless set', function () {
    assert.equal(resolveLocale('auto', 'en-US'), 'en');
    assert.equal(resolveLocale('auto', 'zh-cn'), 'zh');
    assert.equal(resolveLocale('auto', 'ja'), 'zh');
    assert.equal(resolveLocale('auto', undefined), 'zh');
    assert.equal(resolveLocale('zh', 'en'), 'zh');
  });
});

describe('which files are reports', function () {
  const files = compileGlobs(DEFAULT_FILES);
  const base = { languageId: 'markdown', enable: true, forced: false, files, detectByContent: true };

  it('matches names and folders containing 述职 by the default globs', function () {
    assert.equal(files('2024年述职报告.md'), true);
    assert.equal(files('drafts/张三述职.md'), true);
    assert.equal(files('述职材料/初稿.md'), true);
    assert.equal(files('README.md'), false);
    assert.equal(files('docs/会议纪要.md'), false);
  });

  it('matches a glob without a slash against the file name, one with a slash against the path', function () {
    const m = compileGlobs(['*.report.md', 'drafts/**/*.md']);
    assert.equal(m('a/b/x.report.md'), true);
    assert.equal(m('drafts/2024/a.md'), true);
    assert.equal(m('other/a.md'), false);
    assert.equal(relativeToFolders('/ws/a/drafts/x.md', ['/ws', '/ws/a']), 'drafts/x.md');
    assert.equal(relativeToFolders('C:\\ws\\x.md', ['C:\\ws']), 'x.md');
  });

  it('recognises reports by title, outline and front matter, and not a README', function () {
    assert.equal(recognizeReport('# 2024年度个人述职报告\n\n各位领导：\n').report, true);
    assert.equal(recognizeReport('XX同志述职述廉报告（初稿）\n').report, true);
    assert.equal(recognizeReport('各位领导、同志们：\n\n一、主要工作\n\n略。\n\n二、存在的问题\n\n略。\n').report, true);
    assert.equal(recognizeReport('---\nprofile: party-member\n---\n随便写的笔记\n').report, true);
    // The project's own README is about 述职报告 but is not one.
    assert.equal(recognizeReport(read('README.md')).report, false);
    assert.equal(recognizeReport('# 项目说明\n\n## 安装\n\n## 存在的问题\n\n见问题列表。\n').report, false);
    assert.equal(recognizeReport('').report, false);
  });

  it('lets front matter say no, even for a file named 述职', function () {
    const d = decideReport({ ...base, path: '述职报告模板说明.md', text: '---\nduty-report: false\n---\n# 述职报告\n' });
    assert.equal(d.check, false);
  });

  it('decides in order: enable, language, forced, front matter, name, content', function () {
    const readme = '# 说明\n\n普通文字。\n';
    assert.equal(decideReport({ ...base, path: '2024年述职报告.md', text: readme }).check, true);
    assert.equal(decideReport({ ...base, path: 'README.md', text: readme }).check, false);
    assert.equal(decideReport({ ...base, path: 'README.md', text: readme, forced: true }).check, true);
    assert.equal(decideReport({ ...base, path: '2024年述职报告.md', text: readme, enable: false }).check, false);
    // Plain text is a report's language too (issue 15: .txt drafts); other languages never are.
    assert.equal(decideReport({ ...base, path: '2024年述职报告.txt', text: readme, languageId: 'plaintext' }).check, true);
    assert.equal(decideReport({ ...base, path: 'notes.txt', text: readme, languageId: 'plaintext' }).check, false);
    assert.equal(decideReport({ ...base, path: '2024年述职报告.json', text: readme, languageId: 'json' }).check, false);
    assert.equal(decideReport({ ...base, path: 'a.md', text: '# 2024年度述职报告\n' }).check, true);
    assert.equal(decideReport({ ...base, path: 'a.md', text: '# 2024年度述职报告\n', detectByContent: false }).check, false);
    assert.equal(decideReport({ ...base, path: undefined, text: '# 2024年度述职报告\n' }).check, true, 'untitled drafts by content');
  });
});

describe('front matter edits', function () {
  it('adds a block, adds the key, or replaces the value; the rest is untouched', function () {
    assert.deepEqual(setProfileEdit(['# 标题'], 'party-member', '\n'), {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: '---\nprofile: party-member\n---\n',
    });
    assert.deepEqual(setProfileEdit(['---', 'title: x', '---', '正文'], 'general', '\r\n').range.start, { line: 2, character: 0 });
    const e = setProfileEdit(['---', 'profile: general # 注释', '---'], 'npc-deputy', '\n');
    assert.deepEqual(e, { range: { start: { line: 1, character: 8 }, end: { line: 1, character: 16 } }, newText: ' npc-deputy' }, 'the comment stays');
    // A BOM stays the first character.
    assert.equal(setProfileEdit(['\uFEFF# 标题'], 'general', '\n').range.start.character, 1);
  });

  it('sets the profile without breaking the YAML or losing another key, whatever the old value looked like', function () {
    const cases = [
      'profile: general',
      'profile: "村书记 # 旧的"   # 备注',
      "profile: 'it''s # quoted'",
      'profile: >\n  party-member\n  trailing',
      'profile: |-\n  general\n\nafter: 1',
      'profile:\n  - a\n  - b',
      'profile: general\t# tab comment',
      'profile:',
      'profile: 党员\n  续行',
      'profile: [a,\n  b]',
    ];
    for (const value of cases) {
      const text = `---\ntitle: 报告\n${value}\nauthor: 张某 # 作者\n---\n正文\n`;
      const lines = text.split('\n');
      const e = setProfileEdit(lines, 'npc-deputy', '\n');
      const doc = TextDocument.create('file:///r.md', 'markdown', 1, text);
      const out = TextDocument.applyEdits(doc, [e]);
      const yamlText = out.slice(4, out.indexOf('\n---\n', 4));
      const data = parseYaml(yamlText) as Record<string, unknown>;
      assert.equal(data.profile, 'npc-deputy', `${JSON.stringify(value)} → ${JSON.stringify(out)}`);
      assert.equal(data.title, '报告');
      assert.equal(data.author, '张某');
      if (value.includes('after: 1')) assert.equal(data.after, 1);
      if (value.includes('# 备注')) assert.match(out, /# 备注/, 'the comment stays');
      assert.ok(out.endsWith('---\n正文\n'));
    }
  });

  it('finds front matter as far down as the core does', function () {
    const lines = ['---', ...Array.from({ length: 250 }, (_, i) => `k${i}: ${i}`), '---', '正文'];
    assert.deepEqual(setProfileEdit(lines, 'general', '\n').range.start, { line: 251, character: 0 }, 'added before the closing line, not a second block at the top');
  });

  it('knows where a completion is asked for', function () {
    const lines = ['---', 'profile: par', 'ti', '---', 'profile: x'];
    assert.deepEqual(frontMatterContext(lines, 1, 12), { kind: 'profile-value', prefixStart: 9 });
    assert.deepEqual(frontMatterContext(lines, 2, 2), { kind: 'key' });
    assert.equal(frontMatterContext(lines, 4, 9), undefined, 'outside the front matter');
  });
});

describe('rule help for hovers', function () {
  it('has the seed sources and the fixes of every rule, in both languages', function () {
    for (const id of RULE_IDS) {
      const h = ruleHelp(id);
      assert.ok(h, id);
      assert.ok(h.sources.length > 0, `${id}: 依据`);
      assert.ok(h.fix.length > 0, `${id}: 如何修改`);
      assert.ok(h.sourceEn, `${id}: English source`);
    }
  });
});

describe('extension manifest', function () {
  const pkg = JSON.parse(read('package.json'));
  const nls = JSON.parse(read('package.nls.json'));
  const nlsZh = JSON.parse(read('package.nls.zh-cn.json'));

  it('has every %key% in both the English and the Chinese nls file', function () {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10);
    for (const k of keys) {
      assert.ok(nls[k], `package.nls.json lacks ${k}`);
      assert.ok(nlsZh[k], `package.nls.zh-cn.json lacks ${k}`);
    }
    assert.deepEqual(Object.keys(nls).sort(), Object.keys(nlsZh).sort());
  });

  it('lists the engine profiles and rules in its settings', function () {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['dutyReport.profile'].enum, ['auto', ...PROFILE_IDS]);
    assert.deepEqual(props['dutyReport.rules'].propertyNames.enum, [...RULE_IDS]);
    assert.deepEqual(props['dutyReport.files'].default, [...DEFAULT_FILES]);
  });

  it('declares each command it registers, and the client registers each one declared', function () {
    const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    const src = clientSources();
    const registered = [...src.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, declared);
  });

  it('translates every UI string of the client into Chinese', function () {
    const src = clientSources();
    const keys = [...src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
    const zh = JSON.parse(read('l10n/bundle.l10n.zh-cn.json'));
    assert.ok(keys.length > 10);
    for (const k of keys) assert.ok(zh[k], `l10n/bundle.l10n.zh-cn.json lacks "${k}"`);
  });

  it('points every contributed file at something that exists', function () {
    const c = pkg.contributes;
    const paths = [pkg.main, ...c.grammars.map((g: { path: string }) => g.path), ...c.jsonValidation.map((j: { url: string }) => j.url)];
    for (const p of paths) {
      if (p === pkg.main) continue; // built by esbuild, checked by the packaging step
      assert.ok(fs.existsSync(path.join(ROOT, p)), p);
    }
    for (const b of Object.values(pkg.bin) as string[]) assert.ok(fs.existsSync(path.join(ROOT, b)), b);
  });

  it('contributes no snippets: the language server offers the outlines, and snippets would list each twice', function () {
    assert.equal(pkg.contributes.snippets, undefined);
  });
});
