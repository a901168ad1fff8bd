'use strict';
// Timing helpers. Contenders are measured in interleaved rounds (ours, then theirs, then ours
// again …) so that a noisy neighbour on these shared machines slows both sides alike, and each
// side's figure is the median of its rounds after a warm-up.

/**
 * Runs each contender over all `texts` once per round, `rounds` times after `warmup` rounds,
 * and returns each one's median milliseconds per text. A contender may return a promise.
 */
async function interleaved(contenders, texts, { rounds, warmup }) {
  const times = contenders.map(() => []);
  for (let r = 0; r < warmup + rounds; r++) {
    for (let c = 0; c < contenders.length; c++) {
      const fn = contenders[c].fn;
      const t0 = performance.now();
      for (const t of texts) await fn(t);
      if (r >= warmup) times[c].push((performance.now() - t0) / texts.length);
    }
  }
  return contenders.map((c, i) => ({ name: c.name, ms: median(times[i]), runs: times[i].length }));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Short figures: three significant digits at most. */
function fmt(n) {
  if (n === undefined || n === null || !Number.isFinite(n)) return '–';
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3);
}

module.exports = { interleaved, median, fmt };
