import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { analyze, parseConfig, PROFILE_IDS } from '../../server/src/core/index';
import { compileTemplate, SKIPPABLE } from '../../server/src/core/template';
import type { Finding, Lexicon, LexiconEntry, LexiconKind } from '../../server/src/core/types';

/**
 * The built-in lexicon as data: it keeps its schema, every kind has entries, entries are
 * written in their minimal form, and each family flags sentences of the genre (written here,
 * not taken from any labelled draft) while concrete sentences stay clean.
 */

// Bundled into test/out; the data and the schema stay where they are.
const repo = path.join(__dirname, '..', '..');
/** The built-in lexicon carries English beside the Chinese; a user's own entries need not. */
interface Bilingual extends Lexicon {
  kinds: (LexiconKind & { descriptionEn?: string })[];
  entries: LexiconEntry[];
}
const lexicon: Bilingual = JSON.parse(fs.readFileSync(path.join(repo, 'server/src/core/data/lexicon.json'), 'utf8'));
const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schemas/lexicon.schema.json'), 'utf8'));

/** A report with the standard outline; `work` goes into the work-done part. */
function report(work: string): string {
  return [
    '# 2024年度述职报告',
    '',
    '## 一、主要工作',
    '',
    work,
    '',
    '## 二、存在的问题',
    '',
    '一是3月的党员大会我没有提前发通知，6名党员缺席。',
    '',
    '## 三、下步打算',
    '',
    '1.2025年3月底前，由我牵头修订支部会议通知办法，每次会前3天通知到人。',
    '',
  ].join('\n');
}
const WORK_LINE = 4;

function vagueOn(work: string): Finding[] {
  const r = analyze(report(work), { profile: 'general' });
  return r.findings.filter((f) => f.rule === 'vague-phrase' && f.range.start.line === WORK_LINE);
}

const show = (fs: Finding[]) => JSON.stringify(fs.map((f) => [f.data?.phrase, f.data?.kind, f.range.start.character]));

