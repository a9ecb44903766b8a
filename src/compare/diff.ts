/**
 * Compares two runs benchmark by benchmark and metric by metric. Deterministic metrics
 * (simulation counters, memory) are compared exactly; walltime by Welch's t-test on the round
 * statistics, median-based when quartiles are there (see `stats.ts`). Every metric is a cost: lower is better.
 *
 * @module
 */
import type { BenchmarkResult } from "../plugin/types.ts";
import type { RunRecord } from "../results/run-record.ts";
import { fingerprintDiff } from "./fingerprint.ts";
import { compareWalltime, robustStats, type NoiseOptions, type SampleStats } from "./stats.ts";
import { allowedRegression, noiseOptions, parseThresholds, type Thresholds } from "./thresholds.ts";

export type DiffVerdict = "faster" | "slower" | "within noise" | "unchanged" | "new" | "missing";

export interface MetricDiff {
  instrument: string;
  name: string;
  uri: string;
  metric: string;
  base: number | null;
  head: number | null;
  /** (head − base) / base; null when a side is missing or base is 0 with head non-zero. */
  change: number | null;
  verdict: DiffVerdict;
  /** Whether the verdict comes from a statistical test (walltime) rather than an exact comparison. */
  statistical: boolean;
  /** Welch p-value and noise floor, for statistical metrics. */
  p?: number;
  /** Which statistic of the rounds the statistical comparison used. */
  location?: "median" | "mean";
  floor?: number;
  /** Allowed regression (fraction) when the metric is gated. */
  allowed?: number;
  regression: boolean;
}

export interface Comparison {
  base: RunRecord;
  head: RunRecord;
  rows: MetricDiff[];
  regressions: MetricDiff[];
  warnings: string[];
}

/** Metrics shown for each built-in instrument; gated metrics are added to these. */
export const SHOWN_METRICS: Record<string, string[]> = {
  simulation: ["time", "ir", "estimated_cycles"],
  walltime: ["time"],
  memory: ["peak_bytes", "total_allocated_bytes", "alloc_count"],
};

export interface CompareOptions {
  thresholds?: Thresholds;
  /** Run-to-run coefficient of variation of a walltime benchmark's mean, from the history. */
  runToRunCv?: (uri: string) => number | undefined;
}

/** Compares `head` against `base`. */
export function compareRuns(base: RunRecord, head: RunRecord, opts: CompareOptions = {}): Comparison {
  const t = opts.thresholds ?? parseThresholds(undefined);
  const warnings: string[] = [];
  const machine = fingerprintDiff(base.machine, head.machine);
  if (machine.length) warnings.push(`The runs were made on different machines, timings may not be comparable: ${machine.join(", ")}`);
  for (const r of [base, head]) if (r.status !== "ok") warnings.push(`Run "${r.id}" is ${r.status}, its results may be incomplete`);
  if (head.git.dirty) warnings.push(`Run "${head.id}" was made with uncommitted changes`);
  if (base.mode !== head.mode) warnings.push(`The runs used different modes: "${base.mode}" and "${head.mode}"`);

  const rows: MetricDiff[] = [];
  const instruments = [...new Set([...base.measurements, ...head.measurements].map((m) => m.instrument))];
  for (const instrument of instruments) {
    const b = byUri(base, instrument);
    const h = byUri(head, instrument);
    for (const uri of new Set([...b.keys(), ...h.keys()])) {
      const bb = b.get(uri);
      const hb = h.get(uri);
      const ref = (hb ?? bb)!;
      for (const metric of metricsOf(t, instrument, ref, bb, hb)) {
        const allowed = allowedRegression(t, ref, instrument, metric);
        const noise: NoiseOptions = { ...noiseOptions(t), runToRunCv: opts.runToRunCv?.(uri) };
        rows.push(diffMetric(instrument, ref, metric, bb, hb, allowed, noise));
      }
    }
  }
  return { base, head, rows, regressions: rows.filter((r) => r.regression), warnings };
}

function byUri(r: RunRecord, instrument: string): Map<string, BenchmarkResult> {
  return new Map(r.measurements.filter((m) => m.instrument === instrument).flatMap((m) => m.benchmarks.map((b) => [b.uri, b] as const)));
}

function metricsOf(t: Thresholds, instrument: string, ref: BenchmarkResult, ...sides: Array<BenchmarkResult | undefined>): string[] {
  const present = new Set(sides.flatMap((s) => (s ? Object.keys(s.metrics).filter((k) => typeof s.metrics[k] === "number") : [])));
  const shown = SHOWN_METRICS[instrument] ?? [...present];
  const gated = [...present].filter((m) => allowedRegression(t, ref, instrument, m) !== undefined);
  return [...new Set([...shown, ...gated])].filter((m) => present.has(m));
}

function num(b: BenchmarkResult | undefined, key: string): number | null {
  const v = b?.metrics[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function diffMetric(
  instrument: string,
  ref: BenchmarkResult,
  metric: string,
  bb: BenchmarkResult | undefined,
  hb: BenchmarkResult | undefined,
  allowed: number | undefined,
  noise: NoiseOptions,
): MetricDiff {
  const row: MetricDiff = {
    instrument, name: ref.name, uri: ref.uri, metric, base: num(bb, metric), head: num(hb, metric),
    change: null, verdict: "unchanged", statistical: false, allowed, regression: false,
  };
  if (row.base === null || row.head === null) return { ...row, verdict: row.base === null ? "new" : "missing" };
  const stats = instrument === "walltime" && metric === "time" ? walltimeStats(bb, hb) : undefined;
  if (stats) {
    const w = compareWalltime(stats[0], stats[1], noise);
    // The values shown are the statistic the test compared (median or mean), in seconds.
    Object.assign(row, { base: stats[0].mean / 1e9, head: stats[1].mean / 1e9, change: w.change, verdict: w.verdict, statistical: true, p: w.p, floor: w.floor, location: stats[2] });
  } else {
    row.change = row.base === 0 ? (row.head === 0 ? 0 : null) : (row.head - row.base) / row.base;
    row.verdict = row.head === row.base ? "unchanged" : row.head > row.base ? "slower" : "faster";
  }
  const worse = row.verdict === "slower" && (row.change === null || row.change > (allowed ?? Infinity));
  return { ...row, regression: allowed !== undefined && worse };
}

/** Median-based stats when both sides have usable quartiles, else mean-based, else undefined. */
function walltimeStats(bb?: BenchmarkResult, hb?: BenchmarkResult): readonly [SampleStats, SampleStats, "median" | "mean"] | undefined {
  const robust = (b?: BenchmarkResult) => {
    const [m, q1, q3, n] = ["median_ns", "q1_ns", "q3_ns", "rounds"].map((k) => num(b, k));
    return m == null || q1 == null || q3 == null || n == null ? undefined : robustStats(m, q1, q3, n);
  };
  const plain = (b?: BenchmarkResult) => {
    const [mean, stdev, n] = ["mean_ns", "stdev_ns", "rounds"].map((k) => num(b, k));
    return mean == null || stdev == null || n == null ? undefined : { mean, stdev, n };
  };
  const [ra, rb] = [robust(bb), robust(hb)];
  if (ra && rb) return [ra, rb, "median"] as const;
  const [pa, pb] = [plain(bb), plain(hb)];
  return pa && pb ? ([pa, pb, "mean"] as const) : undefined;
}
