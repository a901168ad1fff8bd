/** The profiles part of the configuration's description: thresholds, topics, profiles, the default profile. */
import profilesData from '../data/profiles.json';
import type { Profile } from '../types';
import { list, named, nonBlank, number, record, refine, stringList, text, type At } from './describe';
import { object, optional, required, withDefault } from './object';
import { closest, quoteList } from './suggest';
import type { Msg } from './tree';

/** The source given to what the file adds without one. */
export const fromFile = (at: At) => `配置文件 ${at.ctx.fileLabel}`;

const SHARE = named(
  'share',
  number({
    min: 0,
    max: 1,
    expected: ['0 到 1 之间的数字（比例）', 'a number between 0 and 1 (a share)'],
    // "1/3" is how the seeds say it; tell the user the number to write.
    fromText(value, path) {
      const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(value);
      const ratio = m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : undefined;
      const hint = ratio !== undefined && ratio <= 1 ? `${Math.round(ratio * 10000) / 10000}` : undefined;
      return [
        `“${path}”应为 0 到 1 之间的数字（比例），实际是文字“${value}”${hint ? `，请写成 ${hint}` : ''}。此项已忽略。`,
        `"${path}" should be a number between 0 and 1 (a share), not the string "${value}"${hint ? `; write ${hint}` : ''}. It is ignored.`,
      ];
    },
    invalid(value, path) {
      const v = Number(value);
      const hint = Number.isFinite(v) && v > 1 && v <= 100;
      return [
        `“${path}”应在 0 到 1 之间，实际是 ${String(value)}${hint ? `（百分数请换算为小数，如 ${v}% 写作 ${v / 100}）` : ''}。此项已忽略。`,
        `"${path}" should be between 0 and 1, not ${String(value)}${hint ? ` (write a percentage as a fraction: ${v}% is ${v / 100})` : ''}. It is ignored.`,
      ];
    },
  }),
);

const THRESHOLD_KEY: Msg = ['阈值', 'threshold'];

export const THRESHOLDS = named(
  'thresholds',
  object(
    {
      maxAchievementShare: optional(SHARE, {
        doc: { description: '写成绩部分占全文字数的最大比例（0–1），如 0.5 表示不超过 1/2 / Largest share of the achievements part (0–1)' },
      }),
      minProblemShare: optional(SHARE, {
        doc: { description: '讲问题部分占全文字数的最小比例（0–1），如 0.3333 表示不少于 1/3 / Smallest share of the problems part (0–1)' },
      }),
      maxUnits: optional(
        number({
          integer: true,
          min: 1,
          expected: ['正整数（字数）', 'a positive whole number (characters)'],
          invalid: (value, path) => [
            `“${path}”应为正整数（字数），实际是 ${String(value)}。此项已忽略。`,
            `"${path}" should be a positive whole number (characters), not ${String(value)}. It is ignored.`,
          ],
          doc: { description: '全文字数上限（正整数）/ Largest 字数 of the whole report (positive integer)' },
        }),
      ),
    },
    { key: THRESHOLD_KEY, doc: { description: '阈值 / Thresholds' } },
  ),
);

/** The ids of the profiles defined in the file (checked before `profile` and `thresholds`). */
function definedProfiles(at: At): readonly Partial<Profile>[] {
  return (at.parent.profiles as Partial<Profile>[] | undefined) ?? [];
}

export const THRESHOLDS_BY_PROFILE = record(THRESHOLDS, {
  keys: (at) => [...new Set([...at.ctx.profileIds, ...definedProfiles(at).map((p) => p.id).filter((id): id is string => typeof id === 'string')])],
  unknown: (id, suggestion, [listZh, listEn]) => [
    `“thresholds”中的“${id}”既不是内置的报告类型，也没有在“profiles”中定义${suggestion ? `，是否想写“${suggestion}”？` : `。可用的报告类型 id：${listZh || '（无）'}。`}此项已忽略。`,
    `"${id}" in "thresholds" is neither a built-in profile nor defined in "profiles"${suggestion ? `; did you mean "${suggestion}"?` : `. Profile ids: ${listEn || '(none)'}.`} It is ignored.`,
  ],
  closed: false,
  schemaKeys: (ctx) => ctx.profiles.map((p) => ({ key: p.id, doc: { description: `“${p.name}”的阈值 / Thresholds of "${p.nameEn}"` } })),
  doc: {
    default: {},
    description: '按报告类型 id 覆盖阈值（篇幅比例、字数上限）/ Threshold overrides by profile id (shares, length limit)',
    markdownDescription:
      '按报告类型 id 覆盖阈值。键为内置报告类型的 id，或在 `profiles` 中定义的 id。\n\nThreshold overrides by profile id: a built-in id or one defined in `profiles`.\n\n```json\n"thresholds": { "branch-secretary": { "maxUnits": 1200 } }\n```',
  },
});

