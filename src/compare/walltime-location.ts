/**
 * What the walltime t-test compares: always the median (the headline statistic, see
 * src/results/headline.ts), so the number shown and the number tested are the same. The scale is
 * quartile-based when the quartiles carry spread ({@link robustStats}); with few rounds or a coarse
 * timer it comes from the standard deviation, inflated to the median's standard error. Records
 * without a median (none written by pacer 0.1) fall back to the mean.
 *
 * @module
 */
import type { BenchmarkResult } from "../plugin/types.ts";
import { robustStats, type SampleStats } from "./stats.ts";

// √(π/2): the median's standard error over the mean's, for normal data.
const MEDIAN_SE = 1.2533;

function num(b: BenchmarkResult | undefined, key: string): number | null {
  const v = b?.metrics[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function medianStats(b?: BenchmarkResult): SampleStats | undefined {
  const [m, q1, q3, n, sd] = ["median_ns", "q1_ns", "q3_ns", "rounds", "stdev_ns"].map((k) => num(b, k));
  if (m == null || n == null) return undefined;
  const robust = q1 != null && q3 != null ? robustStats(m, q1, q3, n) : undefined;
  if (robust) return robust;
  return sd == null ? undefined : { mean: m, stdev: sd * MEDIAN_SE, n };
}

function meanStats(b?: BenchmarkResult): SampleStats | undefined {
  const [mean, stdev, n] = ["mean_ns", "stdev_ns", "rounds"].map((k) => num(b, k));
  return mean == null || stdev == null || n == null ? undefined : { mean, stdev, n };
}

/** Both sides' location and scale (ns), and which location it is; undefined when a side lacks both. */
export function walltimeStats(bb?: BenchmarkResult, hb?: BenchmarkResult): readonly [SampleStats, SampleStats, "median" | "mean"] | undefined {
  const [ma, mb] = [medianStats(bb), medianStats(hb)];
  if (ma && mb) return [ma, mb, "median"] as const;
  const [pa, pb] = [meanStats(bb), meanStats(hb)];
  return pa && pb ? ([pa, pb, "mean"] as const) : undefined;
}
