/**
 * github-action-benchmark's custom tools (https://github.com/benchmark-action/github-action-benchmark):
 * an array of `{ name, unit, value, range?, extra? }`. `customSmallerIsBetter` holds every metric
 * (all pacer metrics are costs); `customBiggerIsBetter` holds walltime throughput (ops/s), the
 * only metric where bigger is better. Walltime is the median round time (the headline statistic),
 * ± half the interquartile range; throughput is 1 / median.
 *
 * @module
 */
import type { BenchmarkResult } from "../plugin/types.ts";
import { headlineValue } from "../results/headline.ts";
import type { RunRecord } from "../results/run-record.ts";

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** Metrics exported as smaller-is-better, per instrument: key, label, unit, factor. */
const SMALLER: Record<string, Array<[string, string, string, number]>> = {
  simulation: [["ir", "instructions", "instructions", 1], ["estimated_cycles", "estimated cycles", "cycles", 1], ["time", "simulated time", "ns", 1e9]],
  walltime: [["median_ns", "time", "ns", 1]],
  memory: [["peak_bytes", "peak memory", "bytes", 1], ["total_allocated_bytes", "total allocated", "bytes", 1], ["alloc_count", "allocations", "allocations", 1]],
};

function extra(run: RunRecord): string {
  return `run ${run.id}${run.git.commit ? ` @ ${run.git.commit.slice(0, 12)}` : ""}`;
}

/** Walltime's spread around the median: half the interquartile range. */
function spread(instrument: string, b: BenchmarkResult): { range?: string } {
  const [q1, q3] = [b.metrics.q1_ns, b.metrics.q3_ns];
  if (instrument !== "walltime" || typeof q1 !== "number" || typeof q3 !== "number") return {};
  return { range: `± ${((q3 - q1) / 2).toFixed(2)}` };
}

export function toGabSmaller(run: RunRecord): GabEntry[] {
  const out: GabEntry[] = [];
  for (const m of run.measurements) {
    for (const b of m.benchmarks) {
      const specs = SMALLER[m.instrument] ?? Object.keys(b.metrics).map((k) => [k, k, "", 1] as [string, string, string, number]);
      for (const [key, label, unit, factor] of specs) {
        const v = b.metrics[key];
        if (typeof v !== "number" || !Number.isFinite(v)) continue;
        out.push({ name: `${b.uri} - ${label}`, unit, value: v * factor, ...spread(m.instrument, b), extra: extra(run) });
      }
    }
  }
  return out;
}

export function toGabBigger(run: RunRecord): GabEntry[] {
  const out: GabEntry[] = [];
  for (const m of run.measurements.filter((x) => x.instrument === "walltime")) {
    for (const b of m.benchmarks) {
      const median = headlineValue("walltime", b);
      if (median === null || !(median > 0)) continue;
      out.push({ name: `${b.uri} - throughput`, unit: "ops/s", value: 1 / median, extra: extra(run) });
    }
  }
  return out;
}
