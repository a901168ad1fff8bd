import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver/node';
import { analyze } from '../../server/src/core/index';
import { knowledgeFor } from '../../server/src/core/knowledge';
import { buildModel } from '../../server/src/core/model';
import { blockInsertion } from '../../server/src/core/outlineStyle';
import { codeActions } from '../../server/src/lsp/features/codeActions';

// Regression cases for what the property tests found (issue 6): fix-all on these drafts put
// the new parts where the next analysis could not see them, so a second fix-all inserted them
// again. Each case: the first fix-all adds what is missing, keeps every character, and a
// second one changes nothing.

const CAPS = { documentChanges: true, snippetEdits: false, relatedInformation: true };

function fixAll(text: string): string {
  const doc = TextDocument.create('file:///r.md', 'markdown', 1, text);
  const [action] = codeActions(doc, analyze(text), 1, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll'], [], 'zh', CAPS);
  const change = action?.edit?.documentChanges?.[0];
  return change && 'edits' in change ? TextDocument.applyEdits(doc, change.edits as TextEdit[]) : text;
}

/** Every line of the draft is still there, in order. */
function keepsLines(before: string, after: string): void {
  let at = 0;
  for (const line of before.split(/\r\n|\r|\n/)) {
    const i = after.indexOf(line, at);
    assert.ok(i !== -1, `lost ${JSON.stringify(line)}`);
    at = i + line.length;
  }
}

function missing(text: string): string[] {
  return analyze(text)
    .findings.filter((f) => f.rule === 'missing-section')
    .map((f) => f.section!);
}

function settles(text: string): string {
  const once = fixAll(text);
  assert.notEqual(once, text, 'the first fix-all changed nothing');
  keepsLines(text, once);
  assert.deepEqual(missing(once), [], `still missing after fix-all:\n${once}`);
  assert.equal(fixAll(once), once, 'a second fix-all changed the text again');
  return once;
}

const WORK = '我负责支部日常工作。全年组织集中学习12次，发展党员2名，办理群众诉求56件。';

describe('fix-all settles in one run', () => {
  it('a byte-order mark does not hide the Markdown after it', () => {
    // Before: "\ufeff```" was not a fence, so the closing ``` opened one and swallowed the fix.
    const text = '\ufeff```\n附件清单\n```\n\n一、主要工作\n\n' + WORK + '\n';
    const r = analyze(text);
    assert.equal(r.stats.sections[0].title, '主要工作');
    settles(text);
  });

  it('a code fence left open keeps the inserted parts out of it', () => {
    const text = WORK + '\n\n```\n未写完的附表\n';
    const once = settles(text);
    assert.ok(once.indexOf('存在的问题') < once.indexOf('```'), once);
  });

  it('a comment left open keeps the inserted parts out of it', () => {
    const text = WORK + '\n\n<!-- 待补充：\n';
    const once = settles(text);
    assert.ok(once.indexOf('存在的问题') < once.indexOf('<!--'), once);
  });

  it('a part is not inserted between a setext heading and its underline', () => {
    const text = '主要工作\n--------\n\n' + WORK + '\n\n履职情况\n--------\n';
    const once = settles(text);
    assert.match(once, /履职情况\n--------\n/);
    // The underline is the heading's, not part of its words.
    assert.equal(analyze('2024年述职报告\n=========\n\n' + WORK).title, '2024年述职报告');
  });

  it('a named subsection does not change the role of the unnamed part above it', () => {
    // The case the property test shrank to: "3.存在的问题" inserted under the untitled part
    // "profile: party-member" made that part a problems part, so the work done went missing.
    settles('1. 今后打算。\n\n---\ntitle: 。\nprofile: party-member\n---\n\n。');
  });

  it('a draft with no outline gets paragraphs it is read by, not headings', () => {
    const text = '今后打算。我将每月开展一次专题学习，年内完成制度汇编。\n';
    const once = settles(text);
    assert.doesNotMatch(once, /^#|\n#/);
    assert.match(once, /存在的问题：/);
    // Problems come before the plans paragraph, as the standard order has it.
    assert.ok(once.indexOf('存在的问题：') < once.indexOf('今后打算'), once);
  });

  it('parts written as 一是…二是… paragraphs get one more such paragraph', () => {
    const text = '一是加强理论学习。' + WORK + '\n\n二是下一步工作。我将每月开展一次专题学习。\n';
    const once = settles(text);
    assert.match(once, /[一二三]是存在的问题。/);
  });

  it('a part is not inserted between a disable-next-line comment and its line', () => {
    const text = '一、主要工作\n\n' + WORK + '\n\n<!-- duty-report-disable-next-line -->\n三、原因分析：主观上学习不够深入。\n';
    const model = buildModel(text, knowledgeFor(undefined).matcher);
    const wanted = text.indexOf('三、原因分析');
    const { offset, lead, tail } = blockInsertion(model, wanted);
    assert.equal(offset, text.indexOf('<!--'));
    assert.deepEqual([lead, tail], ['', '\n\n']);
  });

  it('a part inserted right below a paragraph line stays a paragraph of its own', () => {
    // Plain-text drafts often start the next part on the very next line.
    const text = WORK + '\n下一步，我将每月开展一次专题学习。\n';
    const once = settles(text);
    assert.match(once, /\n\n存在的问题：/);
  });

  it('after a lone CR, the inserted line break is not swallowed into it', () => {
    const text = '工作情况：' + WORK + '\n\n> 摘自年度总结\r<!-- 待补充';
    settles(text);
  });

  it('an empty draft, a title alone or front matter alone is 差, and one fix-all scaffolds all of it', () => {
    for (const text of ['', '2024年度述职报告\n', '---\nprofile: party-member\n---\n']) {
      const r = analyze(text);
      assert.equal(r.tier, '差', JSON.stringify(text));
      assert.ok(r.findings.some((f) => f.rule === 'missing-section' && f.section === 'problems'), JSON.stringify(text));
      const once = settles(text);
      // The profile's required topics come with the work part, not in a second round.
      assert.deepEqual(analyze(once).findings.filter((f) => f.rule === 'missing-topic'), [], once);
    }
  });
});

describe('turning a rule off changes nothing else (issue 16)', () => {
  const actionsAt = (text: string, line: number, locale: 'zh' | 'en' = 'zh') => {
    const doc = TextDocument.create('file:///r.md', 'markdown', 1, text);
    return { doc, actions: codeActions(doc, analyze(text), 1, { start: { line, character: 0 }, end: { line, character: 200 } }, undefined, [], locale, CAPS) };
  };
  const apply = (doc: TextDocument, action: { edit?: { documentChanges?: unknown[] } }) => {
    const change = action.edit!.documentChanges![0] as { edits: TextEdit[] };
    return TextDocument.applyEdits(doc, change.edits);
  };
  const titles = (text: string) => {
    const out: string[] = [];
    const walk = (s: { title: string; children: unknown[] }) => {
      out.push(s.title);
      (s.children as (typeof s)[]).forEach(walk);
    };
    analyze(text).stats.sections.forEach(walk);
    return out;
  };

  it('offers no line comment inside front matter, and the file comment keeps the profile and covers the front matter', () => {
    const text = '---\nprofile: 党员\n---\n';
    const { doc, actions } = actionsAt(text, 0);
    assert.ok(!actions.some((a) => a.title.startsWith('本行不再检查')), actions.map((a) => a.title).join(' | '));
    const file = actions.find((a) => a.title === '本文件不再检查“缺少部分”')!;
    const after = apply(doc, file);
    const r = analyze(after);
    assert.equal(r.profile.id, 'party-member');
    assert.ok(!r.findings.some((f) => f.rule === 'missing-section'), JSON.stringify(r.findings.map((f) => [f.rule, f.range.start.line])));
  });

  it('puts the line comment above a heading, so the heading reads as before', () => {
    const text = '# 2024年度述职报告\n\n一、主要工作\n\n' + WORK + '\n\n三、下步打算\n\n2025年6月底前由我牵头完成整改。\n';
    const r = analyze(text);
    const numbering = r.findings.find((f) => f.rule === 'outline-numbering')!;
    assert.ok(numbering, JSON.stringify(r.findings.map((f) => f.rule)));
    const { doc, actions } = actionsAt(text, numbering.range.start.line);
    const off = actions.find((a) => a.title === '本行不再检查“序号不规范”')!;
    const after = apply(doc, off);
    assert.match(after, /<!-- duty-report-disable-next-line outline-numbering -->\n三、下步打算/);
    assert.deepEqual(titles(after), titles(text));
    const again = analyze(after);
    assert.ok(!again.findings.some((f) => f.rule === 'outline-numbering'));
    // Nothing else changes, except that the comment is asked for its reason.
    assert.deepEqual(again.findings.map((f) => f.rule).sort(), [...r.findings.filter((f) => f.rule !== 'outline-numbering').map((f) => f.rule), 'waiver-without-reason'].sort());
  });

  it('keeps a comment out of a heading title when one is written there', () => {
    const text = '# 2024年度述职报告\n\n## 一、主要工作 <!-- duty-report-disable-line vague-phrase -->\n\n' + WORK + '\n';
    assert.deepEqual(titles(text), ['主要工作']);
  });

  it('offers one line action per rule, holding every finding of it on the line, named in words', () => {
    const text = '# 2024年度述职报告\n\n一、主要工作\n\n在上级的坚强领导下，我进一步加强学习，切实提高认识，全面提升能力。' + WORK + '\n';
    const line = text.split('\n').findIndex((l) => l.startsWith('在上级'));
    const vague = analyze(text).findings.filter((f) => f.rule === 'vague-phrase' && f.range.start.line === line);
    assert.ok(vague.length >= 2, `${vague.length} vague phrases on the line`);
    const { actions } = actionsAt(text, line);
    assert.equal(actions.filter((a) => a.title.startsWith('本行不再检查')).map((a) => a.title).filter((t) => t === '本行不再检查“空话套话”').length, 1);
    assert.equal(actions.filter((a) => a.title === '本文件不再检查“空话套话”').length, 1);
    const en = actionsAt(text, line, 'en').actions.map((a) => a.title);
    assert.ok(en.includes('Disable "Vague or formulaic phrase" for this line'), en.join(' | '));
  });
});