describe('lexicon data', () => {
  it('is valid against schemas/lexicon.schema.json', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(lexicon);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 10), null, 1));
  });

  it('the schema refuses a slot at either end, an empty phrase, a gap out of range and an unknown kind', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const kind = lexicon.kinds[0].id;
    const bad = [
      { phrase: '…的坚强领导下', kind, reason: 'r' },
      { phrase: '在…', kind, reason: 'r' },
      { phrase: '在……', kind, reason: 'r' },
      { phrase: '', kind, reason: 'r' },
      { phrase: '在…坚强领导下', kind, reason: 'r', gap: 0 },
      { phrase: '在…坚强领导下', kind, reason: 'r', gap: 61 },
      { phrase: '坚强领导', kind, reason: 'r', gap: 10 },
      { phrase: '坚强领导', kind: 'no-such-kind', reason: 'r' },
      { phrase: '坚强领导', kind },
    ];
    for (const e of bad) assert.equal(validate({ kinds: lexicon.kinds, entries: [e] }), false, JSON.stringify(e));
    assert.equal(validate({ kinds: lexicon.kinds, entries: [{ phrase: '在…坚强领导下', kind, reason: 'r', gap: 20 }] }), true);
  });

  it('lists exactly the kind ids in the schema, and every entry has a listed kind', () => {
    const ids = lexicon.kinds.map((k) => k.id);
    assert.deepEqual(schema.definitions.entry.properties.kind.enum, ids);
    assert.equal(new Set(ids).size, ids.length, 'duplicate kind id');
    for (const e of lexicon.entries) assert.ok(ids.includes(e.kind), `${e.phrase}: unknown kind ${e.kind}`);
  });

  it('every kind has entries, a Chinese name and a description that cites no file number', () => {
    for (const k of lexicon.kinds) {
      assert.ok(lexicon.entries.some((e) => e.kind === k.id), `kind ${k.id} has no entries`);
      assert.match(k.name, /[\u4e00-\u9fff]/);
      assert.match(k.description, /《[^》]+》/, `${k.id}: cite the source document by its title`);
    }
    for (const t of [...lexicon.kinds.map((k) => k.description), ...lexicon.entries.flatMap((e) => [e.reason, e.suggest ?? ''])]) {
      assert.doesNotMatch(t, /seed|\b00\d\b|00\d[:：]/i, t);
    }
  });

  it('has no duplicate phrases', () => {
    const seen = new Map<string, string>();
    for (const e of lexicon.entries) {
      assert.ok(!seen.has(e.phrase), `"${e.phrase}" twice (${seen.get(e.phrase)} and ${e.kind})`);
      seen.set(e.phrase, e.kind);
    }
  });

  it('keeps no entry that is another one plus inserted function words (还、仍、了 …)', () => {
    // The matcher steps over these inside a phrase, so 取得了一定成效 is already 取得一定成效.
    const phrases = new Set(lexicon.entries.map((e) => e.phrase));
    for (const p of phrases) {
      for (let i = 1; i < p.length; i++) {
        if (!SKIPPABLE.includes(p[i])) continue;
        const shorter = p.slice(0, i) + p.slice(i + 1);
        assert.ok(!phrases.has(shorter), `"${p}" is "${shorter}" with ${p[i]} inserted: keep the shorter one`);
      }
    }
    for (const p of ['取得了一定成效', '理论学习还不够系统', '得到了一致好评']) assert.ok(!phrases.has(p), p);
  });

  it('every entry has a short Chinese reason, and a suggestion where it has one', () => {
    for (const e of lexicon.entries) {
      assert.match(e.reason, /[\u4e00-\u9fff]/, e.phrase);
      assert.ok(e.reason.length <= 60, `${e.phrase}: reason too long`);
      if (e.suggest !== undefined) assert.match(e.suggest, /[\u4e00-\u9fff]/, e.phrase);
    }
    const withSuggest = lexicon.entries.filter((e) => e.suggest).length;
    assert.ok(withSuggest / lexicon.entries.length > 0.95, `${withSuggest} of ${lexicon.entries.length} entries suggest something`);
  });

  it('no reason opens by quoting another phrase as if it were the one found', () => {
    // The message reads “严格要求自己”（…）：<reason>; a reason opening “强化意识”是… names the wrong words.
    const wrong = lexicon.entries.filter((e) => {
      const q = /^“([^”]+)”/.exec(e.reason)?.[1];
      if (q === undefined || q.includes('、')) return false; // a family listed by name
      return !q.split('…').every((part) => part === '' || e.phrase.includes(part)) && !e.phrase.split('…').every((part) => part === '' || q.includes(part));
    });
    assert.deepEqual(wrong.map((e) => `${e.phrase}: ${e.reason}`), []);
  });

  it('compiles every slot into fixed parts with a bounded gap', () => {
    let templates = 0;
    for (const e of lexicon.entries) {
      const tpl = compileTemplate(e);
      if (!e.phrase.includes('…')) {
        assert.equal(tpl, undefined, e.phrase);
        continue;
      }
      templates++;
      assert.ok(tpl, e.phrase);
      assert.ok(tpl.segments.length >= 2 && tpl.segments.every((s) => s.length > 0), e.phrase);
      assert.ok(tpl.gap >= 1 && tpl.gap <= 60, e.phrase);
      // A fixed part of one common character alone would make the anchor meaningless.
      assert.ok(tpl.segments[tpl.anchor].length >= 2, `${e.phrase}: anchor "${tpl.segments[tpl.anchor]}" too short`);
    }
    assert.ok(templates >= 50, `${templates} templates`);
  });
});

