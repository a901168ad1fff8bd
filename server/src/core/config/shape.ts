/**
 * The configuration file's shape, described once (with its parts in ruleShape.ts and
 * profileShape.ts). From this description come the checks of parseConfig (with their
 * messages), the JSON Schema schemas/duty-report.schema.json (schema.ts,
 * scripts/generate.js) and the type of a checked configuration, held against
 * DutyReportConfig in types.ts at compile time (the end of this file).
 */
import lexiconData from '../data/lexicon.json';
import type { DutyReportConfig, LexiconEntry, Locale, Profile, RuleSetting, SeveritySetting, Thresholds, Topic } from '../types';
import { boolean, list, named, nonBlank, number, oneOf, text, type Infer, type NotA } from './describe';
import { checked, object, optional, required, withDefault } from './object';
import { fromFile, PROFILE_CHOICE, PROFILES, THRESHOLDS, THRESHOLDS_BY_PROFILE, TOPIC } from './profileShape';
import { RULE_SETTING, RULE_SETTINGS } from './ruleShape';
import { closest, didYouMean, quoteList } from './suggest';
import { fullWidthHint } from './tree';

export { SEVERITY_SETTINGS } from './ruleShape';

const lexiconKinds = (lexiconData as { kinds: { id: string; name: string; nameEn: string }[] }).kinds;

/** The kinds a lexicon entry may have: the built-in lexicon's families, read from its data. */
export const LEXICON_KIND_IDS: readonly string[] = lexiconKinds.map((k) => k.id);

const LOCALES: readonly Locale[] = ['zh', 'en'];

// ---------------------------------------------------------------------------------------
// Lexicon

const LEXICON_ENTRY = named(
  'lexiconEntry',
  object(
    {
      phrase: required(nonBlank('要提示的词语；中间可变的部分写“…”，如“在…的坚强领导下” / The phrase to flag; write … for a variable middle, e.g. 在…的坚强领导下')),
      kind: required(
        oneOf(LEXICON_KIND_IDS, {
          expected: ['词语类别（文字）', 'a kind (string)'],
          invalid(value) {
            const [listZh, listEn] = quoteList(LEXICON_KIND_IDS);
            const [sZh, sEn] = didYouMean(closest(value, LEXICON_KIND_IDS), [`，应为 ${listZh} 之一。`, `; use one of ${listEn}.`]);
            return [`未知的词语类别“${value}”${sZh}该词条已忽略。`, `Unknown kind "${value}"${sEn} The entry is ignored.`];
          },
          doc: { description: '类别 / Kind', enumDescriptions: lexiconKinds.map((k) => `${k.name} / ${k.nameEn}`) },
        }),
      ),
      reason: withDefault(nonBlank('为什么空泛（一句话） / Why it is vague, one short sentence'), (at) => `${fromFile(at)} 中添加的词语`),
      suggest: optional(nonBlank('建议改写为 / What to write instead')),
      reasonEn: optional(nonBlank('英文的理由（英文界面显示） / The reason in English, for the English interface')),
      suggestEn: optional(nonBlank('英文的改写建议 / What to write instead, in English')),
      always: optional(boolean({ default: false, description: '即使句中有数字或日期也提示（口号、纯空话）/ Flag even in a sentence with a figure or date' })),
      gap: optional(
        number({
          integer: true,
          min: 1,
          max: 60,
          expected: ['1～60 的整数（字数）', 'a whole number from 1 to 60 (characters)'],
          invalid: (value, path) => [
            `“${path}”应为 1～60 的整数（一处“…”最多代表几个字），实际是 ${String(value)}。此项已忽略。`,
            `"${path}" should be a whole number from 1 to 60 (characters one … may hold), not ${String(value)}. It is ignored.`,
          ],
          doc: { description: '词语中有“…”时，每处“…”最多代表几个字（默认 24） / For a phrase with slots (…): the most characters one slot may hold (default 24)' },
        }),
      ),
    },
    { key: ['词条设置项', 'entry key'], entity: ['词条', 'Entry'], doc: { description: '词条 / Lexicon entry' } },
  ),
);

