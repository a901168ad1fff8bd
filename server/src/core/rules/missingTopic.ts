import { blockInsertion, headingLine, LevelStyle, snippetEscape, styleOf } from '../outlineStyle';
import type { Rule, RuleContext } from '../rule';
import { leadInsertionPoint } from './missingSection';

/** Quotes inside a quoted title turn single, as Chinese writes nested quotes: “‘四议两公开’工作法”. */
const inner = (s: string) => s.replace(/“/g, '‘').replace(/”/g, '’');

export const missingTopic: Rule = {
  order: 2,
  name: { zh: '缺少必述内容', en: 'Missing required topic' },
  cap: 16,
  fix: 'insert',
  id: 'missing-topic',
  description: { zh: '没有写到本类述职的必述内容', en: 'A required topic of the profile is not covered' },
  defaultSeverity: 'warning',
  tags: ['content'],
  source: '各类述职的实施方案所列“述职内容”',
  check(ctx: RuleContext) {
    const { model, derived, profile } = ctx;
    if (profile.topics.length === 0 || derived.bodyBlocks.length === 0) return;
    const text = model.text;
    const ach = derived.sectionOfRole.achievements;
    // Insert under the achievements part, after its last subsection, in the style of its subsections.
    let wanted = text.length;
    let number = 1;
    let style: LevelStyle = { hashes: '', kind: 'cn-paren', sep: '（', bold: false };
    if (ach !== undefined) {
      const sec = model.sections[ach];
      wanted = sec.end;
      style = sec.children.length ? styleOf(model, sec.children) : { hashes: sec.headingLevel ? '#'.repeat(Math.min(6, sec.headingLevel + 1)) + ' ' : '', kind: 'cn-paren', sep: '（', bold: false };
      number = sec.children.filter((c) => model.sections[c].marker?.kind === style.kind).length + 1;
    } else if (model.sections.length === 0) {
      // No outline: with the work done, before the first problems or plans paragraph.
      wanted = leadInsertionPoint(ctx, 'achievements');
    } else if (model.closingBlock !== -1) {
      wanted = model.blocks[model.closingBlock].start;
    }
    // A marker line would give an outline-free report its first part and change how it reads.
    const plain = model.sections.length === 0;
    const { offset, lead, tail, eol } = blockInsertion(model, wanted);
    const anchorStart = ach !== undefined ? model.sections[ach].titleStart : derived.anchor.start;
    const anchorEnd = ach !== undefined ? model.sections[ach].titleEnd : derived.anchor.end;
    profile.topics.forEach((topic, i) => {
      if (derived.topics[i].covered) return;
      const title = topic.title.replace(/情况$/, '');
      const head = headingLine(style, number, title, 1);
      const hint = topic.hint ?? `写明${topic.title}：具体做法、次数和成效`;
      // The Chinese title stays (it is what the report would say), glossed where English is known.
      const gloss = topic.titleEn ? ` (${topic.titleEn})` : '';
      const words = topic.keywords.slice(0, 4).map((k) => `"${k}"`);
      const wordsEn = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words.join('');
      ctx.report({
        start: anchorStart,
        end: anchorEnd,
        topic: topic.title,
        message: {
          zh: `没有写到必述内容“${inner(topic.title)}”（${profile.name}，依据${topic.source}）。可写的关键词如：${topic.keywords.slice(0, 4).join('、')}。`,
          en: `The report does not cover the required topic "${topic.title}"${gloss}, which the profile "${profile.nameEn}" asks for (${topic.sourceEn ?? topic.source}). Words that would cover it include ${wordsEn}.`,
        },
        fix: {
          title: { zh: `插入必述内容“${inner(title)}”`, en: `Insert the required topic "${title}"${gloss}` },
          offset,
          newText: plain ? `${lead}${title}方面，${hint.replace(/。$/, '')}。${tail}` : `${lead}${head.text}${style.hashes ? eol + eol : '。'}${hint}${tail}`,
          snippet: plain
            ? `${lead}${snippetEscape(title)}方面，\${1:${snippetEscape(hint.replace(/。$/, ''))}}。${tail}`
            : `${lead}${head.snippet}${style.hashes ? eol + eol : '。'}\${2:${snippetEscape(hint)}}${tail}`,
        },
        data: { topicId: topic.id },
        weight: 4,
      });
      number++;
    });
  },
};
