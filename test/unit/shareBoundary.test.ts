/**
 * Share limits at their edge: a draft's problems part is grown a character at a time across
 * 1/3, and each step is judged the way it is printed. A finding fires exactly when the whole
 * percentage it prints is on the wrong side of the whole-percent limit, so no message reads
 * "占 33%，低于 1/3" and no scorecard bar shows 34% against 上限 33% as held.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/index';
import type { AnalysisResult } from '../../server/src/core/types';
import { shareBars } from '../../server/src/render/shares';

const ROOT = path.join(__dirname, '..', '..');
const fixture = (name: string): string => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', name, 'input.md'), 'utf8');

// Plain, specific problem text to grow the part with; cut to any length.
const FILLER =
  '今年全支部有三项认领任务因为跟踪不及时而延误，其中档案数字化项目推迟了两个月才验收，责任在我平时只听汇报不到现场看，' +
  '对党员承担任务中的困难了解不深，督促检查停留在月底统计数字上，没有形成每周调度的习惯，群众对办事效率也有意见。';

/** The draft with `n` more characters at the end of its 存在问题 paragraph. */
function grown(text: string, n: number): string {
  const filler = FILLER.repeat(Math.ceil(n / FILLER.length) + 1).slice(0, n);
  const at = text.indexOf('\n## 三、');
  assert.ok(at > 0, 'the fixture has its third part');
  return `${text.slice(0, at)}\n${filler}。\n${text.slice(at)}`;
}

function share(r: AnalysisResult, roles: readonly ('achievements' | 'problems' | 'causes')[]): number {
  const u = r.stats.unitsByRole;
  return roles.reduce((n, role) => n + u[role], 0) / r.stats.units;
}

const printed = (x: number): number => Math.round(x * 100);

/** Walks `steps` sizes and returns how many fell on each side, checking each one. */
function sweep(
  base: string,
  sizes: Iterable<number>,
  rule: string,
  roles: readonly ('achievements' | 'problems' | 'causes')[],
  broken: (pct: number) => boolean,
  barKey: 'achievements' | 'problems',
): { fired: number; held: number } {
  let fired = 0;
  let held = 0;
  for (const n of sizes) {
    const r = analyze(grown(base, n));
    const s = share(r, roles);
    const f = r.findings.find((x) => x.rule === rule);
    const pct = printed(s);
    assert.equal(!!f, broken(pct), `+${n} 字: share ${s.toFixed(4)} prints ${pct}%, finding ${f ? 'present' : 'absent'}`);
    const bar = shareBars(r).find((b) => b.key === barKey);
    assert.ok(bar?.limit, `+${n} 字: the ${barKey} bar has its limit`);
    // Judged either way: never a bar that neither holds nor has its finding.
    assert.equal(bar.state, f ? 'broken' : 'held', `+${n} 字: bar ${bar.state} at ${pct}%`);
    if (f) {
      assert.ok(f.message.includes(`${pct}%`), `+${n} 字: the message prints the bar's ${pct}%: ${f.message}`);
      fired++;
    } else held++;
  }
  return { fired, held };
}

describe('share limits judged as printed', () => {
  it('problems-too-short fires exactly when the printed share is under the printed 1/3', () => {
    // About 9% to about 40% of the report, one character at a time near the edge.
    const base = fixture('rule-problems-too-short-positive');
    const sizes = [0, 100, ...Array.from({ length: 100 }, (_, i) => 160 + i), 300, 500];
    const { fired, held } = sweep(base, sizes, 'problems-too-short', ['problems', 'causes'], (pct) => pct < 33, 'problems');
    assert.ok(fired > 0 && held > 0, `both sides walked: ${fired} fired, ${held} held`);
  });

  it('achievement-too-long fires exactly when the printed share is over the printed 1/3', () => {
    // Growing the problems part shrinks the achievements' share from about 59% across 1/3.
    const base = fixture('rule-achievement-too-long-positive');
    const sizes = [0, 200, 400, 600, ...Array.from({ length: 160 }, (_, i) => 640 + i * 2), 1100, 1400];
    const { fired, held } = sweep(base, sizes, 'achievement-too-long', ['achievements'], (pct) => pct > 33, 'achievements');
    assert.ok(fired > 0 && held > 0, `both sides walked: ${fired} fired, ${held} held`);
  });
});
