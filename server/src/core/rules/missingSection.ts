import { requiredRoles } from '../knowledge';
import { blockInsertion, headingLine, snippetEscape, styleOf } from '../outlineStyle';
import type { Rule, RuleContext } from '../rule';
import { chineseNumeral } from '../text';
import { ROLE_NAMES, ROLE_ORDER } from '../signals';
import type { OutlineRole } from '../types';
import { citeEn } from '../documents';

const TITLES: Record<OutlineRole, string> = {
  achievements: '主要工作',
  problems: '存在的问题',
  causes: '原因分析',
  plans: '下步打算',
};

/** Placeholder bodies: what the seeds ask each part to say. */
const BODIES: Record<OutlineRole, string[]> = {
  achievements: ['写明本人履职所做的工作、采取的措施和取得的成效，用实例和数据说话'],
  problems: ['写明具体问题：哪项工作、哪件事、涉及哪些人、造成什么后果（见人见事见思路）', '写明个人履职尽责方面存在的问题'],
  causes: ['主观上：写明本人在思想认识、责任落实、能力作风方面的原因', '客观上：写明工作条件等方面的原因'],
  plans: ['针对问题一：写明整改内容、责任人和整改时限（如X月底前完成）', '针对问题二：写明可衡量的目标（如次数、比例）和完成时间'],
};

/**
 * How an inserted part opens in a report without an outline: with a lead the engine reads the
 * part from (signals.ts: PROBLEM_LEADS, CAUSE_LEADS, PLAN_LEADS), so the fix is seen as the part.
 */
const LEADS: Record<OutlineRole, string> = {
  achievements: '一年来，我主要做了以下工作：',
  problems: '存在的问题：',
  causes: '究其原因，',
  plans: '下一步，我将：',
};

/** In a report read from leads: before the first paragraph of a later part, else before the close. */
export function leadInsertionPoint(ctx: RuleContext, role: OutlineRole): number {
  const { model, derived } = ctx;
  for (const b of derived.bodyBlocks) {
    const r = model.blockRole[b];
    if (r !== 'other' && ROLE_ORDER[r] > ROLE_ORDER[role]) return model.blocks[b].start;
  }
  return model.closingBlock !== -1 ? model.blocks[model.closingBlock].start : model.text.length;
}

const SOURCES_EN: Record<OutlineRole, string> = {
  achievements: `${citeEn('市总机关党支部书记、党员述职评议考核工作实施方案')}: a duty report has three parts, main work, problems and next steps`,
  problems: `${citeEn('党建述职评价考核工作实施方案')}: a report that speaks only of achievements and not of problems is to be pointed out firmly and revised; where the problems are serious, it is to be rewritten`,
  causes: `${citeEn('党建述职评价考核工作实施方案')}: analyse the causes of the problems in depth, above all the subjective ones`,
  plans: `${citeEn('党建述职评价考核工作实施方案')}: set out the concrete corrective measures and the direction of future efforts; ${citeEn('双述双评活动实施方案')}: a corrective measure states what will be corrected, how, and by when`,
};

const SOURCES: Record<OutlineRole, string> = {
  achievements: '《市总机关党支部书记、党员述职评议考核工作实施方案》：述职报告分为主要工作、存在问题和下步打算3个部分',
  problems: '《党建述职评价考核工作实施方案》：只讲成绩、不讲问题的，要严肃指出、督促修改，问题突出的，要责令重写',
  causes: '《党建述职评价考核工作实施方案》：要深入分析存在问题的原因，特别是主观方面的原因',
  plans: '《党建述职评价考核工作实施方案》：讲清整改的具体措施和今后的努力方向；《双述双评活动实施方案》：整改措施要明确整改内容、整改措施和整改时限',
};

