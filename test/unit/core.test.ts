import * as assert from 'node:assert/strict';
import { analyze, RULES, RULE_IDS, PROFILE_IDS } from '../../server/src/core/index';
import { scanBlocks, matchMarker } from '../../server/src/core/blocks';
import { countUnits, LineIndex } from '../../server/src/core/text';
import { scanEvidence } from '../../server/src/core/evidence';
import { PhraseMatcher } from '../../server/src/core/phraseMatcher';

const lines = (...ls: string[]) => ls.join('\n');

/** A compact, good branch-secretary style report used by several tests. */
const GOOD = lines(
  '# 2024年度机关第二党支部书记述职报告',
  '',
  '各位领导、同志们：',
  '',
  '## 一、主要工作',
  '',
  '本人全年主持召开支委会12次、党员大会4次，讲党课3次，支部“三会一课”按时开展率100%。',
  '',
  '## 二、存在问题',
  '',
  '一是本人理论学习不够系统，全年自学笔记仅1.2万字，对《条例》的学习停留在读原文。二是支部2名党员连续3个月没有参加主题党日，我没有及时谈心谈话。',
  '',
  '## 三、原因分析',
  '',
  '主观上，本人把精力过多放在业务上，对党建工作的重视程度不够。',
  '',
  '## 四、下步打算',
  '',
  '一是本人每月自学不少于8小时，2025年6月底前完成《条例》专题学习。二是由我牵头，3月底前与2名党员逐一谈话。',
  '',
  '以上述职，请予评议。',
);

describe('字数 (countUnits)', () => {
  it('counts CJK characters and full-width punctuation one each', () => {
    assert.equal(countUnits('本人全年，'), 5);
  });
  it('counts a run of Latin letters or digits as one word', () => {
    assert.equal(countUnits('2024年'), 2);
    assert.equal(countUnits('开展率100%'), 4); // 开展率 + 100; an ASCII % is not counted
    assert.equal(countUnits('VS Code 插件'), 4);
    assert.equal(countUnits('1.5万'), 2);
  });
  it('counts a character outside the BMP as one', () => {
    assert.equal(countUnits('𠮷野家'), 3);
    assert.equal(countUnits('好😀'), 2);
  });
  it('does not count Markdown syntax, link targets or HTML comments', () => {
    const r = analyze('## 一、主要工作\n\n见[通知](https://example.invalid/a/b/c)。<!-- 批注不计 -->\n');
    // 一、主要工作 = 6; 见通知。 = 4
    assert.equal(r.stats.units, 10);
  });
  it('does not count front matter', () => {
    const r = analyze('---\nprofile: general\ntitle: 很长很长的标题\n---\n正文五个字\n');
    assert.equal(r.stats.units, 5);
  });
  it('sums the parts to the whole', () => {
    const r = analyze(GOOD);
    const byRole = r.stats.unitsByRole;
    assert.equal(byRole.achievements + byRole.problems + byRole.causes + byRole.plans + byRole.other, r.stats.units);
  });
});

