import * as assert from 'node:assert/strict';
import { analyze, RULES } from '../../server/src/core/index';
import { formatSarif } from '../../server/src/format/sarif';

/** SARIF links lead somewhere or are left out; the rule's page travels with the log either way. */
describe('SARIF rule help', () => {
  const input = { files: [{ path: 'a.md', result: analyze('# 2024年度述职报告\n\n正文。\n') }], skipped: [], locale: 'zh' as const, color: false };
  const rulesOf = (repository: string) => JSON.parse(formatSarif(input, { version: '1.0.0', repository, rules: RULES, srcRootUri: 'file:///tmp/' })).runs[0].tool.driver;

  it('links rule pages in a real repository', () => {
    const d = rulesOf('git+https://git.example-gov.cn/office/duty-report.git');
    assert.equal(d.informationUri, 'https://git.example-gov.cn/office/duty-report');
    assert.match(d.rules[0].helpUri, /^https:\/\/git\.example-gov\.cn\/office\/duty-report\/blob\/main\/docs\/rules\/missing-section\.md$/);
  });

  for (const placeholder of ['https://example.invalid/duty-report.git', 'https://example.com/x.git', 'http://localhost/x']) {
    it(`links nothing for the placeholder ${placeholder}, and carries each page as help`, () => {
      const d = rulesOf(placeholder);
      assert.equal(d.informationUri, undefined);
      for (const r of d.rules) {
        assert.equal(r.helpUri, undefined);
        assert.match(r.help.markdown, new RegExp(`^# ${r.id}`));
      }
      assert.match(d.rules[0].shortDescription.text, /^缺少部分：/);
    });
  }
});
