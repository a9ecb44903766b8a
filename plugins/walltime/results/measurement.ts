/**
 * Turns walltime results into the "Walltime Instrument" table (reference §9) with the metric keys
 * shared by history and compare.
 *
 * @module
 */
import type { BenchmarkResult, Column, Measurement } from "../../../src/index.ts";
import type { WalltimeBenchmark } from "./results-json.ts";

/** Reference §9: Benchmark · Time (best) · Iterations · StdDev · Total time. */
export const WALLTIME_COLUMNS: Column[] = [
  { key: "time", label: "Time (best)", unit: "seconds" },
  { key: "iterations", label: "Iterations", unit: "count" },
  { key: "rel_stdev", label: "StdDev", unit: "percent" },
  { key: "total_time", label: "Total time", unit: "seconds" },
];

/** The metrics of one benchmark; `rel_stdev` is stdev over the best time, as §9 computes it. */
export function walltimeMetrics(b: WalltimeBenchmark): Record<string, number> {
  const s = b.stats;
  const time = s.min_ns / 1e9;
  return {
    time,
    min_ns: s.min_ns,
    max_ns: s.max_ns,
    mean_ns: s.mean_ns,
    stdev_ns: s.stdev_ns,
    median_ns: s.median_ns,
    q1_ns: s.q1_ns,
    q3_ns: s.q3_ns,
    rounds: s.rounds,
    iterations: s.rounds * s.iter_per_round,
    total_time: s.total_time,
    rel_stdev: s.min_ns > 0 ? (s.stdev_ns / s.min_ns) * 100 : 0,
  };
}

/** The measurement of a run; `detail` per benchmark comes from the caller (folded stacks…). */
export function walltimeMeasurement(
  entries: Array<{ bench: WalltimeBenchmark; extra?: Record<string, number | string>; detail?: Record<string, unknown> }>,
  notes: string[] = [],
  extraColumns: Column[] = [],
): Measurement {
  const benchmarks: BenchmarkResult[] = entries.map(({ bench, extra, detail }) => ({
    name: bench.name,
    uri: bench.uri,
    metrics: { ...walltimeMetrics(bench), ...extra },
    ...(detail ? { detail } : {}),
  }));
  return { instrument: "walltime", title: "Walltime", columns: [...WALLTIME_COLUMNS, ...extraColumns], benchmarks, notes };
}
