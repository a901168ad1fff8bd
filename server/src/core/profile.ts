/** The profile stage: front matter, then the caller's choice, then the configuration, then what the report's own words say. */
import { findProfile, Knowledge } from './knowledge';
import type { ReportModel } from './model';
import type { AnalyzeOptions, Locale, Profile, ProfileChoice } from './types';

export function chooseProfile(model: ReportModel, knowledge: Knowledge, options: AnalyzeOptions, locale: Locale): { profile: Profile; choice: ProfileChoice } {
  const profiles = knowledge.profiles;
  const general = profiles.find((p) => p.id === 'general') ?? profiles[0];
  const make = (p: Profile, source: ProfileChoice['source'], zh: string, en: string) => ({
    profile: p,
    // The name a reader of this locale knows the profile by; the id stays for machines.
    choice: { id: p.id, name: locale === 'zh' ? p.name : p.nameEn, source, reason: locale === 'zh' ? zh : en, thresholds: { ...p.thresholds } },
  });
  const notes: string[] = [];
  const fmValue = model.frontMatter?.data?.profile;
  if (typeof fmValue === 'string' && fmValue.trim()) {
    const p = findProfile(profiles, fmValue);
    if (p) return make(p, 'front-matter', `文件开头写明“profile: ${fmValue}”`, `set at the top of the file: "profile: ${fmValue}"`);
    notes.push(locale === 'zh' ? `文件开头写的“profile: ${fmValue}”不是已知的述职类型` : `"profile: ${fmValue}" at the top of the file names no known profile`);
  } else if (model.frontMatter?.error) {
    notes.push(model.frontMatter.error[locale]);
  }
  if (options.profile) {
    const p = findProfile(profiles, options.profile);
    if (p) return make(p, 'option', `命令行或设置指定“${options.profile}”`, `set by option or setting: "${options.profile}"`);
    notes.push(locale === 'zh' ? `指定的述职类型“${options.profile}”不存在` : `the requested profile "${options.profile}" does not exist`);
  }
  if (options.config?.profile) {
    const p = findProfile(profiles, options.config.profile);
    if (p) return make(p, 'config', `配置文件指定“${options.config.profile}”`, `set in the configuration file: "${options.config.profile}"`);
  }
  const detected = detectProfile(model, profiles);
  const sep = locale === 'zh' ? '；' : '; ';
  const prefix = notes.length ? notes.join(sep) + sep : '';
  if (detected) {
    return make(
      detected.profile,
      'detected',
      `${prefix}从${detected.inTitle.length ? `标题中的“${detected.inTitle.join('、')}”` : ''}${detected.inTitle.length && detected.inBody.length ? '和' : ''}${detected.inBody.length ? `正文中的“${detected.inBody.slice(0, 4).join('、')}”` : ''}识别`,
      `${prefix}detected from ${[detected.inTitle.length ? `${quoteList(detected.inTitle)} in the title` : '', detected.inBody.length ? `${quoteList(detected.inBody.slice(0, 4))} in the text` : ''].filter(Boolean).join(' and ')}`,
    );
  }
  return make(general, 'default', `${prefix}未识别出特定述职类型，按通用述职报告检查`, `${prefix}no particular kind recognised; checked as a general report`);
}

/**
 * Title words that name the genre, not the reporter: 《镇开展“双述双评”工作实施方案》 has the
 * village Party secretary write a 述职述廉报告 too, so they only add to a kind's score.
 */
const GENRE_TITLES = new Set(['述职述廉', '勤廉双述']);

const quoteList = (words: string[]) => words.map((w) => `"${w}"`).join(', ');

