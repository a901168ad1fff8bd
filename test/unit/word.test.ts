import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/index';
import { readDocx } from '../../server/src/node/docx';
import { exportDocx } from '../../server/src/node/export';

/**
 * A draft exported to Word and read back (the writer's way out and the reviewer's way in)
 * is judged exactly as the draft itself: the writer and the reviewer see the same findings.
 */
const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');

describe('Word round trip: export, then read back', function () {
  this.timeout(60000);
  for (const file of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.md'))) {
    it(`gives ${file} the same profile, score and findings`, async () => {
      const md = fs.readFileSync(path.join(SAMPLES, file), 'utf8');
      const back = readDocx(await exportDocx(md)).markdown;
      const a = analyze(md);
      const b = analyze(back);
      assert.equal(b.profile.id, a.profile.id);
      assert.equal(b.score, a.score);
      assert.equal(b.tier, a.tier);
      const rules = (r: typeof a) => r.findings.map((f) => `${f.rule}:${f.message}`).sort();
      assert.deepEqual(rules(b), rules(a));
    });
  }

  it('reads a plain-text draft a paragraph per line when told so', async () => {
    const text = '2024年度个人述职报告\n各位领导、同志们：\n一、主要工作\n今年我组织支部学习12次，走访群众30户\n二、存在的问题\n我对2处漏登仓库的复核拖到8月。\n';
    const asText = readDocx(await exportDocx(text, { format: 'text' })).paragraphs.length;
    const asMarkdown = readDocx(await exportDocx(text)).paragraphs.length;
    assert.equal(asText, 6);
    assert.ok(asMarkdown < asText, `${asMarkdown} paragraphs when read as Markdown`);
  });
});