describe('positions (UTF-16, LSP)', () => {
  it('counts a character outside the BMP as two columns', () => {
    const idx = new LineIndex('𠮷𠮷进一步\n第二行');
    assert.deepEqual(idx.positionAt(4), { line: 0, character: 4 });
    assert.deepEqual(idx.positionAt(10), { line: 1, character: 2 });
  });
  it('never puts a column inside a surrogate pair', () => {
    const idx = new LineIndex('a𠮷b');
    assert.deepEqual(idx.positionAt(2), { line: 0, character: 1 });
  });
  it('places a finding after 𠮷 and 😀 at the right column', () => {
    const text = lines('## 一、主要工作', '', '𠮷😀本人圆满完成了各项任务，大家一致好评。');
    const r = analyze(text);
    const f = r.findings.find((x) => x.rule === 'vague-phrase' && x.message.includes('圆满完成'));
    assert.ok(f, 'expected a vague-phrase finding on 圆满完成');
    // 𠮷 (2) + 😀 (2) + 本人 (2) = column 6
    assert.deepEqual(f.range.start, { line: 2, character: 6 });
    assert.deepEqual(f.range.end, { line: 2, character: 10 });
  });
  it('handles CRLF and CR line endings like LSP', () => {
    const idx = new LineIndex('一\r\n二\r三\n四');
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(idx.starts[2]), { line: 2, character: 0 });
    assert.equal(idx.lineEnd(0), 1);
    const crlf = GOOD.replace(/\n/g, '\r\n');
    const a = analyze(GOOD);
    const b = analyze(crlf);
    assert.deepEqual(
      b.findings.map((f) => [f.rule, f.range]),
      a.findings.map((f) => [f.rule, f.range]),
    );
    assert.equal(b.stats.units, a.stats.units);
  });
  it('keeps positions right after a BOM and front matter', () => {
    const text = '\ufeff---\nprofile: 机关党支部书记\n---\n' + GOOD;
    const r = analyze(text);
    assert.equal(r.profile.id, 'branch-secretary');
    assert.equal(r.profile.source, 'front-matter');
    const plain = analyze(GOOD, { profile: 'branch-secretary' });
    assert.deepEqual(
      r.findings.map((f) => f.range.start.line),
      plain.findings.map((f) => f.range.start.line + 3),
    );
  });
});

describe('outline markers', () => {
  const m = (s: string) => matchMarker(s, 0, s.length);
  it('recognises every GB/T 9704 level with full- and half-width brackets', () => {
    assert.equal(m('一、主要工作')?.kind, 'cn');
    assert.equal(m('（二）抓班子')?.kind, 'cn-paren');
    assert.equal(m('(二)抓班子')?.value, 2);
    assert.equal(m('3.加强学习')?.kind, 'arabic');
    assert.equal(m('3、加强学习')?.value, 3);
    assert.equal(m('（4）开展')?.kind, 'arabic-paren');
    assert.equal(m('⑤落实')?.value, 5);
    assert.equal(m('十二、其他')?.value, 12);
  });
  it('recognises 一是 and 第一， leads', () => {
    assert.equal(m('一是加强学习')?.kind, 'lead-shi');
    assert.equal(m('第三，抓落实')?.kind, 'lead-di');
  });
  it('does not take figures or words for markers', () => {
    assert.equal(m('1.5万元用于'), undefined);
    assert.equal(m('2024.3月'), undefined);
    assert.equal(m('第一书记驻村'), undefined);
    assert.equal(m('一年来，本人'), undefined);
    assert.equal(m('十分重视'), undefined);
  });
  it('nests mixed outlines: headings, plain markers and leads', () => {
    const text = lines('## 一、主要工作', '（一）抓班子', '一是定制度。', '二是抓学习。', '（二）抓队伍', '二、存在问题', '问题内容不够具体。');
    const scan = scanBlocks(text);
    assert.equal(scan.blocks.filter((b) => b.marker).length, 6);
    const r = analyze(text);
    assert.deepEqual(
      r.stats.sections.map((s) => [s.title, s.role, s.children.map((c) => c.title)]),
      [
        ['主要工作', 'achievements', ['抓班子', '抓队伍']],
        ['存在问题', 'problems', []],
      ],
    );
  });
  it('skips fenced code and HTML comments', () => {
    const scan = scanBlocks(lines('```', '一、不是提纲', '```', '<!--', '二、也不是', '-->', '三、是正文'));
    assert.deepEqual(
      scan.blocks.map((b) => b.kind),
      ['code', 'comment', 'paragraph'],
    );
  });
});

