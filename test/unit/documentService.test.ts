import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { knowledgeBuilds } from '../../server/src/core/knowledge';
import type { DutyReportConfig } from '../../server/src/core/types';
import { DocumentService } from '../../server/src/lsp/documentService';
import type { FileHost, LoadedConfig } from '../../server/src/lsp/host';
import { SettingsStore } from '../../server/src/lsp/settingsStore';

/**
 * The editor's document service without a connection: one analysis per document version,
 * shared by every request, and one merged configuration per pair of configuration file and
 * folder settings, so the phrase automaton is not rebuilt on each keystroke.
 */
const DRAFT = '# 2024年度个人述职报告\n\n一、主要工作\n\n本人稳步推进各项工作，组织学习12次。\n\n二、存在的问题\n\n学习不够深入。\n\n三、下步打算\n\n2025年6月底前完成整改。\n';

function fakeFiles(loaded: LoadedConfig): FileHost {
  return {
    configFor: () => loaded,
    forgetConfigs: () => undefined,
    relativePath: (uri) => uri.replace(/^.*\//, ''),
    displayName: (uri) => uri.replace(/^.*\//, ''),
    uriOfPath: (p) => p,
    baseName: (p) => p,
    baseDirUri: () => 'file:///ws/',
  };
}

function service(loaded: LoadedConfig, settings = new SettingsStore(() => undefined)) {
  const problems: string[] = [];
  const svc = new DocumentService({
    files: fakeFiles(loaded),
    settings,
    folders: () => ['file:///ws'],
    forced: () => false,
    clientLocale: () => 'zh-cn',
    log: () => undefined,
    configProblems: (p) => problems.push(p),
  });
  return { svc, problems };
}

describe('document service', () => {
  const config: DutyReportConfig = { lexicon: { add: [{ phrase: '稳步推进', kind: 'inflated-adverb', reason: '不具体', suggest: '写明进度' }] } } as DutyReportConfig;

  it('answers every request of one version with one analysis, and analyses a new version anew', () => {
    const { svc } = service({ path: '/ws/.duty-report.json', config, problems: [] });
    const v1 = TextDocument.create('file:///ws/述职报告.md', 'markdown', 1, DRAFT);
    const a = svc.entryFor(v1);
    assert.ok(a.result, a.notChecked ?? a.decision.reason);
    assert.equal(svc.entryFor(v1), a, 'the same entry for the same version');
    const v2 = TextDocument.update(v1, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '今年' }], 2);
    const b = svc.entryFor(v2);
    assert.notEqual(b, a);
    assert.equal(b.version, 2);
    svc.invalidate();
    assert.notEqual(svc.entryFor(v2), b, 'settings or configuration changed: analysed again');
  });

  it('builds the phrase automaton of a configuration file once across keystrokes', () => {
    const { svc } = service({ path: '/ws/.duty-report.json', config: { ...config }, problems: [] });
    let doc = TextDocument.create('file:///ws/述职报告.md', 'markdown', 1, DRAFT);
    svc.entryFor(doc);
    const before = knowledgeBuilds.count;
    for (let v = 2; v <= 6; v++) {
      doc = TextDocument.update(doc, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '又' }], v);
      const e = svc.entryFor(doc);
      assert.ok(e.result?.findings.some((f) => f.rule === 'vague-phrase' && f.message.includes('稳步推进')), 'the file’s own phrase is applied');
    }
    assert.equal(knowledgeBuilds.count, before, 'no rebuild while typing');
  });

  it('publishes the configuration file’s problems where it is read', () => {
    const { svc, problems } = service({ path: '/ws/.duty-report.json', config: {}, problems: [] });
    svc.entryFor(TextDocument.create('file:///ws/述职报告.md', 'markdown', 1, DRAFT));
    assert.deepEqual(problems, ['/ws/.duty-report.json']);
  });
});
