/** The stats stage: what the scorecard shows besides the findings (字数, shares, outline, topics). */
import type { ReportModel } from './model';
import type { Derived } from './rule';
import type { AnalysisResult, Finding, OutlineRole, Profile, SectionStat } from './types';
import { OUTLINE_ROLES } from './types';

export function reportTitle(model: ReportModel): string | undefined {
  const fm = model.frontMatter?.data?.title;
  if (typeof fm === 'string' && fm.trim()) return fm.trim();
  if (model.titleBlock === -1) return undefined;
  // Trimmed by hand: /[\s　*#]+$/ backtracks quadratically on a long run of spaces mid-line.
  const t = model.blockText(model.titleBlock);
  const strip = (c: string) => c === '#' || c === '*' || c === '　' || /\s/.test(c);
  let a = 0;
  let b = t.length;
  while (a < b && strip(t[a])) a++;
  while (b > a && strip(t[b - 1])) b--;
  return t.slice(a, b) || undefined;
}

/** `findings`: those shown; `judged`: those and the ones of rules switched off, for counts that must not follow a setting. */
export function buildStats(model: ReportModel, derived: Derived, profile: Profile, findings: Finding[], judged: readonly Finding[] = findings): AnalysisResult['stats'] {
  const total = model.units;
  const share = (u: number) => (total > 0 ? Math.round((u / total) * 10000) / 10000 : 0);
  const stat = (si: number, depth: number): SectionStat => {
    const s = model.sections[si];
    return {
      role: s.role,
      title: s.title,
      range: model.index.range(model.blocks[s.block].start, s.end),
      units: s.units,
      share: share(s.units),
      level: depth,
      // The tree stops at three levels: deeper items are list detail, not outline.
      children: depth < 3 ? s.children.map((c) => stat(c, depth + 1)) : [],
    };
  };
  const shares = {} as Record<OutlineRole, number>;
  for (const r of OUTLINE_ROLES) shares[r] = share(derived.unitsByRole[r]);
  const ruleCounts: Record<string, number> = {};
  for (const f of findings) ruleCounts[f.rule] = (ruleCounts[f.rule] ?? 0) + 1;
  const vague = new Map<string, number>();
  for (const f of findings) {
    if (f.rule === 'vague-phrase' && typeof f.data?.phrase === 'string') vague.set(f.data.phrase, (vague.get(f.data.phrase) ?? 0) + 1);
  }
  return {
    units: total,
    shares,
    unitsByRole: derived.unitsByRole,
    sections: model.top.map((si) => stat(si, 1)),
    topics: profile.topics.map((t, i) => {
      const cov = derived.topics[i];
      const out: AnalysisResult['stats']['topics'][number] = { id: t.id, title: t.title, covered: cov.covered };
      if (cov.hit) out.range = model.index.range(cov.hit.start, cov.hit.end);
      if (cov.matched) out.matched = cov.matched;
      if (t.titleEn) out.titleEn = t.titleEn;
      return out;
    }),
    ruleCounts,
    vaguePhrases: [...vague].map(([phrase, count]) => ({ phrase, count })).sort((a, b) => b.count - a.count),
    paragraphsWithoutEvidence: judged.filter((f) => f.rule === 'no-evidence').length,
    items: {
      problems: { total: derived.items.filter((it) => it.role === 'problems' && !it.unfilled).length, generic: judged.filter((f) => f.rule === 'generic-problem').length },
      plans: {
        total: derived.items.filter((it) => it.role === 'plans' && !it.unfilled).length,
        vague: judged.filter((f) => f.rule === 'vague-measure').length,
        askOthers: judged.filter((f) => f.rule === 'vague-measure' && f.data?.asksOthers).length,
      },
    },
  };
}
