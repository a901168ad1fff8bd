/** The directives stage: `<!-- duty-report-disable … -->` and its kin silence findings by line. */
import { TEXT_KINDS } from './blocks';
import type { ReportModel } from './model';
import { RULE_IDS as RULE_ID_LIST } from './rules/ids';
import type { Finding } from './types';

const RULE_IDS: ReadonlySet<string> = new Set(RULE_ID_LIST);

export function applyDirectives<F extends Finding>(findings: F[], model: ReportModel): F[] {
  const dirs = model.directives;
  if (dirs.length === 0) return findings;
  // The disable/enable state after each directive, and the lines silenced one by one: one pass
  // over the directives, then a binary search per finding (a finding × directive loop was
  // quadratic on drafts with a directive on every line).
  // Only known rule ids matter (a finding never has another), which also keeps every set small:
  // a draft naming thousands of made-up rules must not make the copies below quadratic.
  const known = (rules: string[]) => rules.filter((r) => RULE_IDS.has(r));
  // A disable above all the report's text (where "本文件不再检查" puts it, after the front
  // matter) is for the whole file: it also covers findings on the front matter and the title.
  const firstText = model.blocks.find((b) => TEXT_KINDS.has(b.kind))?.line ?? Infinity;
  const states: { line: number; all: boolean; off: Set<string> }[] = [];
  const lineOff = new Map<number, Set<string> | 'all'>();
  let all = false;
  let off = new Set<string>();
  for (const d of dirs) {
    if (d.kind === 'disable' || d.kind === 'enable') {
      off = new Set(off);
      if (d.kind === 'disable') {
        if (d.rules.length === 0) all = true;
        else known(d.rules).forEach((r) => off.add(r));
      } else if (d.rules.length === 0) {
        all = false;
        off.clear();
      } else d.rules.forEach((r) => off.delete(r));
      states.push({ line: d.line < firstText ? -1 : d.line, all, off });
      continue;
    }
    const target = d.kind === 'disable-next-line' ? d.line + 1 : d.line;
    const prev = lineOff.get(target);
    if (prev === 'all') continue;
    if (d.rules.length === 0) lineOff.set(target, 'all');
    else {
      const set = prev ?? new Set<string>();
      known(d.rules).forEach((r) => set.add(r));
      lineOff.set(target, set);
    }
  }
  return findings.filter((f) => {
    const line = f.range.start.line;
    // The last state whose directive line is at or before the finding's line.
    let lo = 0;
    let hi = states.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (states[mid].line <= line) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at !== -1 && (states[at].all || states[at].off.has(f.rule))) return false;
    const silenced = lineOff.get(line);
    return !(silenced === 'all' || silenced?.has(f.rule));
  });
}
