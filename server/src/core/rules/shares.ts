import type { RuleContext } from '../rule';
import type { FindingInit, OutlineRole } from '../types';
import { percent } from '../rule';

/** The top-level section of a role, or the document anchor, as offsets for a finding. */
export function roleAnchor(ctx: RuleContext, role: OutlineRole): { start: number; end: number } {
  const si = ctx.derived.sectionOfRole[role];
  if (si === undefined) return ctx.derived.anchor;
  const s = ctx.model.sections[si];
  return { start: s.titleStart, end: Math.max(s.titleEnd, s.titleStart) };
}

/** Below this 字数 shares say little: a half-written draft should not be scolded for proportions. */
export const MIN_UNITS_FOR_SHARES = 200;

const ROLE_WORDS: Record<OutlineRole, { zh: string; en: string }> = {
  achievements: { zh: '成绩部分', en: 'The achievements part' },
  problems: { zh: '问题部分', en: 'The problems part' },
  causes: { zh: '原因分析部分', en: 'The causes part' },
  plans: { zh: '措施部分', en: 'The plans part' },
};

/**
 * Related information pointing at other top-level parts with their size, so a share finding
 * shows where the words went (and where they are missing) without a second search.
 */
export function relatedParts(ctx: RuleContext, roles: readonly OutlineRole[]): FindingInit['related'] {
  const out: NonNullable<FindingInit['related']> = [];
  const total = ctx.model.units;
  for (const role of roles) {
    const si = ctx.derived.sectionOfRole[role];
    if (si === undefined || total === 0) continue;
    const s = ctx.model.sections[si];
    // 讲问题 counts its analysis of causes, as problems-too-short and the scorecard's bar do.
    const causes = role === 'problems' ? ctx.derived.unitsByRole.causes : 0;
    const units = ctx.derived.unitsByRole[role] + causes;
    const share = percent(units / total);
    const zh = causes > 0 ? '问题部分（含原因分析）' : ROLE_WORDS[role].zh;
    const en = causes > 0 ? 'The problems part (with its causes)' : ROLE_WORDS[role].en;
    out.push({
      message: { zh: `${zh}：${units} 字，占 ${share}`, en: `${en}: ${units} characters, ${share}` },
      start: s.titleStart,
      end: Math.max(s.titleEnd, s.titleStart),
    });
  }
  return out.length ? out : undefined;
}

/** The largest top-level section, as related information for a report that is too long. */
export function largestPart(ctx: RuleContext): NonNullable<FindingInit['related']> {
  let best = -1;
  for (const si of ctx.model.top) if (best === -1 || ctx.model.sections[si].units > ctx.model.sections[best].units) best = si;
  if (best === -1) return [];
  const s = ctx.model.sections[best];
  return [
    {
      message: { zh: `最长的部分“${s.title}”：${s.units} 字`, en: `Longest part "${s.title}": ${s.units} characters` },
      start: s.titleStart,
      end: Math.max(s.titleEnd, s.titleStart),
    },
  ];
}
