/**
 * What a statistical metric's t-test compares: the median when the mode stores one (the headline
 * statistic, so the number shown and the number tested are the same), else the mean. The scale is
 * quartile-based when the quartiles carry spread ({@link robustStats}); with few rounds or a coarse
 * timer it comes from the standard deviation, inflated to the median's standard error.
 *
 * @module
 */
import type { BenchmarkResult, MetricRule } from "../plugin/types.ts";
import { robustStats, type SampleStats } from "./stats.ts";

// √(π/2): the median's standard error over the mean's, for normal data.
const MEDIAN_SE = 1.2533;

type Keys = NonNullable<MetricRule["stats"]>;

function num(b: BenchmarkResult | undefined, key: string | undefined): number | null {
  const v = key === undefined ? undefined : b?.metrics[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function medianStats(k: Keys, b?: BenchmarkResult): SampleStats | undefined {
  const [m, q1, q3, n, sd] = [k.median, k.q1, k.q3, k.rounds, k.stdev].map((key) => num(b, key));
  if (m == null || n == null) return undefined;
  const robust = q1 != null && q3 != null ? robustStats(m, q1, q3, n) : undefined;
  if (robust) return robust;
  return sd == null ? undefined : { mean: m, stdev: sd * MEDIAN_SE, n };
}

function meanStats(k: Keys, b?: BenchmarkResult): SampleStats | undefined {
  const [mean, stdev, n] = [k.mean, k.stdev, k.rounds].map((key) => num(b, key));
  return mean == null || stdev == null || n == null ? undefined : { mean, stdev, n };
}

/** Both sides' location and scale (stored unit), and which location it is; undefined when a side lacks both. */
export function roundStats(k: Keys, bb?: BenchmarkResult, hb?: BenchmarkResult): readonly [SampleStats, SampleStats, "median" | "mean"] | undefined {
  const [ma, mb] = [medianStats(k, bb), medianStats(k, hb)];
  if (ma && mb) return [ma, mb, "median"] as const;
  const [pa, pb] = [meanStats(k, bb), meanStats(k, hb)];
  return pa && pb ? ([pa, pb, "mean"] as const) : undefined;
}
