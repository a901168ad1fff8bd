/**
 * The rules stage: each rule reads the model and the derived facts and hands back findings,
 * which are checked (ranges inside the text), localised and weighed here. A rule that throws
 * becomes one finding of its own; the others run on.
 */
import type { Knowledge } from './knowledge';
import type { ReportModel } from './model';
import type { Derived, Rule, RuleContext } from './rule';
import { POINTS, type Points, type Weighed } from './score';
import { SEVERITIES, type FindingInit, type Locale, type Profile, type Severity, type SeveritySetting } from './types';

const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);

export function ruleSetting(v: unknown): SeveritySetting | undefined {
  if (typeof v === 'string') return v === 'off' || SEVERITY_SET.has(v) ? (v as SeveritySetting) : undefined;
  if (v && typeof v === 'object' && 'severity' in v) return ruleSetting((v as { severity?: unknown }).severity);
  return undefined;
}

export function runRule(
  rule: Rule,
  setting: SeveritySetting | undefined,
  model: ReportModel,
  profile: Profile,
  knowledge: Knowledge,
  locale: Locale,
  derived: Derived,
  out: Weighed[],
  points: Points,
): void {
  const len = model.text.length;
  const mine: Weighed[] = [];
  const ctx: RuleContext = {
    model,
    profile,
    knowledge,
    locale,
    derived,
    report(f: FindingInit & { severity?: Severity }) {
      // The engine checks what rules hand it, as markdownlint's onError does.
      if (!(Number.isFinite(f.start) && Number.isFinite(f.end) && f.start >= 0 && f.end >= f.start && f.end <= len)) {
        throw new Error(`rule ${rule.id} reported a bad range ${f.start}..${f.end}`);
      }
      const natural: Severity = f.severity ?? rule.defaultSeverity;
      // A setting equal to the rule's default changes nothing; another one rules every finding.
      const overridden = setting !== undefined && setting !== 'off' && setting !== rule.defaultSeverity;
      const severity: Severity = overridden ? (setting as Severity) : natural;
      const finding: Weighed = {
        rule: rule.id,
        severity,
        message: f.message[locale],
        range: model.index.range(f.start, f.end),
      };
      if (f.section) finding.section = f.section;
      if (f.topic) finding.topic = f.topic;
      if (f.fix) {
        const o = f.fix.offset;
        const e = f.fix.replaceEnd ?? o;
        if (!(o >= 0 && o <= len && e >= o && e <= len)) throw new Error(`rule ${rule.id} reported a bad fix offset ${o}`);
        finding.fix = { title: f.fix.title[locale], range: model.index.range(o, e), newText: f.fix.newText };
        if (f.fix.snippet) finding.fix.snippet = f.fix.snippet;
      }
      if (f.related) finding.related = f.related.map((r) => ({ message: r.message[locale], range: model.index.range(r.start, r.end) }));
      if (f.data) finding.data = f.data;
      // Points follow the severity the user set, when they set one; the tier's points are what the
      // finding weighs by the rule's own judgement, whatever the user set.
      points.set(finding, {
        weight: severity === 'hint' ? 0 : overridden ? POINTS[severity] : (f.weight ?? POINTS[severity]),
        natural: natural === 'hint' ? 0 : (f.weight ?? POINTS[natural]),
      });
      mine.push(finding);
    },
  };
  try {
    rule.check(ctx);
    // A loop, not push(...mine): a spread of 100k+ findings overflows the stack.
    for (const f of mine) out.push(f);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    out.push({
      rule: rule.id,
      severity: 'warning',
      message:
        locale === 'zh'
          ? `规则 ${rule.id} 内部错误，本条规则的结果已略去（其他规则照常）：${msg}`
          : `Internal error in rule ${rule.id}; its results are left out (other rules ran): ${msg}`,
      range: model.index.range(0, 0),
      data: { internalError: true },
    });
  }
}