export const missingSection: Rule = {
  order: 1,
  name: { zh: '缺少部分', en: 'Missing part' },
  cap: 48,
  fix: 'insert',
  id: 'missing-section',
  description: { zh: '缺少主要工作、存在问题、原因分析、整改措施等部分', en: 'A part of the standard outline is missing' },
  defaultSeverity: 'error',
  tags: ['structure'],
  source: '《党建述职评价考核工作实施方案》：对“只讲成绩、不讲问题”“不分析问题原因”“整改措施空洞无物”的述职报告，“要严肃指出、督促修改”；《市总机关党支部书记、党员述职评议考核工作实施方案》：述职报告“分为主要工作、存在问题和下步打算3个部分”',
  check(ctx: RuleContext) {
    const { model, derived, profile } = ctx;
    const text = model.text;
    // An empty draft (nothing, a title, front matter) lacks every part: say so, or a reviewer's
    // ranking shows a blank page as 好; the fixes then scaffold the outline.
    const top = model.top;
    for (const role of requiredRoles(profile)) {
      if (derived.rolesPresent.has(role)) continue;
      // Causes written inside each problem item (究其原因、根子在、原因在于…) are causes given.
      if (role === 'causes' && model.inlineCauseBlocks.length) continue;
      // Where it belongs: after the last part that comes before it in the standard order.
      let after = -1;
      let before = -1;
      for (const si of top) {
        const r = model.sections[si].role;
        if (r === 'other') continue;
        if (ROLE_ORDER[r] < ROLE_ORDER[role]) after = si;
        else if (before === -1 && ROLE_ORDER[r] > ROLE_ORDER[role]) before = si;
      }
      let wanted: number;
      let number = 1;
      const leadOnly = model.sections.length === 0 && derived.bodyBlocks.length > 0;
      if (leadOnly) {
        // A report with no outline is read from its paragraph leads; a heading inserted into
        // it would turn it into an outlined report and change how every paragraph is read.
        wanted = leadInsertionPoint(ctx, role);
      } else if (after !== -1) {
        wanted = model.sections[after].end;
        number = top.indexOf(after) + 2;
      } else if (before !== -1) {
        wanted = model.sections[before].start;
        number = top.indexOf(before) + 1;
      } else if (model.closingBlock !== -1) {
        wanted = model.blocks[model.closingBlock].start;
        number = top.length + 1;
      } else {
        wanted = text.length;
        number = top.length + 1;
      }
      const style = styleOf(model, top);
      // Parts written as "一是…。" / "第一，…" paragraphs (as in seed 000): the new part is one
      // such paragraph too. A heading, or an "一是" list inside it, would re-nest the others.
      const leadStyled = style.kind === 'lead-shi' || style.kind === 'lead-di';
      const leadParts = leadStyled && !style.hashes;
      const head = headingLine(style, number, TITLES[role], 1);
      // An empty draft gets the whole scaffold at once: its work part lists the profile's
      // required topics, so a second fix-all does not come back to add them.
      const bodies =
        role === 'achievements' && derived.bodyBlocks.length === 0 && profile.topics.length
          ? profile.topics.map((t) => `${t.title.replace(/情况$/, '')}：${(t.hint ?? `写明${t.title}：具体做法、次数和成效`).replace(/。$/, '')}`)
          : BODIES[role];
      // Under a "## 三是…" heading an "一是…" body would stand beside it, not under it.
      const plainBody = leadStyled ? `${bodies.join('；')}。` : bodies.map((b, i) => `${chineseNumeral(i + 1)}是${b}。`).join('');
      const snippetBody = leadStyled ? `\${2:${snippetEscape(bodies.join('；'))}}。` : bodies.map((b, i) => `${chineseNumeral(i + 1)}是\${${i + 2}:${snippetEscape(b)}}。`).join('');
      const { offset, lead, tail, eol } = blockInsertion(model, wanted);
      const leadText = bodies.map((b, i) => `${chineseNumeral(i + 1)}是${b}`).join('；');
      const leadSnippet = bodies.map((b, i) => `${chineseNumeral(i + 1)}是\${${i + 2}:${snippetEscape(b)}}`).join('；');
      const anchorSec = after !== -1 ? after : before;
      const start = anchorSec !== -1 ? model.sections[anchorSec].titleStart : derived.anchor.start;
      const end = anchorSec !== -1 ? model.sections[anchorSec].titleEnd : derived.anchor.end;
      const name = ROLE_NAMES[role];
      const pos = after !== -1 ? `，应放在“${model.sections[after].title}”之后` : '';
      const posEn = after !== -1 ? `; it belongs after "${model.sections[after].title}"` : '';
      ctx.report({
        start,
        end,
        severity: role === 'causes' ? 'warning' : undefined,
        section: role,
        message: {
          zh: `缺少“${name.zh}”部分${pos}（${SOURCES[role]}）。`,
          en: `The report has no part on ${name.en}${posEn} (${SOURCES_EN[role]}).`,
        },
        fix: {
          title: { zh: `插入“${TITLES[role]}”部分`, en: `Insert the part on ${name.en}, "${TITLES[role]}"` },
          offset,
          newText: leadOnly
            ? `${lead}${LEADS[role]}${leadText}。${tail}`
            : leadParts
              ? `${lead}${head.text}。${bodies.join('；')}。${tail}`
              : `${lead}${head.text}${eol}${eol}${plainBody}${tail}`,
          snippet: leadOnly
            ? `${lead}${snippetEscape(LEADS[role])}${leadSnippet}。${tail}`
            : leadParts
              ? `${lead}${head.snippet}。\${2:${snippetEscape(bodies.join('；'))}}。${tail}`
              : `${lead}${head.snippet}${eol}${eol}${snippetBody}${tail}`,
        },
        weight: role === 'causes' ? 8 : 20,
      });
    }
  },
};