function detectProfile(model: ReportModel, profiles: Profile[]): { profile: Profile; inTitle: string[]; inBody: string[] } | undefined {
  // The year is no part of a kind's name: "党员2024年度述职报告" reads as 党员述职报告.
  const titleText = (
    (typeof model.frontMatter?.data?.title === 'string' ? (model.frontMatter.data.title as string) : '') +
    (model.titleBlock !== -1 ? model.blockText(model.titleBlock) : '')
  ).replace(/(?:19|20)\d\d\s*年度?|年度/g, '');
  const candidates = profiles.filter((p) => p.id !== 'general');
  // Title phrases of every profile, where they stand; a phrase inside a longer one of any
  // profile does not count (党支部书记 inside 村党支部书记 says nothing of 机关).
  const titleHits: Span[] = [];
  for (const p of candidates) {
    for (const phrase of p.detect?.title ?? []) {
      if (!phrase) continue;
      for (let i = titleText.indexOf(phrase); i !== -1; i = titleText.indexOf(phrase, i + 1)) {
        titleHits.push({ profile: p.id, phrase, start: i, end: i + phrase.length });
      }
    }
  }
  const bodyHits: Span[] = [];
  const hits = model.hits;
  for (let i = 0; i < hits.length; i++) {
    const tag = hits.tag[i];
    if (tag.t === 'detect') bodyHits.push({ profile: tag.profile, phrase: model.text.slice(hits.start[i], hits.end[i]), start: hits.start[i], end: hits.end[i] });
  }
  const inTitle = distinctByProfile(outermost(titleHits));
  const inBody = distinctByProfile(outermost(bodyHits));
  const scored = candidates
    .map((p) => {
      const t = inTitle.get(p.id) ?? [];
      const b = inBody.get(p.id) ?? [];
      return { profile: p, inTitle: t, inBody: b, score: t.reduce((s, phrase) => s + 4 + phrase.length, 0) + Math.min(b.length, 8) * 1.5 };
    })
    .sort((a, b) => b.score - a.score);
  // A kind named in the title wins over body vocabulary of another kind; the reporter's role
  // in the title (村党支部书记) wins over a name of the genre (述职述廉), which several kinds use.
  // Two posts in one title (村党总支书记、村委会主任): the first named is the one reported on.
  // Only a post of four characters or more counts here: 社区 or 村干部 alone place, not name, a post.
  const firstRole = (c: (typeof scored)[number]) =>
    Math.min(Infinity, ...c.inTitle.filter((phrase) => !GENRE_TITLES.has(phrase) && phrase.length >= 4).map((phrase) => titleText.indexOf(phrase)));
  // 抓基层党建 names the report itself, which a Party secretary of any organisation makes
  // (城东社区党委书记抓基层党建工作述职): it outranks the post.
  const namesReport = (c: (typeof scored)[number]) => (c.inTitle.some((phrase) => phrase.includes('抓基层党建')) ? 0 : 1);
  const roleTitled = scored
    .filter((c) => c.inTitle.some((phrase) => !GENRE_TITLES.has(phrase)))
    .sort((a, b) => namesReport(a) - namesReport(b) || firstRole(a) - firstRole(b) || b.score - a.score);
  if (roleTitled.length) return roleTitled[0];
  const [best, second] = scored;
  if (!best) return undefined;
  // Otherwise the body must say the kind several times over, and clearly more than any other
  // kind, or a passing mention would switch the profile; a genre word in the title only adds
  // to its score (a county official's 述职述廉报告 is no village cadre's).
  // Two-character words (社区, 居民) are everyday vocabulary; specific phrases must carry it.
  const specific = best.inBody.filter((p) => p.length >= 3).length;
  if (best.inBody.length >= 3 && specific >= 2 && best.score - (second?.score ?? 0) >= 1.5) return best;
  return undefined;
}

interface Span {
  profile: string;
  phrase: string;
  start: number;
  end: number;
}

/** Drops spans that lie inside a longer span (of any profile). Linear after sorting. */
function outermost(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let coverStart = -1;
  let coverEnd = -1;
  for (const s of spans) {
    if (s.end <= coverEnd && (s.start > coverStart || s.end - s.start < coverEnd - coverStart)) continue;
    out.push(s);
    if (s.end > coverEnd) {
      coverStart = s.start;
      coverEnd = s.end;
    }
  }
  return out;
}

function distinctByProfile(spans: Span[]): Map<string, string[]> {
  const m = new Map<string, Set<string>>();
  for (const s of spans) {
    const set = m.get(s.profile) ?? new Set<string>();
    set.add(s.phrase);
    m.set(s.profile, set);
  }
  return new Map([...m].map(([k, v]) => [k, [...v]]));
}
