import lexiconData from './data/lexicon.json';
import profilesData from './data/profiles.json';
import { kindIndex, type Tag } from './hits';
import { FACTS, FactKind } from './facts';
import { SIGNALS, SignalKind } from './signals';
import { compileTemplate, SKIPPABLE } from './template';
import { PhraseMatcher } from './phraseMatcher';
import type { DutyReportConfig, Lexicon, LexiconEntry, OutlineRole, Profile, Thresholds } from './types';

export const BUILTIN_LEXICON = lexiconData as Lexicon;
export const BUILTIN_PROFILES = profilesData as Profile[];

/**
 * Roles a profile's standard outline requires. Seed 003 names three parts (主要工作、存在问题、
 * 下步打算); seed 002 also demands the causes ("要深入分析存在问题的原因").
 */
export function requiredRoles(profile: Profile): OutlineRole[] {
  if (profile.id === 'party-secretary') return ['achievements', 'problems', 'causes', 'plans'];
  return ['achievements', 'problems', 'plans'];
}

/** Everything that depends on the configuration but not on the report: built once, reused. */
export interface Knowledge {
  profiles: Profile[];
  lexicon: Lexicon;
  /** Allowed phrases: a lexicon hit inside one of these is not flagged. */
  allow: string[];
  matcher: PhraseMatcher<Tag>;
}

// Built once per configuration object: the language server keeps one merged configuration per
// folder settings and configuration file, and the CLI one per configuration file. A
// configuration with no lexicon, profiles or thresholds (the usual case, and what a worker
// thread receives as a fresh copy every time) shares the built-in knowledge.
let builtin: Knowledge | undefined;
const cache = new WeakMap<DutyReportConfig, Knowledge>();

export function knowledgeFor(config: DutyReportConfig | undefined): Knowledge {
  // A part that is not an object (a library caller's mistake) means nothing to build(); treat it as absent.
  const given = (v: unknown) => typeof v === 'object' && v !== null;
  if (!config || !(given(config.lexicon) || given(config.profiles) || given(config.thresholds))) return (builtin ??= build(undefined));
  let k = cache.get(config);
  if (!k) cache.set(config, (k = build(config)));
  return k;
}

/** How many times knowledge was built: tests count it to prove callers keep their configuration objects. */
export const knowledgeBuilds = { count: 0 };

function build(config: DutyReportConfig | undefined): Knowledge {
  knowledgeBuilds.count++;
  const profiles = mergeProfiles(BUILTIN_PROFILES, config);
  const allow = (config?.lexicon?.allow ?? []).filter((p) => typeof p === 'string' && p.length > 0);
  const allowSet = new Set(allow);
  const entries: LexiconEntry[] = [];
  const seen = new Set<string>();
  // Config entries first, so a user's entry overrides a built-in one with the same phrase.
  for (const e of [...(config?.lexicon?.add ?? []), ...BUILTIN_LEXICON.entries]) {
    if (!e || typeof e.phrase !== 'string' || e.phrase.length === 0 || seen.has(e.phrase) || allowSet.has(e.phrase)) continue;
    seen.add(e.phrase);
    entries.push(e);
  }
  const lexicon: Lexicon = { kinds: BUILTIN_LEXICON.kinds, entries };

  const matcher = new PhraseMatcher<Tag>(SKIPPABLE);
  for (const entry of entries) {
    const tpl = compileTemplate(entry);
    if (tpl) matcher.add(tpl.segments[tpl.anchor], { t: 'lex', entry, tpl });
    else {
      // A leading function word (较好完成, 得到有效解决) is stepped over when it follows the start of
      // another phrase, and the entry would be lost: match from the word after it.
      let p = entry.phrase;
      while (p.length > 3 && SKIPPABLE.includes(p[0])) p = p.slice(1);
      matcher.add(p, { t: 'lex', entry });
    }
  }
  for (const p of profiles) {
    p.topics.forEach((topic, i) => {
      // The seed's own title, written out, covers the topic (and makes the quick fix take).
      const own = topic.title.replace(/情况$/, '');
      if (own.length >= 4) matcher.add(own, { t: 'topic', profile: p.id, topic: i, strong: true });
      for (const kw of topic.keywords ?? []) matcher.add(kw, { t: 'topic', profile: p.id, topic: i, strong: true });
      for (const kw of topic.related ?? []) matcher.add(kw, { t: 'topic', profile: p.id, topic: i, strong: false });
    });
    for (const kw of p.detect?.content ?? []) matcher.add(kw, { t: 'detect', profile: p.id });
  }
  for (const kind of Object.keys(SIGNALS) as SignalKind[]) {
    for (const s of SIGNALS[kind]) matcher.add(s, { t: 'sig', kind, k: kindIndex(kind) });
  }
  for (const kind of Object.keys(FACTS) as FactKind[]) {
    for (const s of FACTS[kind]) matcher.add(s, { t: 'fact', kind, k: kindIndex(kind) });
  }
  return { profiles, lexicon, allow, matcher };
}

