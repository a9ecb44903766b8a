/**
 * hyperfine's warnings about a command's rounds: outliers by the modified Z-score (Iglewicz and
 * Hoaglin, threshold 14 as hyperfine's), and a first round much slower than the rest (a cold cache).
 *
 * @module
 */

/** hyperfine's threshold on the modified Z-score. */
const OUTLIER_THRESHOLD = 14;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** 0.6745 (x − median) / MAD per value; all 0 when the MAD is 0 (most values equal). */
export function modifiedZScores(xs: number[]): number[] {
  if (!xs.length) return [];
  const med = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - med)));
  return xs.map((x) => (mad === 0 ? 0 : (0.6745 * (x - med)) / mad));
}

/**
 * The warning for `times` (measured rounds in order), or undefined. The cold-cache warning wins, as
 * in hyperfine: a slow first round is also an outlier.
 *
 * @example
 * ```ts
 * roundWarning("sleep 0.01", [50e6, 10e6, 10e6, 10.1e6, 9.9e6]); // "The first round of …"
 * ```
 */
export function roundWarning(name: string, times: number[]): string | undefined {
  const z = modifiedZScores(times);
  if (z.length > 1 && z[0]! > OUTLIER_THRESHOLD) {
    return `"${name}": the first round was much slower than the rest: a cold cache? Give a longer --warmup-time, or a --prepare that clears the caches`;
  }
  const n = z.filter((x) => Math.abs(x) > OUTLIER_THRESHOLD).length;
  if (n) {
    return `"${name}": statistical outliers were detected (${n} of ${times.length} rounds): consider a longer --warmup-time, a quieter machine, or --prepare`;
  }
  return undefined;
}
