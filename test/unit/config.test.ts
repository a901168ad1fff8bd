import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { LEXICON_KIND_IDS, MAX_CONFIG_CHARS, SEVERITY_SETTINGS, closest, parseConfig } from '../../server/src/core/config';
import { configJsonSchema, configJsonSchemaText } from '../../server/src/core/config/schema';
import { CONFIG_FILE_NAMES, ConfigCache, findConfigFile, loadConfigFile } from '../../server/src/node/configFile';
import builtinProfiles from '../../server/src/core/data/profiles.json';
import { RULES } from '../../server/src/core/rules';
import { RULE_IDS } from '../../server/src/core/rules/ids';
import type { ConfigProblem, DutyReportConfig, Range } from '../../server/src/core/types';

const KNOWN = { profileIds: ['general', 'party-secretary', 'branch-secretary', 'party-member'] };

function json(text: string) {
  return parseConfig(text, '/ws/.duty-report.json', KNOWN);
}

function yaml(text: string) {
  return parseConfig(text, '/ws/.duty-report.yaml', KNOWN);
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in a text, in UTF-16 units. */
function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not in text`);
  }
  const pos = (off: number) => {
    const before = text.slice(0, off).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: pos(at), end: pos(at + needle.length) };
}

function only(problems: ConfigProblem[]): ConfigProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
  return problems[0];
}

/** Every result, whatever the input, must be well-formed. */
function assertWellFormed(result: { config: DutyReportConfig; problems: ConfigProblem[] }): void {
  assert.equal(typeof result.config, 'object');
  assert.ok(result.config !== null && !Array.isArray(result.config));
  assert.ok(Array.isArray(result.problems));
  for (const p of result.problems) {
    assert.ok(p.severity === 'error' || p.severity === 'warning');
    assert.equal(typeof p.message, 'string');
    assert.equal(typeof p.messageEn, 'string');
    assert.ok(p.message.length > 0 && p.messageEn.length > 0);
    assert.ok(!p.message.includes('内部错误'), p.messageEn);
    for (const pos of [p.range.start, p.range.end]) {
      assert.ok(Number.isInteger(pos.line) && pos.line >= 0);
      assert.ok(Number.isInteger(pos.character) && pos.character >= 0);
    }
  }
}

const FULL_JSON = `{
  // 机关党支部的设置
  "$schema": "./schemas/duty-report.schema.json",
  "profile": "branch-secretary",
  "locale": "en",
  "rules": {
    "vague-phrase": "info",
    "report-too-long": "off",
    "no-evidence": { "severity": "hint" }, /* 对象写法 */
  },
  "thresholds": {
    "branch-secretary": { "maxUnits": 1200, "maxAchievementShare": 0.5, "minProblemShare": 0.3 },
    "township": { "maxAchievementShare": 0.4 }
  },
  "profiles": [
    {
      "id": "township",
      "name": "乡镇干部述职",
      "nameEn": "Township cadre",
      "aliases": ["乡镇干部"],
      "source": "某某镇实施方案",
      "thresholds": { "maxUnits": 2000 },
      "topics": [
        { "id": "duty", "title": "履行岗位职责情况", "keywords": ["岗位职责", "履职"], "related": ["分管"], "hint": "写分管工作。" },
        { "id": "integrity", "title": "廉洁自律情况", "keywords": ["廉洁"], "source": "方案第三条" }
      ],
      "detect": { "title": ["乡镇"], "content": ["镇党委"] }
    }
  ],
  "lexicon": {
    "add": [
      { "phrase": "亮点纷呈", "kind": "formulaic-praise", "reason": "只下结论。", "suggest": "写出具体亮点。" },
      { "phrase": "撸起袖子加油干", "kind": "slogan", "always": true }
    ],
    "allow": ["进一步"]
  }
}
`;

const FULL_EXPECTED: DutyReportConfig = {
  profile: 'branch-secretary',
  locale: 'en',
  rules: { 'vague-phrase': 'info', 'report-too-long': 'off', 'no-evidence': { severity: 'hint' } },
  thresholds: {
    'branch-secretary': { maxUnits: 1200, maxAchievementShare: 0.5, minProblemShare: 0.3 },
    township: { maxAchievementShare: 0.4 },
  },
  profiles: [
    {
      id: 'township',
      name: '乡镇干部述职',
      nameEn: 'Township cadre',
      aliases: ['乡镇干部'],
      source: '某某镇实施方案',
      thresholds: { maxUnits: 2000 },
      topics: [
        { id: 'duty', title: '履行岗位职责情况', source: '配置文件 .duty-report.json', keywords: ['岗位职责', '履职'], related: ['分管'], hint: '写分管工作。' },
        { id: 'integrity', title: '廉洁自律情况', source: '方案第三条', keywords: ['廉洁'] },
      ],
      detect: { title: ['乡镇'], content: ['镇党委'] },
    },
  ],
  lexicon: {
    add: [
      { phrase: '亮点纷呈', kind: 'formulaic-praise', reason: '只下结论。', suggest: '写出具体亮点。' },
      { phrase: '撸起袖子加油干', kind: 'slogan', reason: '配置文件 .duty-report.json 中添加的词语', always: true },
    ],
    allow: ['进一步'],
  },
};

const FULL_YAML = `# 机关党支部的设置
$schema: ./schemas/duty-report.schema.json
profile: branch-secretary
locale: en
rules:
  vague-phrase: info
  report-too-long: off      # YAML 1.2: off stays a string
  no-evidence:
    severity: hint
thresholds:
  branch-secretary: { maxUnits: 1200, maxAchievementShare: 0.5, minProblemShare: 0.3 }
  township:
    maxAchievementShare: 0.4
profiles:
  - id: township
    name: 乡镇干部述职
    nameEn: Township cadre
    aliases: [乡镇干部]
    source: 某某镇实施方案
    thresholds:
      maxUnits: 2000
    topics:
      - id: duty
        title: 履行岗位职责情况
        keywords: [岗位职责, 履职]
        related:
          - 分管
        hint: 写分管工作。
      - { id: integrity, title: 廉洁自律情况, keywords: [廉洁], source: 方案第三条 }
    detect:
      title: [乡镇]
      content: [镇党委]
lexicon:
  add:
    - phrase: 亮点纷呈
      kind: formulaic-praise
      reason: 只下结论。
      suggest: 写出具体亮点。
    - { phrase: 撸起袖子加油干, kind: slogan, always: true }
  allow:
    - 进一步
`;

describe('parseConfig', () => {
  describe('valid files', () => {
    it('reads a full JSON configuration with comments and trailing commas', () => {
      const r = json(FULL_JSON);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.config, FULL_EXPECTED);
    });

    it('reads the same configuration written in YAML', () => {
      const r = parseConfig(FULL_YAML, 'C:\\ws\\.duty-report.yaml', KNOWN);
      assert.deepEqual(r.problems, []);
      const expected = JSON.parse(JSON.stringify(FULL_EXPECTED).replaceAll('.duty-report.json', '.duty-report.yaml'));
      assert.deepEqual(r.config, expected);
    });

    it('treats .yml like .yaml and .json by its ending, whatever the case', () => {
      assert.deepEqual(parseConfig('locale: en\n', 'a/.duty-report.yml', KNOWN), { config: { locale: 'en' }, problems: [] });
      assert.deepEqual(parseConfig('{"locale": "en"}', 'A/.DUTY-REPORT.JSON', KNOWN), { config: { locale: 'en' }, problems: [] });
    });

    it('accepts line and block comments in JSON', () => {
      const r = json('// 注释\n{ /* 块注释 */ "locale": "zh" // 行尾注释\n}\n/* 结尾 */');
      assert.deepEqual(r, { config: { locale: 'zh' }, problems: [] });
    });

    it('treats an empty file, blank text, comments alone, {} and a bare --- as an empty configuration', () => {
      for (const text of ['', '   \n\n', '// nothing yet\n', '/* */', '{}', '\uFEFF{}']) {
        assert.deepEqual(json(text), { config: {}, problems: [] }, JSON.stringify(text));
      }
      for (const text of ['', '\n', '# nothing yet\n', '---\n', '{}', '---\n# c\n...\n']) {
        assert.deepEqual(yaml(text), { config: {}, problems: [] }, JSON.stringify(text));
      }
    });

    it('accepts both spellings of a rule setting and every severity', () => {
      const rules: Record<string, unknown> = {};
      RULE_IDS.forEach((id, i) => {
        const sev = SEVERITY_SETTINGS[i % SEVERITY_SETTINGS.length];
        rules[id] = i % 2 ? sev : { severity: sev };
      });
      const r = json(JSON.stringify({ rules }));
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.config.rules, rules);
      assert.deepEqual(json('{"rules": {"vague-phrase": {}}}').config.rules, { 'vague-phrase': {} });
    });

    it('accepts thresholds at the edges: shares 0 and 1, maxUnits 1', () => {
      const r = json('{"thresholds": {"general": {"maxAchievementShare": 0, "minProblemShare": 1, "maxUnits": 1}}}');
      assert.deepEqual(r, { config: { thresholds: { general: { maxAchievementShare: 0, minProblemShare: 1, maxUnits: 1 } } }, problems: [] });
    });

    it('accepts a profile given by Chinese name or by the name or alias of a profile defined in the file', () => {
      assert.deepEqual(json('{"profile": "机关党支部书记述职"}'), { config: { profile: '机关党支部书记述职' }, problems: [] });
      const r = json('{"profile": "tz", "profiles": [{"id": "township", "aliases": ["tz"]}]}');
      assert.deepEqual(r.problems, []);
      assert.equal(r.config.profile, 'tz');
    });

    it('resolves YAML anchors and aliases', () => {
      const text = 'profiles:\n  - id: a\n    aliases: &names [甲, 乙]\n  - id: b\n    aliases: *names\n';
      const r = yaml(text);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.config.profiles, [
        { id: 'a', aliases: ['甲', '乙'] },
        { id: 'b', aliases: ['甲', '乙'] },
      ]);
    });

    it('counts CRLF line endings as one line break', () => {
      const text = '{\r\n  "locale": "fr"\r\n}\r\n';
      const p = only(json(text).problems);
      assert.deepEqual(p.range, rangeOf(text, '"fr"'));
      assert.deepEqual(p.range.start, { line: 1, character: 12 });
    });
  });

  describe('syntax errors', () => {
    it('reports malformed JSON at its line and column and applies nothing', () => {
      const text = '{\n  "rules": {\n    "vague-phrase": "off"\n    "no-evidence": "off"\n  }\n}';
      const r = json(text);
      assert.deepEqual(r.config, {});
      const p = only(r.problems);
      assert.equal(p.severity, 'error');
      assert.match(p.message, /^JSON 语法错误：缺少逗号/);
      assert.match(p.messageEn, /comma expected/);
      assert.deepEqual(p.range.start, { line: 3, character: 4 });
    });

    it('reports an unterminated JSON object at the end of the file', () => {
      const r = json('{\n  "locale": "zh"\n');
      assert.deepEqual(r.config, {});
      assert.equal(r.problems[0].severity, 'error');
      assert.deepEqual(r.problems[0].range.start, { line: 2, character: 0 });
    });

    it('points at a full-width colon and says so', () => {
      const text = '{"locale"："zh"}';
      const r = json(text);
      assert.deepEqual(r.config, {});
      const p = only(r.problems);
      assert.deepEqual(p.range, rangeOf(text, '：'));
      assert.match(p.message, /全角/);
      assert.match(p.messageEn, /full-width/);
    });

    it('reports malformed YAML at its line and column and applies nothing', () => {
      const text = 'locale: zh\nrules:\n  vague-phrase: off\n no-evidence: off\n';
      const r = yaml(text);
      assert.deepEqual(r.config, {});
      const p = r.problems[0];
      assert.equal(p.severity, 'error');
      assert.match(p.message, /^YAML 语法错误：缩进不正确/);
      assert.deepEqual(p.range.start, { line: 3, character: 0 });
    });

    it('reports tab indentation in YAML', () => {
      const r = yaml('rules:\n\tvague-phrase: off\n');
      assert.deepEqual(r.config, {});
      assert.match(r.problems[0].message, /制表符/);
      assert.deepEqual(r.problems[0].range.start, { line: 1, character: 0 });
    });

    it('reports a second YAML document', () => {
      const r = yaml('locale: zh\n---\nlocale: en\n');
      assert.deepEqual(r.config, {});
      assert.match(r.problems[0].message, /只能有一个 YAML 文档/);
      assert.equal(r.problems[0].range.start.line, 1);
    });

    it('positions a YAML error after non-BMP characters in UTF-16 units', () => {
      const text = 'profile: "𠮷𠮷\\q"\n';
      const r = yaml(text);
      assert.deepEqual(r.config, {});
      // The bad escape \q stands after 'profile: "' (10) and two surrogate pairs (4).
      assert.deepEqual(r.problems[0].range.start, { line: 0, character: 14 });
    });
  });

  describe('validation', () => {
    it('warns about an unknown top-level key, suggests the near one, and keeps the rest', () => {
      const text = '{\n  "rule": {"vague-phrase": "off"},\n  "locale": "en"\n}';
      const r = json(text);
      assert.deepEqual(r.config, { locale: 'en' });
      const p = only(r.problems);
      assert.equal(p.severity, 'warning');
      assert.equal(p.message, '未知的配置项“rule”，是否想写“rules”？此项已忽略。');
      assert.match(p.messageEn, /Unknown key "rule"; did you mean "rules"\?/);
      assert.deepEqual(p.range, rangeOf(text, '"rule"'));
    });

    it('lists the allowed keys when no key is near', () => {
      const p = only(json('{"colour": 1}').problems);
      assert.match(p.message, /“profile”/);
      assert.match(p.message, /“lexicon”/);
      assert.match(p.messageEn, /Allowed keys at the top level: "\$schema", "profile"/);
    });

    it('warns about an unknown rule and suggests the closest rule id', () => {
      const text = '{"rules": {"vage-phrase": "off", "no-evidence": "off"}}';
      const r = json(text);
      assert.deepEqual(r.config, { rules: { 'no-evidence': 'off' } });
      const p = only(r.problems);
      assert.equal(p.severity, 'warning');
      assert.equal(p.message, '未知的规则“vage-phrase”，是否想写“vague-phrase”？');
      assert.equal(p.messageEn, 'Unknown rule "vage-phrase"; did you mean "vague-phrase"?');
      assert.deepEqual(p.range, rangeOf(text, '"vage-phrase"'));
    });

    it('accepts a profile that requires no topic, and warns what that means, at the list', () => {
      const text = '{"profiles": [{"id": "party-member", "topics": []}]}';
      const r = json(text);
      const p = only(r.problems);
      assert.equal(p.severity, 'warning');
      assert.match(p.message, /“profiles\[0\]\.topics”为空：这个画像没有必述内容/);
      assert.match(p.messageEn, /requires no topic/);
      assert.deepEqual(p.range, rangeOf(text, '[]'));
      assert.deepEqual(r.config.profiles?.[0].topics, []);
    });

    it('lists the known rules when no rule id is near', () => {
      const p = only(json('{"rules": {"spelling": "off"}}').problems);
      assert.match(p.message, /未知的规则“spelling”/);
      for (const id of RULE_IDS) assert.ok(p.message.includes(id), id);
    });

    it('reports a bad severity as an error with a suggestion, in both spellings', () => {
      const text = '{"rules": {"vague-phrase": "warn", "no-evidence": {"severity": "eror"}, "missing-topic": "info"}}';
      const r = json(text);
      assert.deepEqual(r.config, { rules: { 'missing-topic': 'info' } });
      assert.equal(r.problems.length, 2);
      const [a, b] = r.problems;
      assert.equal(a.severity, 'error');
      assert.match(a.message, /级别“warn”无效.*是否想写“warning”/);
      assert.deepEqual(a.range, rangeOf(text, '"warn"'));
      assert.match(b.message, /是否想写“error”/);
      assert.deepEqual(b.range, rangeOf(text, '"eror"'));
    });

    it('translates ESLint-style numeric severities in its advice', () => {
      const r = json('{"rules": {"vague-phrase": 0, "no-evidence": 2, "missing-topic": true}}');
      assert.deepEqual(r.config, { rules: {} });
      assert.equal(r.problems.length, 3);
      assert.match(r.problems[0].message, /是否想写“off”/);
      assert.match(r.problems[1].message, /是否想写“error”/);
      assert.ok(r.problems.every((p) => p.severity === 'error'));
    });

    it('refuses a share of 1.5 and keeps the valid thresholds beside it', () => {
      const text = '{"thresholds": {"branch-secretary": {"maxAchievementShare": 1.5, "maxUnits": 800}}}';
      const r = json(text);
      assert.deepEqual(r.config, { thresholds: { 'branch-secretary': { maxUnits: 800 } } });
      const p = only(r.problems);
      assert.equal(p.severity, 'error');
      assert.match(p.message, /应在 0 到 1 之间，实际是 1\.5/);
      assert.deepEqual(p.range, rangeOf(text, '1.5'));
    });

    it('refuses negative shares, percentages, fractions written as text and bad maxUnits', () => {
      const text = `{"thresholds": {"general": {"maxAchievementShare": -0.1, "minProblemShare": "1/3", "maxUnits": 0},
        "party-member": {"maxAchievementShare": 50, "maxUnits": 12.5},
        "party-secretary": {"maxUnits": "1000", "minProblemShare": 1e400}}}`;
      const r = json(text);
      assert.deepEqual(r.config, { thresholds: { general: {}, 'party-member': {}, 'party-secretary': {} } });
      assert.equal(r.problems.length, 7);
      assert.ok(r.problems.every((p) => p.severity === 'error'));
      const byText = (needle: string) => r.problems.find((p) => JSON.stringify(p.range) === JSON.stringify(rangeOf(text, needle)));
      assert.match(byText('"1/3"')!.message, /请写成 0\.3333/);
      assert.match(byText('50')!.message, /50% 写作 0\.5/);
      assert.match(byText('12.5')!.message, /正整数/);
      assert.match(byText('"1000"')!.message, /应为正整数/);
      assert.ok(byText('1e400'));
    });

    it('warns about thresholds for a profile that is neither built-in nor defined', () => {
      const text = '{"thresholds": {"branch-secretry": {"maxUnits": 900}, "mine": {"maxUnits": 900}, "general": {"maxUnits": 900}}, "profiles": [{"id": "mine"}]}';
      const r = json(text);
      assert.deepEqual(r.config.thresholds, { mine: { maxUnits: 900 }, general: { maxUnits: 900 } });
      const p = only(r.problems);
      assert.equal(p.severity, 'warning');
      assert.match(p.message, /“branch-secretry”既不是内置的报告类型，也没有在“profiles”中定义，是否想写“branch-secretary”？/);
      assert.deepEqual(p.range, rangeOf(text, '"branch-secretry"'));
    });

    it('warns about an ASCII profile id it does not know, and keeps it', () => {
      const r = json('{"profile": "branch-secretry"}');
      assert.deepEqual(r.config, { profile: 'branch-secretry' });
      assert.match(only(r.problems).message, /是否想写“branch-secretary”/);
    });

    it('counts columns in UTF-16 units after a non-BMP character (JSON)', () => {
      const text = '{"$schema": "𠮷", "locale": "fr"}';
      const p = only(json(text).problems);
      // '{"$schema": "' is 13 units, 𠮷 is 2, '", "locale": ' is 13: the value starts at 28.
      assert.deepEqual(p.range, { start: { line: 0, character: 28 }, end: { line: 0, character: 32 } });
      assert.deepEqual(p.range, rangeOf(text, '"fr"'));
      assert.equal([...text.slice(0, text.indexOf('"fr"'))].length, 27, 'code points would be off by one');
    });

    it('counts columns in UTF-16 units after a non-BMP character (YAML)', () => {
      const text = 'profiles:\n  - {name: 𠮷𠮷乡镇, id: x, aliases: 乡镇}\n';
      const r = yaml(text);
      const p = only(r.problems);
      assert.deepEqual(p.range, rangeOf(text, '乡镇}'.slice(0, 2), 1));
      // "  - {name: " is 11 units, 𠮷𠮷 4, "乡镇, id: x, aliases: " 20; in code points it would be 33.
      assert.equal(p.range.start.character, 35);
      assert.deepEqual(r.config.profiles, [{ id: 'x', name: '𠮷𠮷乡镇' }]);
    });

    it('reports wrong types at every top-level key', () => {
      const text = '{"$schema": 3, "profile": true, "locale": 1, "rules": [], "thresholds": "x", "profiles": {}, "lexicon": 5}';
      const r = json(text);
      assert.deepEqual(r.config, {});
      assert.equal(r.problems.length, 7);
      assert.ok(r.problems.every((p) => p.severity === 'error'));
      assert.match(r.problems.find((p) => p.message.includes('“rules”'))!.message, /“rules”应为对象（键值对），实际是列表（数组）/);
      assert.deepEqual(r.problems.find((p) => p.message.includes('“profiles”'))!.range, rangeOf(text, '{}'));
    });

    it('reports wrong types inside profiles, topics and the lexicon, and keeps what is right', () => {
      const text = `{
  "profiles": [
    "township",
    { "name": "没有 id" },
    { "id": "" },
    { "id": "a", "name": 5, "aliases": "甲", "detect": { "title": "标题", "content": ["正文", 3] },
      "topics": [
        { "id": "t1", "title": "一", "keywords": "关键词" },
        { "id": "t2", "title": "二", "keywords": [] },
        { "id": "t3", "title": "三" },
        { "id": "t4", "title": "四", "keywords": ["", "有效"], "related": [1], "colour": "red" },
        { "id": "t4", "title": "重复", "keywords": ["x"] }
      ] },
    { "id": "a" }
  ],
  "lexicon": {
    "add": [
      { "phrase": "", "kind": "slogan" },
      { "phrase": "大力推进", "kind": "inflated" },
      { "phrase": "全面加强", "kind": "inflated-adverb", "always": "yes" },
      { "kind": "slogan" },
      "不是对象"
    ],
    "allow": ["", "  ", "进一步", 7]
  }
}`;
      const r = json(text);
      assertWellFormed(r);
      assert.deepEqual(r.config, {
        profiles: [
          {
            id: 'a',
            detect: { title: [], content: ['正文'] },
            topics: [{ id: 't4', title: '四', source: '配置文件 .duty-report.json', keywords: ['有效'], related: [] }],
          },
        ],
        lexicon: {
          add: [{ phrase: '全面加强', kind: 'inflated-adverb', reason: '配置文件 .duty-report.json 中添加的词语' }],
          allow: ['进一步'],
        },
      });
      const messages = r.problems.map((p) => p.message).join('\n');
      assert.match(messages, /“profiles\[0\]”应为对象/);
      assert.match(messages, /报告类型“profiles\[1\]”缺少必填项 “id”/);
      assert.match(messages, /“profiles\[2\]\.id”不能为空/);
      assert.match(messages, /“profiles\[3\]\.topics\[1\]\.keywords”至少要有一个关键词/);
      assert.match(messages, /必述内容“profiles\[3\]\.topics\[2\]”缺少必填项 “keywords”/);
      assert.match(messages, /“profiles\[3\]\.topics\[3\]\.keywords\[0\]”不能为空/);
      assert.match(messages, /有两个 id 为“t4”的必述内容/);
      assert.match(messages, /有两个 id 为“a”的报告类型/);
      assert.match(messages, /未知的必述内容设置项“profiles\[3\]\.topics\[3\]\.colour”/);
      assert.match(messages, /“lexicon\.add\[0\]\.phrase”不能为空/);
      assert.match(messages, /未知的词语类别“inflated”/);
      assert.match(messages, /“lexicon\.add\[2\]\.always”应为布尔值/);
      assert.match(messages, /词条“lexicon\.add\[3\]”缺少必填项 “phrase”/);
      assert.match(messages, /“lexicon\.allow\[1\]”不能为空/);
      assert.match(messages, /“lexicon\.allow\[3\]”应为文字/);
      const unknownKey = r.problems.find((p) => p.message.includes('colour'))!;
      assert.equal(unknownKey.severity, 'warning');
      assert.deepEqual(unknownKey.range, rangeOf(text, '"colour"'));
      // A problem about a whole object underlines its first line only.
      const noId = r.problems.find((p) => p.message.includes('profiles[1]'))!;
      assert.deepEqual(noId.range, rangeOf(text, '{ "name": "没有 id" }'));
    });

    it('refuses an unknown lexicon kind with a suggestion and never invents one', () => {
      const text = '{"lexicon": {"add": [{"phrase": "再创辉煌", "kind": "slogans"}, {"phrase": "非常", "kind": "adverb-custom"}]}}';
      const r = json(text);
      assert.deepEqual(r.config, { lexicon: { add: [] } });
      assert.equal(r.problems.length, 2);
      assert.ok(r.problems.every((p) => p.severity === 'error'));
      assert.match(r.problems[0].message, /未知的词语类别“slogans”，是否想写“slogan”？/);
      assert.deepEqual(r.problems[0].range, rangeOf(text, '"slogans"'));
      for (const kind of LEXICON_KIND_IDS) assert.ok(r.problems[1].message.includes(kind));
    });

    it('reports a bad locale with a suggestion', () => {
      const r = json('{"locale": "zh-CN"}');
      assert.deepEqual(r.config, {});
      assert.match(only(r.problems).message, /是否想写“zh”/);
    });

    it('warns about duplicate keys and keeps the last, as JSON.parse does', () => {
      const text = '{"locale": "zh", "locale": "en"}';
      const r = json(text);
      assert.deepEqual(r.config, { locale: 'en' });
      const p = only(r.problems);
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, rangeOf(text, '"locale"'));
    });

    it('keeps every valid part next to bad ones', () => {
      const text = `{
  "profile": "general",
  "locale": "de",
  "rules": {"vague-phrase": "off", "no-evidence": "loud", "vague-measure": {"severity": "hint", "x": 1}},
  "thresholds": {"general": {"maxUnits": -5, "minProblemShare": 0.25}},
  "lexicon": {"allow": ["切实", ""], "add": [{"phrase": "圆满完成", "kind": "formulaic-praise"}, {"phrase": "x"}]},
  "extra": true
}`;
      const r = json(text);
      assert.deepEqual(r.config, {
        profile: 'general',
        rules: { 'vague-phrase': 'off', 'vague-measure': { severity: 'hint' } },
        thresholds: { general: { minProblemShare: 0.25 } },
        lexicon: { allow: ['切实'], add: [{ phrase: '圆满完成', kind: 'formulaic-praise', reason: '配置文件 .duty-report.json 中添加的词语' }] },
      });
      assert.equal(r.problems.length, 7);
      // Sorted by place in the file.
      const starts = r.problems.map((p) => p.range.start.line * 1000 + p.range.start.character);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    });

    it('validates YAML the same way, with positions in the YAML file', () => {
      const text = 'profile: general\nrules:\n  vage-phrase: off\n  no-evidence: loud\nthresholds:\n  general:\n    maxAchievementShare: 1.5\n';
      const r = yaml(text);
      assert.deepEqual(r.config, { profile: 'general', rules: {}, thresholds: { general: {} } });
      assert.equal(r.problems.length, 3);
      assert.deepEqual(r.problems[0].range, rangeOf(text, 'vage-phrase'));
      assert.equal(r.problems[0].message, '未知的规则“vage-phrase”，是否想写“vague-phrase”？');
      assert.deepEqual(r.problems[1].range, rangeOf(text, 'loud'));
      assert.deepEqual(r.problems[2].range, rangeOf(text, '1.5'));
    });

    it('reports YAML non-string values where strings are needed, and empty values', () => {
      const text = 'profile:\nlexicon:\n  allow: [123, true, ~, 进一步]\n';
      const r = yaml(text);
      assert.deepEqual(r.config, { lexicon: { allow: ['进一步'] } });
      assert.equal(r.problems.length, 4);
      assert.match(r.problems[0].message, /“profile”应为文字（字符串），实际是空值/);
    });

    it('refuses a YAML key that is not plain text', () => {
      const r = yaml('? [a, b]\n: 1\nlocale: en\n');
      assert.deepEqual(r.config, { locale: 'en' });
      assert.match(only(r.problems).message, /键应为简单的文字/);
    });

    it('does not let "__proto__" keys reach the prototype', () => {
      const r = json('{"profiles": [{"id": "__proto__"}], "thresholds": {"__proto__": {"maxUnits": 5}}, "rules": {"__proto__": "off"}}');
      assertWellFormed(r);
      assert.equal(Object.getPrototypeOf(r.config.thresholds), Object.prototype);
      assert.deepEqual(Object.keys(r.config.thresholds!), ['__proto__']);
      assert.equal(({} as Record<string, unknown>).maxUnits, undefined);
      assert.deepEqual(r.config.rules, {});
    });
  });

  describe('top-level shapes', () => {
    it('refuses a top-level array, number, string or null', () => {
      for (const [text, kind] of [
        ['[1, 2]', '列表'],
        ['42', '数字'],
        ['"profile"', '文字'],
        ['null', '空值'],
      ] as const) {
        const r = json(text);
        assert.deepEqual(r.config, {}, text);
        const p = only(r.problems);
        assert.equal(p.severity, 'error');
        assert.ok(p.message.startsWith('配置文件的内容应为对象'), p.message);
        assert.ok(p.message.includes(kind), p.message);
        assert.deepEqual(p.range.start, { line: 0, character: 0 });
      }
      const y = yaml('- profile: general\n');
      assert.deepEqual(y.config, {});
      assert.match(only(y.problems).message, /实际是列表/);
    });

    it('hints at full-width punctuation when YAML reads as one string', () => {
      const r = yaml('locale：zh\n');
      assert.deepEqual(r.config, {});
      assert.match(only(r.problems).message, /全角/);
    });
  });

  describe('robustness', () => {
    it('never throws on binary junk, in either format', () => {
      let seed = 7;
      const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      for (let n = 0; n < 30; n++) {
        let junk = '';
        const len = Math.floor(rand() * 3000);
        for (let i = 0; i < len; i++) junk += String.fromCharCode(Math.floor(rand() * (n % 2 ? 0x110 : 0xffff)));
        for (const r of [json(junk), yaml(junk)]) assertWellFormed(r);
      }
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 17) % 256)).toString('latin1');
      const r = yaml(bytes);
      assertWellFormed(r);
      assert.ok(r.problems.length > 0);
    });

    it('never throws on mutilated valid configurations', () => {
      let seed = 11;
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
      for (const [source, parse] of [
        [FULL_JSON, json],
        [FULL_YAML, yaml],
      ] as const) {
        for (let n = 0; n < 300; n++) {
          let text = source;
          for (let k = 0; k < 1 + rand(4); k++) {
            const at = rand(text.length);
            const op = rand(3);
            if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + rand(20));
            else if (op === 1) text = text.slice(0, at) + '{}[]:,"\'-#&*!\n 0.5𠮷'[rand(17)] + text.slice(at);
            else text = text.slice(0, at) + text.slice(rand(text.length));
          }
          assertWellFormed(parse(text));
        }
      }
    });

    it('refuses deep nesting without overflowing the stack', () => {
      for (const text of ['['.repeat(100_000), '{"a":'.repeat(50_000), '['.repeat(100) + ']'.repeat(100)]) {
        const r = json(text);
        assertWellFormed(r);
        assert.deepEqual(r.config, {});
        assert.match(r.problems[0].message, /嵌套层次过深/);
      }
      for (const text of ['- '.repeat(100_000) + 'x', '['.repeat(100_000), 'a:\n' + Array.from({ length: 200 }, (_, i) => ' '.repeat(i + 1) + 'b:').join('\n')]) {
        const r = yaml(text);
        assertWellFormed(r);
        assert.deepEqual(r.config, {});
        assert.match(r.problems[0].message, /嵌套层次过深/);
      }
    });

    it('refuses a 10 MB string quickly', () => {
      const big = '{"lexicon": {"allow": [' + '"进一步",'.repeat(2_000_000) + '"x"]}}';
      assert.ok(big.length > 10_000_000);
      const started = Date.now();
      for (const r of [json(big), yaml(big)]) {
        assert.deepEqual(r.config, {});
        assert.match(only(r.problems).message, /配置文件过大/);
        assert.deepEqual(only(r.problems).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      }
      assert.ok(Date.now() - started < 2000);
    });

    it('reads a large but allowed file', () => {
      const text = '{"lexicon": {"allow": [' + '"进一步",'.repeat(50_000) + '"x"]}}';
      assert.ok(text.length < MAX_CONFIG_CHARS);
      assert.equal(json(text).config.lexicon!.allow!.length, 50_001);
    });

    it('stops YAML alias bombs and self-references', () => {
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
      const bomb = yaml('lexicon:\n  allow: *a9\n' + lines.join('\n') + '\n');
      assertWellFormed(bomb);
      assert.ok(bomb.problems.some((p) => /展开后内容过多/.test(p.message)));
      const self = yaml('lexicon: &x\n  allow: [进一步]\n  add: *x\n');
      assertWellFormed(self);
      assert.ok(self.problems.some((p) => /包含它自身/.test(p.message)));
    });

    it('reports at most a hundred problems, then says how many more', () => {
      const rules: Record<string, string> = {};
      for (let i = 0; i < 500; i++) rules[`rule-${i}`] = 'off';
      const r = json(JSON.stringify({ rules }));
      assert.equal(r.problems.length, 101);
      assert.match(r.problems[100].message, /另有 400 个问题未列出/);
    });

    it('never treats user text as a regular expression', () => {
      const r = json('{"lexicon": {"allow": ["(((", "[a-"], "add": [{"phrase": "*+?", "kind": "slogan"}]}, "rules": {"(.*)": "off"}}');
      assertWellFormed(r);
      assert.deepEqual(r.config.lexicon!.allow, ['(((', '[a-']);
    });
  });

  describe('closest', () => {
    it('suggests typos and prefixes, not strangers', () => {
      assert.equal(closest('vauge-phrase', RULE_IDS), 'vague-phrase');
      assert.equal(closest('Missing-Section', RULE_IDS), 'missing-section');
      assert.equal(closest('warn', SEVERITY_SETTINGS), 'warning');
      assert.equal(closest('x', SEVERITY_SETTINGS), undefined);
      assert.equal(closest('spelling', RULE_IDS), undefined);
      assert.equal(closest('a'.repeat(10_000), RULE_IDS), undefined);
    });
  });
});

// ---------------------------------------------------------------------------------------
// Files on disk

describe('configuration files', () => {
  let root: string;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'duty-report-config-')));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function write(rel: string, text: string | Buffer): string {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  it('names the three files, JSON first', () => {
    assert.deepEqual(CONFIG_FILE_NAMES, ['.duty-report.json', '.duty-report.yaml', '.duty-report.yml']);
  });

  it('finds the configuration upward from a nested folder', () => {
    const cfg = write('.duty-report.yml', 'locale: en\n');
    const deep = path.join(root, 'a', 'b', 'c');
    fs.mkdirSync(deep, { recursive: true });
    assert.equal(findConfigFile(deep), cfg);
    assert.equal(findConfigFile(root), cfg);
    // The nearest wins.
    const near = write('a/b/.duty-report.yaml', 'locale: zh\n');
    assert.equal(findConfigFile(deep), near);
  });

  it('prefers JSON to YAML in one folder', () => {
    write('.duty-report.yaml', 'locale: zh\n');
    write('.duty-report.yml', 'locale: zh\n');
    const j = write('.duty-report.json', '{}');
    assert.equal(findConfigFile(root), j);
    fs.rmSync(j);
    assert.equal(findConfigFile(root), path.join(root, '.duty-report.yaml'));
  });

  it('finds nothing in a tree without configuration', () => {
    const deep = path.join(root, 'x', 'y');
    fs.mkdirSync(deep, { recursive: true });
    const found = findConfigFile(deep);
    // Some folder above the temporary directory may hold one; none inside may.
    assert.ok(found === undefined || !found.startsWith(root), found);
  });

  it('loads and validates a file', () => {
    const file = write('.duty-report.json', '{"locale": "en", "rules": {"vage-phrase": "off"}}');
    const r = loadConfigFile(file, KNOWN);
    assert.equal(r.path, file);
    assert.deepEqual(r.config, { locale: 'en', rules: {} });
    assert.equal(only(r.problems).message, '未知的规则“vage-phrase”，是否想写“vague-phrase”？');
  });

  it('decodes UTF-8 with a byte-order mark and UTF-16 files', () => {
    const utf8 = write('a/.duty-report.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('profile: 机关党支部书记述职\n')]));
    assert.deepEqual(loadConfigFile(utf8, KNOWN).config, { profile: '机关党支部书记述职' });
    const utf16 = write('b/.duty-report.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"profile": "党员述职"}', 'utf16le')]));
    assert.deepEqual(loadConfigFile(utf16, KNOWN), { path: utf16, config: { profile: '党员述职' }, problems: [] });
  });

  it('turns a missing file, a directory and a too-large file into problems at 0:0', () => {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const missing = loadConfigFile(path.join(root, 'nope.json'), KNOWN);
    const dir = path.join(root, '.duty-report.json');
    fs.mkdirSync(dir);
    const asDir = loadConfigFile(dir, KNOWN);
    const big = write('big/.duty-report.json', '{"lexicon": {"allow": ["' + 'x'.repeat(1024 * 1024) + '"]}}');
    const tooBig = loadConfigFile(big, KNOWN);
    for (const [r, pattern] of [
      [missing, /找不到配置文件/],
      [asDir, /是一个文件夹/],
      [tooBig, /过大/],
    ] as const) {
      assert.deepEqual(r.config, {});
      const p = only(r.problems);
      assert.equal(p.severity, 'error');
      assert.match(p.message, pattern);
      assert.ok(p.messageEn.length > 0);
      assert.deepEqual(p.range, zero);
    }
    // A directory under a configuration name is found, then reported, not skipped silently.
    assert.equal(findConfigFile(root), dir);
  });

  it('turns a path it cannot stat (through a file, a symlink loop) into a problem', () => {
    const file = write('plain.txt', 'x');
    const through = loadConfigFile(path.join(file, '.duty-report.json'), KNOWN);
    assert.deepEqual(through.config, {});
    assert.equal(only(through.problems).severity, 'error');
    const loop = path.join(root, 'loop.json');
    fs.symlinkSync(loop, loop);
    const looped = loadConfigFile(loop, KNOWN);
    assert.deepEqual(looped.config, {});
    assert.match(only(looped.problems).message, /无法读取配置文件.*ELOOP/);
  });

  it('turns an unreadable file into a problem', function () {
    const file = write('.duty-report.json', '{}');
    fs.chmodSync(file, 0o000);
    try {
      fs.readFileSync(file);
      this.skip(); // running as root: permissions do not stop reading
    } catch {
      // expected: not readable
    }
    const r = loadConfigFile(file, KNOWN);
    assert.deepEqual(r.config, {});
    assert.match(only(r.problems).message, /无法读取配置文件.*EACCES/);
  });

  describe('ConfigCache', () => {
    it('reads a folder’s configuration once for a whole batch', () => {
      const cfg = write('.duty-report.json', '{"locale": "en"}');
      const cache = new ConfigCache(KNOWN);
      const first = cache.forFile(path.join(root, 'reports', 'r0.md'));
      assert.equal(first.path, cfg);
      assert.deepEqual(first.config, { locale: 'en' });
      // Changed on disk after the first read: the batch keeps what it read.
      fs.writeFileSync(cfg, '{"locale": "zh"}');
      for (let i = 1; i < 1000; i++) {
        assert.equal(cache.forFile(path.join(root, 'reports', `r${i}.md`)), first);
      }
      // Another folder under the same configuration shares the load too.
      assert.equal(cache.forFile(path.join(root, 'other', 'x.md')), first);
      cache.clear();
      assert.deepEqual(cache.forFile(path.join(root, 'reports', 'r0.md')).config, { locale: 'zh' });
    });

    it('caches lookups per folder until cleared', () => {
      const top = write('.duty-report.json', '{"locale": "en"}');
      const cache = new ConfigCache(KNOWN);
      const report = path.join(root, 'a', 'b', 'report.md');
      assert.equal(cache.forFile(report).path, top);
      const near = write('a/b/.duty-report.yaml', 'locale: zh\n');
      assert.equal(cache.forFile(report).path, top);
      cache.clear();
      const r = cache.forFile(report);
      assert.equal(r.path, near);
      assert.deepEqual(r.config, { locale: 'zh' });
    });

    it('uses an explicit configuration instead of discovery', () => {
      write('.duty-report.json', '{"locale": "en"}');
      const explicit = write('elsewhere/custom.yaml', 'profile: party-member\n');
      const cache = new ConfigCache(KNOWN);
      const r = cache.forFile(path.join(root, 'r.md'), explicit);
      assert.equal(r.path, explicit);
      assert.deepEqual(r.config, { profile: 'party-member' });
      const missing = cache.forFile(path.join(root, 'r.md'), path.join(root, 'missing.json'));
      assert.deepEqual(missing.config, {});
      assert.equal(missing.problems.length, 1);
    });

    it('returns an empty configuration and no problems where there is none', () => {
      const cache = new ConfigCache(KNOWN);
      const r = cache.forFile(path.join(root, 'x', 'r.md'));
      if (r.path === undefined) assert.deepEqual(r, { config: {}, problems: [] });
      else assert.ok(!r.path.startsWith(root)); // a configuration above the temporary folder
    });

    it('passes problems of a broken file through', () => {
      write('.duty-report.yaml', 'rules:\n\tvague-phrase: off\n');
      const r = new ConfigCache(KNOWN).forFile(path.join(root, 'r.md'));
      assert.deepEqual(r.config, {});
      assert.equal(r.problems[0].severity, 'error');
      assert.deepEqual(r.problems[0].range.start, { line: 1, character: 0 });
    });
  });
});

// ---------------------------------------------------------------------------------------
// The JSON Schema

describe('duty-report.schema.json', () => {
  function schemaPath(): string {
    for (const start of [__dirname, process.cwd()]) {
      let dir = start;
      for (;;) {
        const candidate = path.join(dir, 'schemas', 'duty-report.schema.json');
        if (fs.existsSync(candidate)) return candidate;
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    throw new Error('schemas/duty-report.schema.json not found');
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const load = (): any => JSON.parse(fs.readFileSync(schemaPath(), 'utf8'));

  it('is valid JSON, draft-07, and closed at every object', () => {
    const schema = load();
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'lexicon', 'locale', 'profile', 'profiles', 'rules', 'thresholds']);
    for (const def of ['thresholds', 'topic', 'profile', 'lexiconEntry']) assert.equal(schema.definitions[def].additionalProperties, false, def);
    // Chinese description first, English after " / ".
    assert.match(schema.description, /^[^\x00-\x7f].* \/ [A-Z]/);
  });

  it('lists exactly the rule ids of RULE_IDS, the severities and the lexicon kinds', () => {
    const schema = load();
    assert.deepEqual(Object.keys(schema.properties.rules.properties), [...RULE_IDS]);
    assert.equal(schema.properties.rules.additionalProperties, false);
    assert.deepEqual(schema.definitions.severity.enum, [...SEVERITY_SETTINGS]);
    assert.deepEqual(schema.definitions.lexiconEntry.properties.kind.enum, [...LEXICON_KIND_IDS]);
    assert.deepEqual(schema.properties.locale.enum, ['zh', 'en']);
  });

  it('offers the built-in profile ids for thresholds', () => {
    const schema = load();
    const ids = builtinProfiles.map((p: { id: string }) => p.id);
    assert.deepEqual(Object.keys(schema.properties.thresholds.properties), ids);
    assert.deepEqual(schema.definitions.profile.properties.id.examples, ids);
  });

  it('gives each rule its default severity', () => {
    const schema = load();
    for (const rule of RULES) assert.equal(schema.properties.rules.properties[rule.id].default, rule.defaultSeverity, rule.id);
  });

  it('is what the one description of the shape writes out (npm run generate)', () => {
    const file = fs.readFileSync(schemaPath(), 'utf8');
    assert.ok(file === configJsonSchemaText(), 'schemas/duty-report.schema.json is stale: run `npm run generate`');
  });

  it('takes each rule’s description, source and default severity from the rule', () => {
    const rules = configJsonSchema().properties as Record<string, { properties: Record<string, { description: string; markdownDescription: string; default: string }> }>;
    for (const rule of RULES) {
      const p = rules.rules.properties[rule.id];
      assert.equal(p.description, `${rule.description.zh} / ${rule.description.en}`);
      assert.ok(p.markdownDescription.includes(rule.source), rule.id);
      assert.ok(p.markdownDescription.endsWith(`\`${rule.defaultSeverity}\``), rule.id);
    }
  });

  it('offers the profiles it is given for thresholds and profile, and always the ids of RULE_IDS', () => {
    const schema = configJsonSchema({ profiles: [{ id: 'township', name: '乡镇干部述职', nameEn: 'Township cadre' }], rules: [] }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(Object.keys(schema.properties.thresholds.properties), ['township']);
    assert.equal(schema.properties.thresholds.properties.township.description, '“乡镇干部述职”的阈值 / Thresholds of "Township cadre"');
    assert.deepEqual(schema.properties.profile.examples, ['township', '乡镇干部述职']);
    // Rule ids come from RULE_IDS whatever the rules' texts.
    assert.deepEqual(Object.keys(schema.properties.rules.properties), [...RULE_IDS]);
  });

  it('compiles, and agrees with parseConfig on good and bad files', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(load());
    const good = JSON.parse(JSON.stringify(json(FULL_JSON).config));
    assert.ok(validate(good), JSON.stringify(validate.errors));
    assert.ok(validate({}));
    const bad = [
      { rule: {} },
      { rules: { 'vage-phrase': 'off' } },
      { rules: { 'vague-phrase': 'warn' } },
      { rules: { 'vague-phrase': { severity: 'off', x: 1 } } },
      { thresholds: { general: { maxAchievementShare: 1.5 } } },
      { thresholds: { general: { maxUnits: 0 } } },
      { thresholds: { general: { maxUnits: 1.5 } } },
      { profiles: [{ name: 'x' }] },
      { profiles: [{ id: 'x', topics: [{ id: 't', title: 'T' }] }] },
      { profiles: [{ id: 'x', topics: [{ id: 't', title: 'T', keywords: [] }] }] },
      { lexicon: { add: [{ phrase: '', kind: 'slogan' }] } },
      { lexicon: { add: [{ phrase: 'x', kind: 'custom' }] } },
      { lexicon: { allow: [''] } },
      { locale: 'fr' },
      { profile: 3 },
    ];
    for (const config of bad) {
      assert.equal(validate(config), false, `schema accepts ${JSON.stringify(config)}`);
      assert.ok(json(JSON.stringify(config)).problems.length > 0, `parseConfig accepts ${JSON.stringify(config)}`);
    }
  });

  it('agrees with parseConfig on thousands of mutated files: both come from one description', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(load());
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const keys = ['profile', 'locale', 'rules', 'profiles', 'id', 'name', 'aliases', 'topics', 'keywords', 'title', 'detect', 'content', 'kind', 'gap', 'always', 'severity', 'maxUnits', 'minProblemShare', 'vague-phrase', 'general', 'x'];
    const scalars = [0, 1, 2, -1, 0.5, 1.5, 61, true, false, null, '', ' ', 'off', 'warn', 'hint', 'zh', 'fr', '1/3', 'slogan', 'custom', 'general', 'x'];
    const mutate = (v: unknown, depth: number): unknown => {
      if (random() < 0.025) return depth > 3 || random() < 0.6 ? pick(scalars) : random() < 0.5 ? (random() < 0.3 ? [] : [pick(scalars)]) : { [pick(keys)]: pick(scalars) };
      if (Array.isArray(v)) return v.map((x) => mutate(x, depth + 1));
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) if (random() > 0.02) out[random() < 0.02 ? pick(keys) : k] = mutate(x, depth + 1);
        return out;
      }
      return v;
    };
    const base = JSON.parse(JSON.stringify(FULL_EXPECTED));
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const config = mutate(base, 0);
      const list = (config as { profiles?: unknown } | null)?.profiles;
      const profiles = Array.isArray(list) ? (list as unknown[]) : [];
      const ids = profiles.map((p) => (p && typeof p === 'object' ? (p as { id?: unknown }).id : undefined));
      const { problems } = json(JSON.stringify(config));
      const valid = validate(config);
      if (!valid) refused++;
      // What the schema cannot say: ids unique within a list (parseConfig drops the later one).
      const duplicates = new Set(ids).size < ids.length || problems.some((p) => p.messageEn.startsWith('Two '));
      if (problems.length === 0) assert.ok(valid, `schema refuses what parseConfig accepts: ${JSON.stringify(config)}\n${JSON.stringify(validate.errors)}`);
      if (valid && !duplicates) {
        accepted++;
        // Only warnings beyond the schema: an unknown profile id, thresholds for one, a profile without topics.
        assert.deepEqual(problems.filter((p) => p.severity === 'error'), [], `parseConfig refuses what the schema accepts: ${JSON.stringify(config)}`);
      }
    }
    // Enough of both kinds for the agreement to mean something.
    assert.ok(accepted > 200 && refused > 1000, `${accepted} mutated files valid, ${refused} refused`);
  });
});

describe('the default profile in a configuration file (issue 16)', () => {
  const { parseConfig } = require('../../server/src/core/config') as typeof import('../../server/src/core/config');
  const { PROFILE_IDS } = require('../../server/src/core/index') as typeof import('../../server/src/core/index');
  const problems = (profile: string) => parseConfig(JSON.stringify({ profile }), '.duty-report.json', { profileIds: PROFILE_IDS }).problems.map((p) => p.message);
  it('warns about an unknown Chinese profile name, which was ignored in silence', () => {
    assert.match(problems('社区网格员述职').join(''), /未知的述职类型“社区网格员述职”/);
  });
  it('accepts the built-in Chinese names and aliases', () => {
    assert.deepEqual(problems('党员'), []);
    assert.deepEqual(problems('机关党支部书记述职'), []);
  });
});