function mergeProfiles(builtin: Profile[], config: DutyReportConfig | undefined): Profile[] {
  const out = builtin.map((p) => ({ ...p, thresholds: { ...p.thresholds } }));
  for (const extra of config?.profiles ?? []) {
    if (!extra || typeof extra.id !== 'string') continue;
    const i = out.findIndex((p) => p.id === extra.id);
    if (i === -1) {
      out.push({
        id: extra.id,
        name: extra.name ?? extra.id,
        nameEn: extra.nameEn ?? extra.name ?? extra.id,
        aliases: extra.aliases ?? [],
        source: extra.source ?? '.duty-report',
        sourceEn: extra.sourceEn,
        thresholds: { ...(extra.thresholds ?? {}) },
        thresholdSources: { ...(extra.thresholdSources ?? {}) },
        topics: extra.topics ?? [],
        detect: { title: extra.detect?.title ?? [], content: extra.detect?.content ?? [] },
      });
    } else {
      const base = out[i];
      const sources = { ...base.thresholdSources };
      // A threshold set or sourced anew drops the built-in English source, which no longer applies.
      const sourcesEn = { ...base.thresholdSourcesEn };
      for (const key of Object.keys(extra.thresholds ?? {}) as (keyof Thresholds)[]) {
        sources[key] = '配置文件 profiles';
        sourcesEn[key] = 'the configuration file (profiles)';
      }
      Object.assign(sources, extra.thresholdSources ?? {});
      for (const key of Object.keys(extra.thresholdSources ?? {}) as (keyof Thresholds)[]) delete sourcesEn[key];
      out[i] = {
        ...base,
        ...extra,
        thresholds: { ...base.thresholds, ...(extra.thresholds ?? {}) },
        thresholdSources: sources,
        thresholdSourcesEn: sourcesEn,
        // A source given anew in Chinese only: the built-in English one would cite another text.
        sourceEn: extra.sourceEn ?? (extra.source !== undefined ? undefined : base.sourceEn),
        detect: { title: extra.detect?.title ?? base.detect.title, content: extra.detect?.content ?? base.detect.content },
        topics: extra.topics ?? base.topics,
        aliases: extra.aliases ?? base.aliases,
      } as Profile;
    }
  }
  for (const [id, t] of Object.entries(config?.thresholds ?? {})) {
    const p = out.find((q) => q.id === id);
    if (p) {
      p.thresholds = { ...p.thresholds, ...(t as Thresholds) };
      p.thresholdSources = { ...p.thresholdSources };
      p.thresholdSourcesEn = { ...p.thresholdSourcesEn };
      for (const key of Object.keys(t ?? {}) as (keyof Thresholds)[]) {
        p.thresholdSources[key] = '配置文件 thresholds';
        p.thresholdSourcesEn[key] = 'the configuration file (thresholds)';
      }
    }
  }
  return out;
}

/** Finds a profile by id, Chinese name or alias. */
export function findProfile(profiles: Profile[], key: string): Profile | undefined {
  const k = key.trim();
  return (
    profiles.find((p) => p.id === k) ??
    profiles.find((p) => p.name === k) ??
    profiles.find((p) => p.aliases?.includes(k)) ??
    profiles.find((p) => p.id.toLowerCase() === k.toLowerCase())
  );
}