/** CJK characters and full-width punctuation: Chinese may appear in English text only as a quoted phrase or a 《title》. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const unquoted = (t: string) => t.replace(/《[^》]*》|“[^”]*”|"[^"]*"/g, '');
const GENERIC_EN = 'vague or formulaic wording; give facts instead.';

describe('lexicon in English', () => {
  it('every built-in entry has an English reason, and an English suggestion exactly where it has a Chinese one', () => {
    for (const e of lexicon.entries) {
      assert.ok(e.reasonEn, `${e.phrase}: no reasonEn`);
      assert.equal(e.suggestEn !== undefined, e.suggest !== undefined, `${e.phrase}: suggestEn without suggest or the other way round`);
    }
    for (const k of lexicon.kinds) assert.ok(k.descriptionEn, `kind ${k.id}: no descriptionEn`);
  });

  it('says one Chinese text in one English text, wherever it repeats', () => {
    const seen = new Map<string, string>();
    const same = (zh: string, en: string | undefined) => {
      assert.ok(en);
      assert.equal(seen.get(zh) ?? en, en, `"${zh}" has two English texts`);
      seen.set(zh, en);
    };
    for (const e of lexicon.entries) {
      same(e.reason, e.reasonEn);
      if (e.suggest) same(e.suggest, e.suggestEn);
    }
  });

  it('writes English sentences, with Chinese only inside quotes or a document title', () => {
    const texts = [...lexicon.kinds.map((k) => k.descriptionEn ?? ''), ...lexicon.entries.flatMap((e) => [e.reasonEn ?? '', e.suggestEn ?? ''].filter(Boolean))];
    for (const t of new Set(texts)) {
      assert.doesNotMatch(unquoted(t), CJK, t);
      assert.match(t, /^["A-Z《]/, `${t}: starts as a sentence`);
      assert.match(t, /[.]$/, `${t}: ends with a full stop`);
      assert.doesNotMatch(t, /seed|\b00\d\b|TODO/i, t);
      assert.ok(t.length <= 200 || lexicon.kinds.some((k) => k.descriptionEn === t), `${t}: too long for one message`);
    }
    // The check itself: Chinese outside quotes and titles is caught, inside them it is not.
    assert.match(unquoted('Delete 这句.'), CJK);
    assert.doesNotMatch(unquoted('"进一步" and 《党建述职评价考核工作实施方案》 are quoted.'), CJK);
  });

  it('the schema takes an entry without English and refuses an English suggestion with no Chinese one', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const kind = lexicon.kinds[0].id;
    assert.equal(validate({ kinds: lexicon.kinds, entries: [{ phrase: '在…坚强领导下', kind, reason: 'r', suggest: 's' }] }), true);
    assert.equal(validate({ kinds: lexicon.kinds, entries: [{ phrase: '在…坚强领导下', kind, reason: 'r', reasonEn: 'R.', suggestEn: 'S.' }] }), false);
    assert.equal(validate({ kinds: lexicon.kinds, entries: [{ phrase: '在…坚强领导下', kind, reason: 'r', reasonEn: ' ' }] }), false);
  });

  it('gives the entry\'s English reason and suggestion in the English message on the samples', () => {
    const byPhrase = new Map(lexicon.entries.map((e) => [e.phrase, e]));
    const nameEn = new Map(lexicon.kinds.map((k) => [k.id, k.nameEn]));
    let checked = 0;
    for (const f of fs.readdirSync(path.join(repo, 'samples')).filter((n) => n.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(repo, 'samples', f), 'utf8');
      const en = analyze(text, { locale: 'en' }).findings.filter((x) => x.rule === 'vague-phrase');
      const zh = analyze(text, { locale: 'zh' }).findings.filter((x) => x.rule === 'vague-phrase');
      assert.equal(en.length, zh.length, `${f}: the language changed what was found`);
      for (const x of en) {
        const e = byPhrase.get(String(x.data?.phrase));
        assert.ok(e && e.reasonEn, `${f}: ${x.message}`);
        const expected = `"${e.phrase}" (${nameEn.get(e.kind)}): ${e.reasonEn}${e.suggestEn ? ` Suggestion: ${e.suggestEn}` : ''}`;
        assert.equal(x.message, expected, f);
        assert.ok(!x.message.includes(GENERIC_EN), x.message);
        checked++;
      }
    }
    assert.ok(checked >= 3, `${checked} vague-phrase findings on the samples`);
  });

  it('falls back to the general English text, with the entry\'s own words quoted, for a user\'s own entry, even one that replaces a built-in phrase', () => {
    const yaml = [
      'lexicon:',
      '  add:',
      '    - phrase: 成绩喜人',
      '      kind: formulaic-praise',
      '      reason: 只下结论，没有数字。',
      '      suggest: 写出完成了多少。',
      '    - phrase: 兢兢业业',
      '      kind: formulaic-praise',
      '      reason: 本单位要求写明考核结果。',
    ].join('\n');
    const { config, problems } = parseConfig(yaml, '.duty-report.yaml', { profileIds: PROFILE_IDS });
    assert.deepEqual(problems, []);
    const text = report('全年工作成绩喜人，本人工作兢兢业业。');
    const en = analyze(text, { profile: 'general', config, locale: 'en' }).findings.filter((f) => f.rule === 'vague-phrase' && f.range.start.line === WORK_LINE);
    assert.deepEqual(
      en.map((f) => f.message),
      [
        `"成绩喜人" (Self-praise): ${GENERIC_EN} The lexicon's note: "只下结论，没有数字。"; suggestion: "写出完成了多少。".`,
        `"兢兢业业" (Self-praise): ${GENERIC_EN} The lexicon's note: "本单位要求写明考核结果。".`,
      ],
    );
    // Chinese keeps the user's own reason.
    const zh = analyze(text, { profile: 'general', config, locale: 'zh' }).findings.filter((f) => f.rule === 'vague-phrase' && f.range.start.line === WORK_LINE);
    assert.ok(zh.some((f) => f.message.includes('本单位要求写明考核结果。')), JSON.stringify(zh.map((f) => f.message)));
  });

  it("uses a user's own English reason and suggestion when the entry gives them", () => {
    const yaml = ['lexicon:', '  add:', '    - phrase: 成绩喜人', '      kind: formulaic-praise', '      reason: 只下结论，没有数字。', '      reasonEn: A verdict with no figure.', '      suggest: 写出完成了多少。', '      suggestEn: Say how much was done.'].join('\n');
    const { config, problems } = parseConfig(yaml, '.duty-report.yaml', { profileIds: PROFILE_IDS });
    assert.deepEqual(problems, []);
    const en = analyze(report('全年工作成绩喜人。'), { profile: 'general', config, locale: 'en' }).findings.filter((f) => f.rule === 'vague-phrase' && f.range.start.line === WORK_LINE);
    assert.deepEqual(en.map((f) => f.message), ['"成绩喜人" (Self-praise): A verdict with no figure. Suggestion: Say how much was done.']);
  });
});

/**
 * Sentences in the genre's voice, one family each. Every one must be flagged as vague-phrase
 * with a phrase of its family (in the work-done part, where every kind is vague-phrase's).
 */
