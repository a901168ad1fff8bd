import type { RuleContext } from '../rule';
import type { OutlineRole } from '../types';

/** The top-level section of a role, or the document anchor, as offsets for a finding. */
export function roleAnchor(ctx: RuleContext, role: OutlineRole): { start: number; end: number } {
  const si = ctx.derived.sectionOfRole[role];
  if (si === undefined) return ctx.derived.anchor;
  const s = ctx.model.sections[si];
  return { start: s.titleStart, end: Math.max(s.titleEnd, s.titleStart) };
}

/** Below this 字数 shares say little: a half-written draft should not be scolded for proportions. */
export const MIN_UNITS_FOR_SHARES = 200;
