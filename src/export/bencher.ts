/**
 * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format):
 * `{ "<benchmark>": { "<measure slug>": { value, lower_value?, upper_value? } } }`, keyed by the
 * benchmark's uri. Walltime is Bencher's built-in `latency` measure in nanoseconds: the median
 * round time (pacer's headline statistic, src/results/headline.ts) with the quartiles as bounds;
 * simulation uses the slugs of Bencher's Iai adapter.
 *
 * @module
 */
import type { BenchmarkResult } from "../plugin/types.ts";
import { headlineValue } from "../results/headline.ts";
import type { RunRecord } from "../results/run-record.ts";

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}
export type Bmf = Record<string, Record<string, BmfMetric>>;

/** Measure slug → metric key, per instrument; other instruments export every numeric metric. */
const MEASURES: Record<string, Record<string, string>> = {
  simulation: {
    instructions: "ir",
    "estimated-cycles": "estimated_cycles",
    "l1-accesses": "l1_hits",
    "l2-accesses": "ll_hits",
    "ram-accesses": "ram_hits",
  },
  memory: { "peak-memory": "peak_bytes", "total-allocated": "total_allocated_bytes", allocations: "alloc_count" },
};

function num(b: BenchmarkResult, k: string): number | undefined {
  const v = b.metrics[k];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function measuresOf(instrument: string, b: BenchmarkResult): Record<string, BmfMetric> {
  const out: Record<string, BmfMetric> = {};
  if (instrument === "walltime") {
    const median = headlineValue(instrument, b);
    if (median === null) return out;
    const value = median * 1e9;
    const [q1, q3] = [num(b, "q1_ns"), num(b, "q3_ns")];
    out.latency = { value, ...(q1 !== undefined && q3 !== undefined && q1 <= value && value <= q3 ? { lower_value: q1, upper_value: q3 } : {}) };
    return out;
  }
  if (instrument === "simulation") {
    const t = num(b, "time");
    if (t !== undefined) out["simulated-time"] = { value: t * 1e9 };
  }
  const map = MEASURES[instrument] ?? Object.fromEntries(Object.keys(b.metrics).map((k) => [`${instrument}-${k}`.replace(/_/g, "-"), k]));
  for (const [slug, key] of Object.entries(map)) {
    const v = num(b, key);
    if (v !== undefined) out[slug] = { value: v };
  }
  return out;
}

/** The run's results as BMF JSON. */
export function toBencher(run: RunRecord): Bmf {
  const out: Bmf = {};
  for (const m of run.measurements) {
    for (const b of m.benchmarks) out[b.uri] = { ...out[b.uri], ...measuresOf(m.instrument, b) };
  }
  return out;
}