const FAMILIES: Record<string, string[]> = {
  'leadership-preamble': [
    '在街道党工委的坚强领导下，我和社区两委班子完成了年初确定的任务。',
    '在县农业农村局党组的正确领导下，站里的工作按计划推进。',
    '在乡党委的坚强领导和县人大常委会的具体指导下，我依法履行代表职责。',
    '这些变化离不开区委的坚强领导。',
    '在全体干部职工的共同努力下，服务中心顺利通过验收。',
    '在局领导的关心支持下，我较快熟悉了新岗位。',
  ],
  'praise-received': [
    '这项做法得到了区委组织部领导的充分肯定。',
    '社区的上门服务受到居民群众的一致好评。',
    '志愿服务队赢得了沿街商户的广泛赞誉。',
    '我们的调解工作得到群众一致认可。',
    '这项便民措施深受老年人欢迎。',
    '窗口工作得到一致好评。',
  ],
  'good-situation': [
    '全乡形成了党员带头、群众参与、部门联动的良好局面。',
    '在机关内部营造了崇尚实干、争先进位的浓厚氛围。',
    '街道形成了上下贯通、协同推进的工作格局。',
    '为园区企业营造了公平有序的良好环境。',
  ],
  'closing-pledge': [
    '新的一年，我将为全县交通事业作出新的更大贡献。',
    '我将以更加扎实的举措回报党员群众的信任。',
    '今后我一定以实际行动回报组织的培养。',
    '为建设美丽乡村贡献自己的一份力量。',
    '决不辜负乡亲们的信任和重托。',
  ],
  'concessive-lead-in': [
    '一年来虽然做了一些工作，但离群众的期待还有不小差距。',
    '虽然取得了一些进步，但问题也不少。',
    '但与兄弟单位相比仍有不小差距。',
  ],
  'parallel-formula': [
    '我在工作中始终做到自重、自省、自警、自励。',
    '社区干部做到了想居民之所想、急居民之所急。',
    '全体干部做到了守规矩、讲规矩、明规矩。',
    '班子成员心往一处想、劲往一处使。',
  ],
  'outcome-claim': [
    '经过整治，镇区环境卫生明显好转。',
    '帮助群众解决了一大批急难愁盼问题。',
    '为明年的产业发展打下了坚实基础。',
    '为村里的集体经济注入了新的活力。',
    '党员队伍的整体素质持续增强。',
    '矛盾调处工作迈出了坚实步伐。',
    '重点项目建设取得新突破。',
    '居民的获得感、安全感不断增强。',
    '网格员的作用充分发挥。',
  ],
  slogan: ['全体党员撸起袖子加油干。', '推动各项工作再上新台阶。'],
  'inflated-adverb': ['我们进一步加强了窗口管理。', '大力推进移风易俗。'],
  'formulaic-praise': ['全年圆满完成了上级交办的各项任务。', '本人工作兢兢业业、任劳任怨。', '站里的工作取得了显著成效。'],
  'inflated-claim': ['全村面貌发生了翻天覆地的变化。', '多项工作走在全县前列。'],
  'empty-filler': ['时光荏苒，一年的工作即将结束。', '针对群众反映的难题采取了一系列措施。'],
  'boilerplate-problem': ['回头看，本人理论学习还不够系统。', '服务意识还有待加强。'],
  'empty-measure': ['这一年我注意加强理论学习。', '提高思想认识是第一位的。'],
};