describe('roles', () => {
  it('reads roles from heading words', () => {
    const r = analyze(GOOD);
    assert.deepEqual(
      r.stats.sections.map((s) => s.role),
      ['achievements', 'problems', 'causes', 'plans'],
    );
  });
  it('does not take an achievement about fixing problems for a problems part', () => {
    const text = lines(
      '一、主要工作',
      '对巡察反馈的3个问题制定了整改措施，全部整改到位。',
      '二、问题整改落实情况',
      '本人牵头整改5项问题，已销号5项。',
    );
    const r = analyze(text);
    assert.deepEqual(
      r.stats.sections.map((s) => s.role),
      ['achievements', 'achievements'],
    );
    assert.ok(r.findings.some((f) => f.rule === 'missing-section' && f.section === 'problems'));
  });
  it('finds causes embedded in a problems part', () => {
    const text = lines('## 一、主要工作', '本人全年组织学习12次。', '## 二、问题和不足', '一是调研不深，全年只走访3个村。', '究其原因，主观上本人重视不够。', '## 三、下步打算', '3月底前走访全部12个村。');
    const r = analyze(text, { profile: 'party-secretary' });
    assert.ok(!r.findings.some((f) => f.rule === 'missing-section' && f.section === 'causes'), JSON.stringify(r.findings));
    assert.ok(r.stats.unitsByRole.causes > 0);
  });
  it('keeps a 计划生育 sub-section in the achievements part (bug: 计划 read as plans)', () => {
    const text = lines('一、主要工作', '（一）计划生育工作', '全村出生人口42人，办理生育登记38件。', '二、存在的问题', '我入户走访只有6次。', '三、下步打算', '3月底前走访全部12个组。');
    const r = analyze(text);
    assert.deepEqual(
      r.stats.sections[0].children.map((s) => s.role),
      ['achievements'],
    );
  });
  it('reads a combined heading as both roles', () => {
    const text = lines('一、主要工作', '本人全年组织学习12次。', '二、存在问题及整改措施', '一是调研不深，全年只走访3个村。', '下一步，我将在3月底前走访全部12个村。');
    const r = analyze(text);
    assert.ok(!r.findings.some((f) => f.rule === 'missing-section'), JSON.stringify(r.findings.map((f) => f.message)));
  });
});

describe('the report as a whole', () => {
  it('returns the documented shape', () => {
    const r = analyze(GOOD);
    assert.ok(['好', '中', '差'].includes(r.tier));
    assert.ok(r.score >= 0 && r.score <= 100);
    assert.equal(typeof r.profile.reason, 'string');
    for (const f of r.findings) {
      assert.ok(RULE_IDS.includes(f.rule as (typeof RULE_IDS)[number]));
      assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity));
    }
  });
  it('scores a good compact report 好 with no errors or warnings', () => {
    const r = analyze(GOOD, { profile: 'general' });
    const loud = r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(loud.map((f) => f.message), []);
    assert.equal(r.tier, '好');
  });
  it('traces every lost point to a finding', () => {
    const r = analyze('# 述职报告\n\n一、主要工作\n\n我们圆满完成了各项任务，取得了一定成效。\n');
    const lost = r.deductions.reduce((s, d) => s + d.points, 0);
    assert.equal(Math.round(100 - lost), r.score);
    for (const d of r.deductions) assert.equal(r.findings[d.finding].rule, d.rule);
  });
  it('never throws on odd input', () => {
    for (const t of ['', '\u0000\u0001', '\ud800', '---\n', '---\n: : :\n---\n', '#'.repeat(10000), '（'.repeat(5000), '一、'.repeat(3000)]) {
      const r = analyze(t);
      assert.ok(Array.isArray(r.findings));
    }
  });
  it('keeps the ids of its rules and its eight profiles stable', () => {
    // Ids users put in their settings never change; new rules come after them.
    const first = ['missing-section', 'missing-topic', 'achievement-too-long', 'problems-too-short', 'report-too-long', 'vague-phrase', 'no-evidence', 'generic-problem', 'no-subjective-cause', 'not-personal', 'vague-measure', 'outline-numbering', 'unfilled'];
    assert.deepEqual(RULES.slice(0, first.length).map((r) => r.id), first);
    assert.deepEqual([...PROFILE_IDS], ['general', 'party-secretary', 'branch-secretary', 'party-member', 'npc-deputy', 'village-committee', 'community-committee', 'village-secretary']);
  });
});