// ---------------------------------------------------------------------------------------
// Profiles

export const TOPIC = named(
  'topic',
  object(
    {
      id: required(nonBlank('必述内容的 id（报告类型内唯一，建议用短横线连接的英文） / Topic id, unique within the profile (kebab-case)')),
      title: required(nonBlank('必述内容的标题，如“履行岗位职责情况” / Title as the scheme words it')),
      titleEn: optional(nonBlank('英文标题，用于英文界面 / The title in English, for the English interface')),
      keywords: required(
        list(text({ nonBlank: true }), {
          empty: {
            severity: 'error',
            message: (path) => [
              `“${path}”至少要有一个关键词，否则无法判断是否写到了这项内容。整项已忽略。`,
              `"${path}" needs at least one keyword, or coverage cannot be told. The topic is ignored.`,
            ],
          },
          doc: { description: '关键词：报告中出现其中任一个即视为写到了 / Any one of these phrases in the report shows the topic is covered' },
        }),
      ),
      source: withDefault(nonBlank('出处，如“某某方案 三、述职内容 1” / Where it comes from'), fromFile),
      sourceEn: optional(nonBlank('英文出处，用于英文界面 / Where it comes from, in English')),
      related: optional(stringList('较弱的相关词：出现其中两个不同的也视为写到了 / Weaker phrases: two different ones together also show coverage')),
      hint: optional(text({ doc: { description: '快速修复插入此项时建议的正文 / Body text suggested by the quick fix' } })),
    },
    { key: ['必述内容设置项', 'topic key'], entity: ['必述内容', 'Topic'], doc: { description: '一项必述内容 / A required topic' } },
  ),
);

const TOPICS = list(TOPIC, {
  unique: {
    by: (t) => t.id,
    duplicate: (id, path) => [`“${path}”中有两个 id 为“${id}”的必述内容，后一个已忽略。`, `Two topics in "${path}" have the id "${id}"; the later one is ignored.`],
  },
  // Allowed (a profile may ask for no topics), but say what it means: nothing is required.
  empty: {
    severity: 'warning',
    message: (path) => [
      `“${path}”为空：这个画像没有必述内容，漏写任何内容都不会提示（missing-topic 不起作用）。`,
      `"${path}" is empty: this profile requires no topic, so nothing left out is reported (missing-topic does nothing).`,
    ],
  },
  doc: { description: '必述内容 / Required topics' },
});