describe('lexicon families on sentences of their genre', () => {
  it('covers every kind of the lexicon', () => {
    assert.deepEqual(Object.keys(FAMILIES).sort(), lexicon.kinds.map((k) => k.id).sort());
  });

  for (const [kind, sentences] of Object.entries(FAMILIES)) {
    it(`flags the ${kind} family`, () => {
      for (const s of sentences) {
        const found = vagueOn(s);
        assert.ok(
          found.some((f) => f.data?.kind === kind),
          `${kind}: nothing of the family in "${s}": ${show(found)}`,
        );
      }
    });
  }

  it('tolerates inserted function words and reports the whole formula of a template', () => {
    const [f] = vagueOn('在镇党委、镇政府的坚强领导下，我分管民政工作。').filter((x) => x.data?.kind === 'leadership-preamble');
    assert.ok(f);
    assert.equal(f.range.start.character, 0);
    assert.equal(f.range.end.character, '在镇党委、镇政府的坚强领导下'.length);
    assert.ok(vagueOn('我的工作方法比较简单。').some((x) => x.data?.phrase === '工作方法简单'));
    assert.ok(vagueOn('理论学习还不够系统。').some((x) => x.data?.phrase === '理论学习不够系统'));
  });

  it('lets a figure excuse an outcome claim, but not a closing pledge marked always', () => {
    assert.deepEqual(vagueOn('群众满意度由82%明显提升到93%。').filter((f) => f.data?.kind === 'outcome-claim'), []);
    assert.ok(vagueOn('2025年我将作出新的更大贡献。').some((f) => f.data?.kind === 'closing-pledge'));
  });

  it('does not reach across a clause stop to complete a template', () => {
    assert.deepEqual(vagueOn('在全镇推广，坚强领导下的班子更团结。').filter((f) => f.data?.kind === 'leadership-preamble'), []);
    assert.deepEqual(vagueOn('营造了空间。生态还要保护。').filter((f) => f.data?.kind === 'good-situation'), []);
  });
});

describe('lexicon on concrete writing', () => {
  it('leaves a specific problem alone, even when it says a thing did not improve', () => {
    const text = report('我全年走访农户126户。').replace(
      '一是3月的党员大会我没有提前发通知，6名党员缺席。',
      '一是西沟组的户厕改造拖了两个月，整改后河道卫生没有明显好转，责任在我没有盯紧工期。',
    );
    const r = analyze(text, { profile: 'general' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'vague-phrase' || f.rule === 'generic-problem').map((f) => f.message), []);
  });

  // Plain accounts with names, figures and consequences: nothing of the lexicon belongs there.
  const CONCRETE = [
    '4月，我带着村会计逐户核对了全村38户低保户的收入，停发2户，新纳入1户。',
    '桥头组的排水沟拖到汛期才完工，两户群众家里进了水，责任在我没有盯紧工期。',
    '我每周二上午在社区服务站接待居民，全年接待216人次，当场办结170件。',
    '镇卫生院答复后，我又到枫树湾组回访了三户老人，他们反映药品送到了。',
    '支部把“三会一课”的记录从纸质本改为共享表格，组织委员每月底检查一次。',
    '合作社去年亏损的原因是冷库电费太高，我找供电所改成了农业用电价。',
    '在县交通局支持下，西岭村通组公路于10月完工。',
    '我和调解主任上门四次，两家最后签了协议，这件事解决了。',
    '会议形成了三条决定，分别由村主任、会计和我负责落实。',
    '村民代表会议一致认可了补偿方案，表决票已归档。',
    '我在镇党委会上提出的建议，镇党委书记当场给予肯定。',
    '在镇水利站的技术指导下，我们完成了堰塘清淤。',
    '新的一年，我把两个后进组列为联系点。',
    '我和会计逐笔核对，做到了账实相符。',
  ];
  for (const s of CONCRETE) {
    it(`leaves alone: ${s.slice(0, 16)}…`, () => {
      assert.deepEqual(vagueOn(s).map((f) => f.data?.phrase), []);
    });
  }
});