describe('inline control', () => {
  const text = lines('## 一、主要工作', '<!-- duty-report-disable vague-phrase -->', '本人圆满完成了任务。', '<!-- duty-report-enable vague-phrase -->', '本人圆满完成了任务。', '<!-- duty-report-disable-next-line -->', '本人圆满完成了任务。', '本人圆满完成了任务。<!-- duty-report-disable-line vague-phrase -->');
  it('honours disable/enable, disable-next-line and disable-line', () => {
    const r = analyze(text);
    const lines = r.findings.filter((f) => f.rule === 'vague-phrase').map((f) => f.range.start.line);
    assert.deepEqual(lines, [4]);
  });
});

describe('configuration in analyze', () => {
  it('turns a rule off and changes a severity', () => {
    const text = '## 一、主要工作\n\n本人圆满完成了任务。\n';
    assert.ok(analyze(text).findings.some((f) => f.rule === 'vague-phrase'));
    assert.ok(!analyze(text, { config: { rules: { 'vague-phrase': 'off' } } }).findings.some((f) => f.rule === 'vague-phrase'));
    const r = analyze(text, { config: { rules: { 'missing-section': { severity: 'hint' } } } });
    assert.ok(r.findings.filter((f) => f.rule === 'missing-section').every((f) => f.severity === 'hint'));
  });
  it('allows phrases and adds lexicon entries', () => {
    const text = '## 一、主要工作\n\n本人圆满完成了任务，推动工作提质增效。\n';
    const r = analyze(text, { config: { lexicon: { allow: ['圆满完成'], add: [{ phrase: '提质增效', kind: 'slogan', reason: '口号', always: true }] } } });
    const phrases = r.findings.filter((f) => f.rule === 'vague-phrase').map((f) => f.data?.phrase);
    assert.deepEqual(phrases, ['提质增效']);
  });
  it('overrides thresholds of a profile', () => {
    const r = analyze(GOOD, { profile: 'branch-secretary', config: { thresholds: { 'branch-secretary': { maxUnits: 100 } } } });
    assert.ok(r.findings.some((f) => f.rule === 'report-too-long'));
  });
  it('gives messages in English when asked', () => {
    const r = analyze('## 一、主要工作\n\n本人圆满完成了任务。\n', { locale: 'en' });
    // Chinese only in quotations of the report and in document titles (《…》), cited once in Chinese.
    assert.ok(r.findings.every((f) => !/[\u4e00-\u9fff]/.test(f.message.replace(/"[^"]*"|《[^》]*》/g, ''))), r.findings.map((f) => f.message).join('\n'));
  });
});

describe('evidence', () => {
  it('takes placeholders for what they are', () => {
    const t = '20xx年组织学习X次';
    assert.deepEqual(scanEvidence(t, 0, t.length), { figure: false, name: false, placeholder: true, quoted: 0 });
    const u = '2024年组织学习12次';
    assert.equal(scanEvidence(u, 0, u.length).figure, true);
    const v = '组织学习十二次，覆盖三个支部';
    assert.equal(scanEvidence(v, 0, v.length).figure, true);
    const w = '一是加强学习';
    assert.equal(scanEvidence(w, 0, w.length).figure, false);
  });
});

describe('PhraseMatcher', () => {
  it('finds overlapping phrases in one pass', () => {
    const m = new PhraseMatcher<string>();
    ['进一步', '进一步加强', '加强学习', '学习'].forEach((p) => m.add(p, p));
    const found: string[] = [];
    const t = '要进一步加强学习';
    m.scan(t, 0, t.length, (s, e, v) => found.push(`${s}-${e}:${v}`));
    assert.deepEqual(found.sort(), ['1-4:进一步', '1-6:进一步加强', '4-8:加强学习', '6-8:学习']);
  });
});

describe('quick fixes', () => {
  const apply = (text: string, fix: { range: { start: { line: number; character: number } }; newText: string }) => {
    const idx = new LineIndex(text);
    const at = idx.starts[fix.range.start.line] + fix.range.start.character;
    return text.slice(0, at) + fix.newText + text.slice(at);
  };
  it('inserts a missing part as its own heading after the last paragraph, in the report\'s style', () => {
    const text = lines('# 述职报告', '', '## 一、主要工作', '', '本人全年节约资金12万元。', '', '## 二、下步打算', '', '3月底前完成。');
    const r = analyze(text);
    const f = r.findings.find((x) => x.rule === 'missing-section' && x.section === 'problems');
    assert.ok(f?.fix);
    const fixed = apply(text, f.fix);
    assert.ok(fixed.includes('本人全年节约资金12万元。\n\n## 二、存在的问题\n\n'), fixed);
    assert.ok(fixed.includes('\n\n## 二、下步打算'), fixed);
    assert.ok(!analyze(fixed).findings.some((x) => x.rule === 'missing-section' && x.section === 'problems'));
    assert.ok(f.fix.snippet?.includes('${1:二、}'));
  });
  it('appends at the end of a file with no final newline', () => {
    const text = '一、主要工作\n本人全年节约资金12万元。';
    const f = analyze(text).findings.find((x) => x.rule === 'missing-section' && x.section === 'problems');
    const fixed = apply(text, f!.fix!);
    assert.ok(fixed.startsWith(text + '\n\n二、存在的问题\n\n'), JSON.stringify(fixed));
  });
  it('keeps CRLF line endings in what it inserts', () => {
    const text = '一、主要工作\r\n本人全年节约资金12万元。\r\n';
    const f = analyze(text).findings.find((x) => x.rule === 'missing-section');
    assert.ok(!/[^\r]\n/.test(f!.fix!.newText), JSON.stringify(f!.fix!.newText));
  });
  it('puts a report with no problems part in tier 差', () => {
    const r = analyze(lines('# 述职报告', '一、主要工作', '本人全年组织学习12次，走访群众30户。', '二、下步打算', '3月底前完成《条例》学习。'));
    assert.equal(r.tier, '差');
    assert.equal(r.title, '述职报告');
  });
});

describe('metadata', () => {
  it('has a docs page for every rule, linked from the README', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const root = path.join(__dirname, '..', '..');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const r of RULES) {
      assert.ok(fs.existsSync(path.join(root, r.docs)), `missing ${r.docs}`);
      assert.ok(readme.includes(`(${r.docs})`), `README does not link ${r.docs}`);
    }
  });
});

describe('core purity', () => {
  it('imports no vscode, LSP or Node built-ins under server/src/core', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const dir = path.join(__dirname, '..', '..', 'server', 'src', 'core');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.ts')) files.push(path.join(d, e.name));
      }
    };
    walk(dir);
    assert.ok(files.length > 10);
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      const bad = [...src.matchAll(/from '([^']+)'|require\('([^']+)'\)/g)]
        .map((m) => m[1] ?? m[2])
        .filter((m) => /^(vscode|vscode-languageserver|node:|fs$|path$|os$|child_process|worker_threads)/.test(m));
      assert.deepEqual(bad, [], path.relative(dir, f));
    }
  });
});

