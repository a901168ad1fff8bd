import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/index';
import type { Rule } from '../../server/src/core/rule';
import { RULE_LIST } from '../../server/src/core/rules/index';

// Fault isolation (issue 6): a rule that throws, or hands the engine a range outside the text,
// becomes one "internal error in rule X" finding, and every other rule still reports.

const REPORT = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'profile-branch-secretary-poor', 'input.md'), 'utf8');

/** Runs `fn` with one rule's check replaced, and puts it back whatever happens. */
function withBrokenRule<T>(id: string, check: Rule['check'], fn: () => T): T {
  const rule = RULE_LIST.find((r) => r.id === id) as Rule;
  const original = rule.check;
  (rule as { check: Rule['check'] }).check = check;
  try {
    return fn();
  } finally {
    (rule as { check: Rule['check'] }).check = original;
  }
}

const others = <T extends { rule: string }>(fs: T[], id: string) => fs.filter((f) => f.rule !== id);

describe('a faulty rule', () => {
  const healthy = analyze(REPORT);

  it('that throws becomes one internal-error finding; the other rules report as before', () => {
    assert.ok(healthy.findings.some((f) => f.rule === 'vague-phrase'), 'the fixture needs vague phrases');
    for (const locale of ['zh', 'en'] as const) {
      const r = withBrokenRule(
        'vague-phrase',
        () => {
          throw new TypeError('boom');
        },
        () => analyze(REPORT, { locale }),
      );
      const mine = r.findings.filter((f) => f.rule === 'vague-phrase');
      assert.equal(mine.length, 1);
      assert.match(mine[0].message, locale === 'zh' ? /规则 vague-phrase 内部错误.*boom/ : /Internal error in rule vague-phrase.*boom/);
      assert.deepEqual(mine[0].data, { internalError: true });
      assert.deepEqual(mine[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      const expected = analyze(REPORT, { locale });
      assert.deepEqual(others(r.findings, 'vague-phrase').map((f) => [f.rule, f.message]), others(expected.findings, 'vague-phrase').map((f) => [f.rule, f.message]));
    }
  });

  it('that reports a range outside the text is caught the same way', () => {
    const r = withBrokenRule(
      'no-evidence',
      (ctx) => ctx.report({ start: 0, end: ctx.model.text.length + 5, message: { zh: '越界', en: 'out of range' } }),
      () => analyze(REPORT),
    );
    const mine = r.findings.filter((f) => f.rule === 'no-evidence');
    assert.equal(mine.length, 1);
    assert.match(mine[0].message, /内部错误.*bad range/);
    assert.deepEqual(others(r.findings, 'no-evidence').map((f) => f.rule), others(healthy.findings, 'no-evidence').map((f) => f.rule));
  });

  it('that throws something that is not an Error still gives a message', () => {
    const r = withBrokenRule(
      'outline-numbering',
      () => {
        throw undefined;
      },
      () => analyze(REPORT),
    );
    const mine = r.findings.filter((f) => f.rule === 'outline-numbering');
    assert.equal(mine.length, 1);
    assert.match(mine[0].message, /规则 outline-numbering 内部错误.*undefined/);
  });

  it('costs no points: a crash in the checker is not the writer’s fault', () => {
    const r = withBrokenRule('missing-topic', () => {
      throw new Error('boom');
    }, () => analyze(REPORT));
    assert.ok(!r.deductions.some((d) => d.rule === 'missing-topic'));
  });
});
