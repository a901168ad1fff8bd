import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, AnalysisResult, Finding } from '../../server/src/core/index';

/**
 * Fixture reports with what a strict reviewer expects: findings that must be there, findings
 * that must not, the profile, and for good reports a ceiling on severity. Each case also
 * applies every fix the engine offers and checks that the fixed report no longer lacks it.
 */
interface Expected {
  description: string;
  options?: { profile?: string };
  profile?: string;
  expect?: { rule: string; line?: number; character?: number; section?: string; topic?: string }[];
  forbid?: (string | { rule: string; line?: number; section?: string; topic?: string })[];
  maxSeverity?: 'error' | 'warning' | 'info' | 'hint';
  tier?: '好' | '中' | '差';
}

const RANK = { hint: 0, info: 1, warning: 2, error: 3 } as const;
// Bundled into test/out; the fixtures stay in test/fixtures.
const root = path.join(__dirname, '..', 'fixtures');
const cases = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'expected.json'))).sort() : [];

const show = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.rule} ${f.section ?? f.topic ?? ''} ${f.message.slice(0, 60)}`).join('\n');

/** Applies every fix (back to front so offsets stay valid). */
function applyFixes(text: string, r: AnalysisResult): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const edits = r.findings.filter((f) => f.fix).map((f) => ({ at: off(f.fix!.range.start), end: off(f.fix!.range.end), text: f.fix!.newText }));
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

describe('fixture reports', () => {
  it('has fixtures', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} fixture cases`);
  });
  for (const name of cases) {
    const exp: Expected = JSON.parse(fs.readFileSync(path.join(root, name, 'expected.json'), 'utf8'));
    const text = fs.readFileSync(path.join(root, name, 'input.md'), 'utf8');
    describe(name, () => {
      const r = analyze(text, exp.options ?? {});
      if (exp.profile) {
        it(`is read as profile ${exp.profile}`, () => assert.equal(r.profile.id, exp.profile, r.profile.reason));
      }
      for (const e of exp.expect ?? []) {
        const what = `${e.rule}${e.line !== undefined ? ' at line ' + e.line : ''}${e.character !== undefined ? ':' + e.character : ''}${e.section ? ' (' + e.section + ')' : ''}${e.topic ? ' (' + e.topic + ')' : ''}`;
        it(`finds ${what}`, () => {
          const hit = r.findings.some(
            (f) =>
              f.rule === e.rule &&
              (e.line === undefined || f.range.start.line === e.line) &&
              (e.character === undefined || f.range.start.character === e.character) &&
              (e.section === undefined || f.section === e.section) &&
              (e.topic === undefined || f.topic === e.topic),
          );
          assert.ok(hit, `missing ${what}; found:\n${show(r.findings)}`);
        });
      }
      for (const f of exp.forbid ?? []) {
        const spec = typeof f === 'string' ? { rule: f } : f;
        const { rule, line, section, topic } = spec as { rule: string; line?: number; section?: string; topic?: string };
        it(`does not report ${rule}${line !== undefined ? ' at line ' + line : ''}${section ? ' (' + section + ')' : ''}${topic ? ' (' + topic + ')' : ''}`, () => {
          const bad = r.findings.filter(
            (x) => x.rule === rule && (line === undefined || x.range.start.line === line) && (section === undefined || x.section === section) && (topic === undefined || x.topic === topic),
          );
          assert.deepEqual(show(bad), '');
        });
      }
      if (exp.maxSeverity) {
        const max = RANK[exp.maxSeverity];
        it(`raises nothing above ${exp.maxSeverity}`, () => {
          assert.deepEqual(show(r.findings.filter((f) => RANK[f.severity] > max)), '');
        });
      }
      if (exp.tier) it(`is rated ${exp.tier}`, () => assert.equal(r.tier, exp.tier, `score ${r.score}\n${show(r.findings)}`));
      if (r.findings.some((f) => f.fix)) {
        it('keeps all original text when every fix is applied, and the fixes take', () => {
          const fixed = applyFixes(text, r);
          // Fixes only insert: removing the inserted text must give back the original.
          assert.ok(fixed.length > text.length);
          let i = 0;
          for (const ch of fixed) if (i < text.length && ch === text[i]) i++;
          assert.equal(i, text.length, 'original text is a subsequence of the fixed text');
          const again = analyze(fixed, exp.options ?? {});
          const before = r.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section);
          const after = again.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section);
          assert.deepEqual(after.filter((s) => before.includes(s)), [], show(again.findings));
          const topicsBefore = r.findings.filter((f) => f.rule === 'missing-topic').length;
          const topicsAfter = again.findings.filter((f) => f.rule === 'missing-topic').length;
          assert.ok(topicsAfter <= topicsBefore, 'fixes never add missing topics');
        });
      }
    });
  }
});