export const PROFILE = named(
  'profile',
  object(
    {
      id: required(nonBlank('报告类型的 id；与内置 id 相同时覆盖内置报告类型 / Profile id; a built-in id overrides that profile'), {
        examples: (ctx) => ctx.profiles.map((p) => p.id),
      }),
      name: optional(nonBlank('中文名称 / Chinese name')),
      nameEn: optional(nonBlank('英文名称 / English name')),
      aliases: optional(stringList('前置元数据 profile: 中可用的其他名称 / Other names accepted in front matter profile:')),
      source: optional(nonBlank('出处（文件及段落） / Where the profile comes from')),
      sourceEn: optional(nonBlank('英文出处，用于英文界面 / Where the profile comes from, in English')),
      thresholds: optional(THRESHOLDS),
      thresholdSources: optional(
        object(
          {
            maxAchievementShare: optional(nonBlank('成绩比例上限的出处 / Source of maxAchievementShare')),
            minProblemShare: optional(nonBlank('问题比例下限的出处 / Source of minProblemShare')),
            maxUnits: optional(nonBlank('字数上限的出处 / Source of maxUnits')),
          },
          { key: THRESHOLD_KEY, doc: { description: '各阈值的出处，用于提示信息 / Where each threshold comes from, for messages' } },
        ),
      ),
      thresholdSourcesEn: optional(
        object(
          {
            maxAchievementShare: optional(nonBlank('成绩比例上限的英文出处 / Source of maxAchievementShare, in English')),
            minProblemShare: optional(nonBlank('问题比例下限的英文出处 / Source of minProblemShare, in English')),
            maxUnits: optional(nonBlank('字数上限的英文出处 / Source of maxUnits, in English')),
          },
          { key: THRESHOLD_KEY, doc: { description: '各阈值的英文出处，用于英文界面 / Where each threshold comes from, in English' } },
        ),
      ),
      topics: optional(TOPICS),
      // Profile.detect has both lists; an omitted one is empty.
      detect: optional(
        object(
          {
            title: withDefault(stringList('出现在标题中的词语（权重较高） / Phrases in the title (weigh more)'), () => []),
            content: withDefault(stringList('出现在正文中的词语 / Phrases in the body'), () => []),
          },
          { key: ['识别设置项', 'detect key'], doc: { description: '识别此类报告的词语 / Phrases that suggest this reporter kind' } },
        ),
      ),
    },
    {
      key: ['报告类型设置项', 'profile key'],
      entity: ['报告类型', 'Profile'],
      // The order the checks ran in before this description, so a file with more problems than
      // are listed lists the same ones.
      order: ['name', 'nameEn', 'source', 'sourceEn', 'aliases', 'thresholds', 'thresholdSources', 'thresholdSourcesEn', 'topics', 'detect', 'id'],
      doc: { description: '报告类型 / A profile (reporter kind)' },
    },
  ),
);

export const PROFILES = list(PROFILE, {
  unique: {
    by: (p) => p.id,
    duplicate: (id) => [`“profiles”中有两个 id 为“${id}”的报告类型，后一个已忽略。`, `Two entries of "profiles" have the id "${id}"; the later one is ignored.`],
  },
  doc: { default: [], description: '新增报告类型，或按相同 id 覆盖内置报告类型 / Extra profiles, or overrides of built-in ones (same id)' },
});

/**
 * The default profile: an id, or a name or alias of a built-in profile or of one the file
 * defines. An unknown one, Chinese or not, is warned about where it stands (the engine would
 * otherwise fall back to detection without a word); it is kept, and the engine says so too.
 */
export const PROFILE_CHOICE = refine(
  text({
    nonBlank: true,
    doc: {
      description: '默认的报告类型（id 或中文名称），报告的前置元数据 profile: 未指定时使用 / Default profile (id or Chinese name) when the report\'s front matter names none',
      markdownDescription: (ctx) =>
        "默认的报告类型（id 或中文名称）。报告开头的前置元数据 `profile:` 优先于此处。\n\nDefault profile (id or Chinese name); the report's front matter `profile:` takes precedence.\n\n" +
        ctx.profiles.map((p) => `- \`${p.id}\`：${p.name}`).join('\n'),
      examples: (ctx) => [...ctx.profiles.map((p) => p.id), ...ctx.profiles.map((p) => p.name)],
    },
  }),
  (value, node, at) => {
    const defined = definedProfiles(at);
    const names = new Set<string>(at.ctx.profileIds);
    // Built-in names and aliases count where the caller knows the built-in ids.
    if (at.ctx.profileIds.length > 0) {
      for (const pr of profilesData as { name: string; aliases?: string[] }[]) {
        names.add(pr.name);
        for (const a of pr.aliases ?? []) names.add(a);
      }
    }
    for (const pr of defined) {
      if (pr.id) names.add(pr.id);
      if (pr.name) names.add(pr.name);
      for (const a of pr.aliases ?? []) names.add(a);
    }
    if (!names.has(value) && at.ctx.profileIds.length > 0) {
      const ids = [...at.ctx.profileIds, ...defined.map((d) => d.id ?? '').filter(Boolean)];
      const suggestion = closest(value, ids);
      const [listZh, listEn] = quoteList(ids);
      at.warning(
        node.start,
        node.end,
        suggestion
          ? [`未知的述职类型“${value}”，是否想写“${suggestion}”？`, `Unknown profile "${value}"; did you mean "${suggestion}"?`]
          : [`未知的述职类型“${value}”。已知的类型：${listZh}（也可写中文名称）。`, `Unknown profile "${value}". Known profiles: ${listEn} (Chinese names are accepted too).`],
      );
    }
    return value;
  },
);

