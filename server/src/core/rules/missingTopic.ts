import { blockInsertion, headingLine, LevelStyle, snippetEscape, styleOf } from '../outlineStyle';
import type { Rule, RuleContext } from '../rule';

export const missingTopic: Rule = {
  id: 'missing-topic',
  description: { zh: '没有写到本类述职要求必述的内容', en: 'A required topic of the profile is not covered' },
  defaultSeverity: 'warning',
  tags: ['content'],
  source: 'the 述职内容 lists of every seed',
  check(ctx: RuleContext) {
    const { model, derived, profile } = ctx;
    if (profile.topics.length === 0 || derived.bodyBlocks.length === 0) return;
    const text = model.text;
    const ach = derived.sectionOfRole.achievements;
    // Insert under the achievements part, after its last subsection, in the style of its subsections.
    let offset = text.length;
    let number = 1;
    let style: LevelStyle = { hashes: '', kind: 'cn-paren', sep: '（', bold: false };
    if (ach !== undefined) {
      const sec = model.sections[ach];
      offset = sec.end;
      style = sec.children.length ? styleOf(model, sec.children) : { hashes: sec.headingLevel ? '#'.repeat(Math.min(6, sec.headingLevel + 1)) + ' ' : '', kind: 'cn-paren', sep: '（', bold: false };
      number = sec.children.filter((c) => model.sections[c].marker?.kind === style.kind).length + 1;
    } else if (model.closingBlock !== -1) {
      offset = model.blocks[model.closingBlock].start;
    }
    const { lead, tail, eol } = blockInsertion(text, offset);
    const anchorStart = ach !== undefined ? model.sections[ach].titleStart : derived.anchor.start;
    const anchorEnd = ach !== undefined ? model.sections[ach].titleEnd : derived.anchor.end;
    profile.topics.forEach((topic, i) => {
      if (derived.topics[i].covered) return;
      const title = topic.title.replace(/情况$/, '');
      const head = headingLine(style, number, title, 1);
      const hint = topic.hint ?? `写明${topic.title}：具体做法、次数和成效`;
      ctx.report({
        start: anchorStart,
        end: anchorEnd,
        topic: topic.title,
        message: {
          zh: `没有写到必述内容“${topic.title}”（${profile.name}，依据 ${topic.source}）。可写的关键词如：${topic.keywords.slice(0, 4).join('、')}。`,
          en: `Required topic "${topic.title}" is not covered (profile ${profile.nameEn}, ${topic.source}).`,
        },
        fix: {
          title: { zh: `插入必述内容“${title}”`, en: `Insert the required topic "${title}"` },
          offset,
          newText: `${lead}${head.text}${style.hashes ? eol + eol : '。'}${hint}${tail}`,
          snippet: `${lead}${head.snippet}${style.hashes ? eol + eol : '。'}\${2:${snippetEscape(hint)}}${tail}`,
        },
        data: { topicId: topic.id },
        weight: 4,
      });
      number++;
    });
  },
};
