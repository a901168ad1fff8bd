/** The directives stage: `<!-- duty-report-disable … -->` and its kin silence findings by line. */
import { TEXT_KINDS } from './blocks';
import type { ReportModel } from './model';
import { RULE_IDS as RULE_ID_LIST } from './rules/ids';
import type { Finding, Waiver } from './types';

/** Rules no comment can switch off: the one that asks for a comment's reason. */
const NOT_WAIVABLE: ReadonlySet<string> = new Set(['waiver-without-reason']);

const RULE_IDS: ReadonlySet<string> = new Set(RULE_ID_LIST);

/**
 * The findings the draft's comments leave, and each disabling comment with how many findings it
 * hid (enable comments only end one).
 */
export function applyDirectives<F extends Finding>(findings: F[], model: ReportModel): { kept: F[]; waivers: Waiver[] } {
  const dirs = model.directives;
  if (dirs.length === 0) return { kept: findings, waivers: [] };
  const waivers: Waiver[] = [];
  /** The waiver of each directive, by the directive's index. */
  const waiverOf: (Waiver | undefined)[] = dirs.map((d) => {
    if (d.kind === 'enable') return undefined;
    const w: Waiver = { kind: d.kind, rules: [...d.rules], line: d.line, hidden: 0 };
    if (d.reason) w.reason = d.reason;
    waivers.push(w);
    return w;
  });
  // The disable/enable state after each directive, and the lines silenced one by one: one pass
  // over the directives, then a binary search per finding (a finding × directive loop was
  // quadratic on drafts with a directive on every line).
  // Only known rule ids matter (a finding never has another), which also keeps every set small:
  // a draft naming thousands of made-up rules must not make the copies below quadratic.
  const known = (rules: string[]) => rules.filter((r) => RULE_IDS.has(r));
  // A disable above all the report's text (where "本文件不再检查" puts it, after the front
  // matter) is for the whole file: it also covers findings on the front matter and the title.
  const firstText = model.blocks.find((b) => TEXT_KINDS.has(b.kind))?.line ?? Infinity;
  // Each state remembers which comment switched each rule off, to count what it hid.
  const states: { line: number; all: number; off: Map<string, number> }[] = [];
  const lineOff = new Map<number, { all: number; off: Map<string, number> }>();
  let all = -1;
  let off = new Map<string, number>();
  dirs.forEach((d, i) => {
    if (d.kind === 'disable' || d.kind === 'enable') {
      off = new Map(off);
      if (d.kind === 'disable') {
        if (d.rules.length === 0) all = i;
        else known(d.rules).forEach((r) => off.set(r, i));
      } else if (d.rules.length === 0) {
        all = -1;
        off.clear();
      } else d.rules.forEach((r) => off.delete(r));
      states.push({ line: d.line < firstText ? -1 : d.line, all, off });
      return;
    }
    const target = d.kind === 'disable-next-line' ? d.line + 1 : d.line;
    let at = lineOff.get(target);
    if (!at) lineOff.set(target, (at = { all: -1, off: new Map() }));
    if (d.rules.length === 0) {
      if (at.all === -1) at.all = i;
    } else known(d.rules).forEach((r) => at!.off.has(r) || at!.off.set(r, i));
  });
  const kept = findings.filter((f) => {
    if (NOT_WAIVABLE.has(f.rule)) return true;
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
    const silenced = lineOff.get(line);
    const by = silenced ? (silenced.all !== -1 ? silenced.all : silenced.off.get(f.rule)) : undefined;
    const byState = at !== -1 ? (states[at].all !== -1 ? states[at].all : states[at].off.get(f.rule)) : undefined;
    const who = by ?? byState;
    if (who === undefined) return true;
    const w = waiverOf[who];
    if (w) w.hidden++;
    return false;
  });
  return { kept, waivers };
}
