/** Did-you-mean: the near candidate for a mistyped key or value, and lists of allowed ones. */
import type { Msg } from './tree';

/** The candidate nearest to `input`, if it is near enough to be a likely typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  if (input.length === 0 || input.length > 64) return undefined;
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    // A clear prefix ("warn" → "warning") counts as near whatever the length difference.
    const d = lower.length >= 3 && cl.startsWith(lower) ? 1 : editDistance(lower, cl);
    if (d < bestDist && d <= 3 && d < Math.max(2, cl.length / 2)) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("vauge"). */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** “a”、“b” and "a", "b": the allowed keys or values, quoted as each language quotes. */
export function quoteList(items: readonly string[], sepZh = '、', sepEn = ', '): Msg {
  return [items.map((k) => `“${k}”`).join(sepZh), items.map((k) => `"${k}"`).join(sepEn)];
}

/** "，是否想写“x”？" / "; did you mean "x"?" when there is a near one, else `otherwise`. */
export function didYouMean(suggestion: string | undefined, otherwise: Msg): Msg {
  return suggestion ? [`，是否想写“${suggestion}”？`, `; did you mean "${suggestion}"?`] : otherwise;
}