const LEXICON = object(
  {
    add: optional(list(LEXICON_ENTRY, { doc: { default: [], description: '补充的词条 / Extra entries' } })),
    allow: optional(
      list(text({ nonBlank: true }), {
        doc: { default: [], description: '不提示的词语（去掉内置词条，或豁免包含它的更长文字） / Phrases never flagged (removes built-in entries or exempts longer text containing them)' },
      }),
    ),
  },
  { key: ['词表设置项', 'lexicon key'], doc: { default: {}, description: '空话套话词表的补充与豁免 / Additions to and exemptions from the vague-phrase lexicon' } },
);

// ---------------------------------------------------------------------------------------
// The file

const LOCALE = oneOf(LOCALES, {
  expected: ['“zh”或“en”', '"zh" or "en"'],
  invalid(value) {
    const lower = value.toLowerCase();
    const suggestion = lower.startsWith('zh') || value.startsWith('中') ? 'zh' : lower.startsWith('en') || value.startsWith('英') ? 'en' : undefined;
    const [sZh, sEn] = didYouMean(suggestion, ['。', '.']);
    return [`“locale”的值“${value}”无效，应为“zh”或“en”${sZh}此项已忽略。`, `Invalid "locale" "${value}": use "zh" or "en"${sEn} It is ignored.`];
  },
  doc: { default: 'zh', description: '提示信息的语言 / Language of messages', enumDescriptions: ['中文 / Chinese', '英文 / English'] },
});

/** Not an object at all: nothing of the file can be used. */
const notAConfig: NotA = (_path, [zh, en], node) => {
  const [hintZh, hintEn] = node.kind === 'string' ? fullWidthHint(String(node.value)) : ['', ''];
  return [
    `配置文件的内容应为对象（键值对，如 { "profile": … } 或 profile: …），实际是${zh}${hintZh}。已使用默认设置。`,
    `The configuration should be an object (key/value pairs, such as { "profile": … } or profile: …), not ${en}${hintEn}. Defaults are used.`,
  ];
};

export const CONFIG = object(
  {
    $schema: checked(text({ doc: { description: '本文件所用的 JSON Schema / The JSON Schema of this file' } })),
    profile: optional(PROFILE_CHOICE),
    locale: optional(LOCALE),
    rules: optional(RULE_SETTINGS),
    thresholds: optional(THRESHOLDS_BY_PROFILE),
    profiles: optional(PROFILES),
    lexicon: optional(LEXICON),
  },
  {
    key: ['配置项', 'key'],
    notA: notAConfig,
    // Profiles first: `profile` and `thresholds` may name a profile defined in the file.
    order: ['$schema', 'profiles', 'profile', 'locale', 'rules', 'thresholds', 'lexicon'],
  },
);

// ---------------------------------------------------------------------------------------
// The types of types.ts and the description agree (a compile error here says where not).

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
type Kept = Infer<typeof CONFIG>;
type KeptProfile = NonNullable<Kept['profiles']>[number];

const agree: {
  config: Same<Kept, Omit<DutyReportConfig, 'profiles'> & { profiles?: KeptProfile[] }>;
  /** A profile in the file is a partial one, with its id. */
  profile: Same<KeptProfile, Partial<Profile> & { id: string }>;
  topic: Same<Infer<typeof TOPIC>, Topic>;
  thresholds: Same<Infer<typeof THRESHOLDS>, Thresholds>;
  entry: Same<Infer<typeof LEXICON_ENTRY>, LexiconEntry>;
  lexicon: Same<Infer<typeof LEXICON>, NonNullable<DutyReportConfig['lexicon']>>;
  ruleSetting: Same<Infer<typeof RULE_SETTING>, SeveritySetting | RuleSetting>;
} = { config: true, profile: true, topic: true, thresholds: true, entry: true, lexicon: true, ruleSetting: true };
void agree;
