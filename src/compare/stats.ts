/**
 * The walltime verdict: is head faster, slower, or within noise of base?
 *
 * The results JSON of the integrations keeps per-round statistics (mean, stdev, quartiles, rounds),
 * not the raw samples, so the test must work from those: Welch's t-test does (it needs only a
 * location, a scale and a count per side, and does not assume equal variances — two runs on a busy
 * machine rarely have them). Mann-Whitney or a bootstrap would need the samples. The location is
 * the median with a quartile-based scale when the quartiles are there (`robustStats`), else the
 * mean and standard deviation.
 *
 * A significant p-value alone is not a verdict. Rounds of one run are not independent (frequency
 * scaling, other processes, GC come in bursts) and with thousands of rounds the standard error is
 * tiny, so a 0.5 % drift becomes "significant". Measured on the development VM: the same fib
 * benchmark run four times in a row gave means 8.5, 11.7, 10.6 and 11.8 µs; on the first two
 * (23 512 and 17 165 rounds) the t-test alone gives t ≈ 49, "different" beyond any doubt. So a
 * change counts only when it is both significant (p < `alpha`) and at least `minEffect` of the
 * base; when the history holds earlier runs of the base commit, the floor rises to twice their
 * run-to-run coefficient of variation.
 *
 * @module
 */
import { twoSidedP } from "./student-t.ts";

/** Summary of the rounds of one benchmark in one run (per-iteration times). */
export interface SampleStats {
  /** The location compared: the mean, or the median (see {@link robustStats}). */
  mean: number;
  stdev: number;
  n: number;
}

export type Verdict = "faster" | "slower" | "within noise";

export interface NoiseOptions {
  /** Significance level of the two-sided test (default 0.01). */
  alpha?: number;
  /** Smallest relative change of the mean reported as a change (default 0.03 = 3 %). */
  minEffect?: number;
  /** Run-to-run coefficient of variation of the mean measured over the history, when known. */
  runToRunCv?: number;
}

export interface WalltimeComparison {
  verdict: Verdict;
  /** (head − base) / base of the means. */
  change: number;
  /** Two-sided p-value of Welch's t-test. */
  p: number;
  t: number;
  df: number;
  /** The relative change below which the verdict is `within noise`. */
  floor: number;
}

export const DEFAULT_ALPHA = 0.01;
export const DEFAULT_MIN_EFFECT = 0.03;

/** Welch's t statistic and Welch–Satterthwaite degrees of freedom. */
export function welch(base: SampleStats, head: SampleStats): { t: number; df: number; p: number } {
  const vb = base.n > 1 ? (base.stdev * base.stdev) / base.n : 0;
  const vh = head.n > 1 ? (head.stdev * head.stdev) / head.n : 0;
  const se2 = vb + vh;
  const diff = head.mean - base.mean;
  if (se2 === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: Infinity, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(se2);
  const dfDen = (base.n > 1 ? (vb * vb) / (base.n - 1) : 0) + (head.n > 1 ? (vh * vh) / (head.n - 1) : 0);
  const df = dfDen === 0 ? Infinity : (se2 * se2) / dfDen;
  return { t, df, p: df === Infinity ? normalTwoSided(t) : twoSidedP(t, df) };
}

/** Compares two runs of a benchmark; lower time is better. */
export function compareWalltime(base: SampleStats, head: SampleStats, opts: NoiseOptions = {}): WalltimeComparison {
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const floor = Math.max(opts.minEffect ?? DEFAULT_MIN_EFFECT, 2 * (opts.runToRunCv ?? 0));
  const { t, df, p } = welch(base, head);
  const change = base.mean === 0 ? 0 : (head.mean - base.mean) / base.mean;
  const verdict: Verdict = p < alpha && Math.abs(change) >= floor ? (change > 0 ? "slower" : "faster") : "within noise";
  return { verdict, change, p, t, df, floor };
}

/**
 * Location and scale for the test from the quartiles: the median, and the normal-equivalent
 * standard deviation IQR / 1.349 inflated by 1.2533 (= √(π/2), the efficiency of the median), so
 * that `welch()` computes the large-sample standard error of the median. Walltime rounds are
 * heavy-tailed (a perf-wrapped fib run: best 8.9 µs, median 11.2 µs, mean 48 µs, max 20.9 ms);
 * a few outliers move the mean and inflate the standard deviation, the quartiles barely move.
 * Undefined when the quartiles carry no spread (too few rounds, coarse timer): use the mean then.
 */
export function robustStats(median: number, q1: number, q3: number, n: number): SampleStats | undefined {
  if (!(n >= 8) || !(q3 > q1)) return undefined;
  return { mean: median, stdev: (1.2533 * (q3 - q1)) / 1.349, n };
}

/** Coefficient of variation of earlier runs' means (needs at least three), or undefined. */
export function runToRunCv(means: number[]): number | undefined {
  if (means.length < 3) return undefined;
  const m = means.reduce((a, b) => a + b, 0) / means.length;
  if (m === 0) return undefined;
  const v = means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1);
  return Math.sqrt(v) / m;
}

/** Summary statistics of raw samples (sample standard deviation). */
export function summarize(samples: number[]): SampleStats {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const stdev = n > 1 ? Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, stdev, n };
}

// Abramowitz–Stegun 7.1.26: enough for the infinite-df limit, where the t distribution is normal.
function normalTwoSided(z: number): number {
  if (!Number.isFinite(z)) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  const k = 1 / (1 + 0.3275911 * x);
  const erf = 1 - k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429)))) * Math.exp(-x * x);
  return 1 - erf;
}