describe('regressions', () => {
  it('does not take the digit of a "1." marker for a figure that excuses a vague phrase', () => {
    const r = analyze(lines('# 述职报告', '## 一、主要工作', '1.切实加强理论学习，撰写心得。'));
    // Overlapping phrases resolve to the longer one (加强理论学习); either way one is reported.
    assert.ok(r.findings.some((f) => f.rule === 'vague-phrase' && f.range.start.line === 2), JSON.stringify(r.findings));
  });
  it('reads the text above "存在的问题：" labels as the work done', () => {
    const r = analyze(lines('2024年度个人述职报告', '我全年牵头完成37个项目的资金审核，审减金额186万元。', '存在的问题：', '我全年下基层调研只有6次，导致3个乡镇报账周期超过20天。', '下一步打算：', '3月底前由我牵头制定全年调研计划。'));
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section'), []);
    assert.ok(r.stats.shares.achievements > 0 && r.stats.shares.problems > 0 && r.stats.shares.plans > 0);
  });
  it('lets a kind named in the title win over body words of another kind', () => {
    const body = '本人作为抓基层党建第一责任人，整顿软弱涣散基层党组织，党委书记、党组书记带头。';
    const r = analyze(lines('# 村书记述职报告', '', body));
    assert.equal(r.profile.id, 'village-secretary', r.profile.reason);
  });
  it("takes the reporter's post in the title over the genre word 述职述廉 and the village words in the body", () => {
    const body = '全年召开村民代表会议9次，村集体经济收入达到31万元，村级道路硬化4.2公里，村民大会通过村规民约修订。';
    const r = analyze(lines('# 桂花村党支部书记2024年度述职述廉报告', '', body));
    assert.equal(r.profile.id, 'village-secretary', r.profile.reason);
  });
  it('does not make a county official a village cadre for the genre word 述职述廉 alone', () => {
    const body = '我分管城建和交通工作，全年完成老旧小区改造17个，新建停车位1200个，牵头办理人大建议8件。';
    const r = analyze(lines('# 副县长2024年度个人述职述廉报告', '', body));
    assert.equal(r.profile.id, 'general', r.profile.reason);
  });
  it('takes the post named first when the title names two', () => {
    const body = '全年召开村民代表会议9次，村集体经济收入达到31万元，村委会换届后新建议事制度。';
    const r = analyze(lines('# 桂花村党总支书记、村委会主任述职报告', '', body));
    assert.equal(r.profile.id, 'village-secretary', r.profile.reason);
  });
  it("does not take the author's post and name set as a heading for a part of the report", () => {
    const r = analyze(lines('# 2024年度述职报告', '', '## 城关镇财政所所长　吴明远', '', '各位领导、同志们：', '', '现将一年来的情况报告如下。', '', '## 一、主要工作', '', '全年审核乡镇报账单据3120笔，退回不合规单据86笔。', '', '## 二、存在的问题', '', '我对2个村的账务抽查拖到了12月。', '', '## 三、下步打算', '', '一是3月底前完成全部村级账务抽查。'), { profile: 'general' });
    assert.deepEqual(r.stats.sections.map((x) => x.title), ['主要工作', '存在的问题', '下步打算']);
    assert.ok(!r.stats.sections.some((x) => x.title.includes('吴明远')));
  });
  it("reads a community Party committee secretary's 述职述廉报告 as the community committee's", () => {
    const r = analyze(lines('# 2024年度滨江社区党委书记述职述廉报告', '', '全年走访居民1200户，调处邻里纠纷26起，网格员队伍扩充到18人。'));
    assert.equal(r.profile.id, 'community-committee', r.profile.reason);
  });
  it('reads 党员 and 述职 apart in the title, the year between them, as a party member\'s report', () => {
    for (const title of ['党员2024年度述职报告', '2024年度党员年度述职报告', '党员述学述职述廉报告']) {
      const r = analyze(lines(`# ${title}`, '', '全年参加支部主题党日12次。'));
      assert.equal(r.profile.id, 'party-member', `${title}: ${r.profile.reason}`);
    }
  });
  it('does not take 社区 in a Party secretary\'s title for the community committee', () => {
    const r = analyze(lines('# 城东社区党委书记抓基层党建工作述职报告', '', '全年发展党员3名。'));
    assert.equal(r.profile.id, 'party-secretary', r.profile.reason);
  });
});
