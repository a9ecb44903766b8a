/**
 * Statistics of the walltime results file, computed as the CodSpeed runner's
 * `walltime_results/stats.rs` does (which matches pytest-codspeed), so the backend sees the same
 * numbers whichever runner measured.
 *
 * @module
 */

/** The `stats` object of a benchmark in `results/<pid>.json`; `*_ns` are per iteration. */
export interface WalltimeStats {
  min_ns: number;
  max_ns: number;
  mean_ns: number;
  stdev_ns: number;
  q1_ns: number;
  median_ns: number;
  q3_ns: number;
  rounds: number;
  /** Seconds, summed over whole rounds. */
  total_time: number;
  iqr_outlier_rounds: number;
  stdev_outlier_rounds: number;
  iter_per_round: number;
  warmup_iters: number;
}

const IQR_FACTOR = 1.5;
const STDEV_FACTOR = 2;

/** Python `statistics.quantiles(method="exclusive")` at `p`, on sorted data (n ≥ 1). */
function exclusiveQuantile(t: readonly number[], p: number): number {
  const n = t.length;
  const at = (i: number): number => t[i] as number;
  if (n === 1) return at(0);
  if (n === 2) return at(0) * (1 - p) + at(1) * p;
  const pos = p * (n + 1) - 1;
  const idx = Math.floor(pos);
  const frac = pos - idx;
  if (idx + 1 < n) return at(idx) * (1 - frac) + at(idx + 1) * frac;
  return at(Math.min(idx, n - 1));
}

function median(t: readonly number[]): number {
  const mid = t.length >> 1;
  return t.length % 2 === 1 ? (t[mid] as number) : ((t[mid - 1] as number) + (t[mid] as number)) / 2;
}

/**
 * Computes the stats of one benchmark from its rounds.
 *
 * @param roundTimesNs wall time of each round, whole nanoseconds
 * @param itersPerRound iterations of each round (default 1 each); a round's time is divided by them
 *   with integer division, as the reference does
 * @param warmupIters stored as is (the reference writes 0)
 *
 * @example
 * ```ts
 * computeStats([6000, 3000, 1000, 2000, 4000], [10, 10, 10, 10, 10]).median_ns; // 300
 * ```
 */
export function computeStats(
  roundTimesNs: readonly number[],
  itersPerRound: readonly number[] = roundTimesNs.map(() => 1),
  warmupIters = 0,
): WalltimeStats {
  const n = roundTimesNs.length;
  if (n === 0) {
    return {
      min_ns: 0, max_ns: 0, mean_ns: 0, stdev_ns: 0, q1_ns: 0, median_ns: 0, q3_ns: 0, rounds: 0,
      total_time: 0, iqr_outlier_rounds: 0, stdev_outlier_rounds: 0, iter_per_round: 0, warmup_iters: warmupIters,
    };
  }
  const t = roundTimesNs
    .map((ns, i) => Math.floor(ns / Math.max(1, itersPerRound[i] ?? 1)))
    .sort((a, b) => a - b);
  const mean = t.reduce((a, b) => a + b, 0) / n;
  const stdev = n > 1 ? Math.sqrt(t.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const q1 = exclusiveQuantile(t, 0.25);
  const q3 = exclusiveQuantile(t, 0.75);
  const iqr = q3 - q1;
  const lo = q1 - IQR_FACTOR * iqr;
  const hi = q3 + IQR_FACTOR * iqr;
  return {
    min_ns: t[0] as number,
    max_ns: t[n - 1] as number,
    mean_ns: mean,
    stdev_ns: stdev,
    q1_ns: q1,
    median_ns: median(t),
    q3_ns: q3,
    rounds: n,
    total_time: roundTimesNs.reduce((a, b) => a + b, 0) / 1e9,
    iqr_outlier_rounds: t.filter((x) => x < lo || x > hi).length,
    stdev_outlier_rounds: t.filter((x) => Math.abs(x - mean) > STDEV_FACTOR * stdev).length,
    iter_per_round: Math.floor(itersPerRound.reduce((a, b) => a + b, 0) / Math.max(1, itersPerRound.length)),
    warmup_iters: warmupIters,
  };
}
