import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/index';
import { countUnits } from '../../server/src/core/text';

/**
 * Structure: how headings, parts, closings and outline numbers are read. The passages are
 * written for these tests in the way real drafts are written (Word/WPS habits included).
 */
const lines = (...ls: string[]) => ls.join('\n');

describe('字数: the ideographic space', () => {
  it('counts a full-width space used as indentation as nothing, like an ASCII space', () => {
    assert.equal(countUnits('　　全年走访困难群众'), 8);
    assert.equal(countUnits('述职人：　　王某某'), 7);
    assert.equal(countUnits('　　　　'), 0);
  });
  it('still counts full-width punctuation', () => {
    assert.equal(countUnits('　　一是，'), 3);
  });
});
