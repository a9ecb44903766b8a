/**
 * github-action-benchmark's custom tools (https://github.com/benchmark-action/github-action-benchmark):
 * an array of `{ name, unit, value, range?, extra? }`. `customSmallerIsBetter` holds every metric
 * (all pacer metrics are costs); `customBiggerIsBetter` holds walltime throughput (ops/s), the
 * only metric where bigger is better.
 *
 * @module
 */
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
  walltime: [["mean_ns", "time", "ns", 1]],
  memory: [["peak_bytes", "peak memory", "bytes", 1], ["total_allocated_bytes", "total allocated", "bytes", 1], ["alloc_count", "allocations", "allocations", 1]],
};

function extra(run: RunRecord): string {
  return `run ${run.id}${run.git.commit ? ` @ ${run.git.commit.slice(0, 12)}` : ""}`;
}

export function toGabSmaller(run: RunRecord): GabEntry[] {
  const out: GabEntry[] = [];
  for (const m of run.measurements) {
    for (const b of m.benchmarks) {
      const specs = SMALLER[m.instrument] ?? Object.keys(b.metrics).map((k) => [k, k, "", 1] as [string, string, string, number]);
      for (const [key, label, unit, factor] of specs) {
        const v = b.metrics[key];
        if (typeof v !== "number" || !Number.isFinite(v)) continue;
        const sd = m.instrument === "walltime" ? b.metrics.stdev_ns : undefined;
        out.push({ name: `${b.uri} - ${label}`, unit, value: v * factor, ...(typeof sd === "number" ? { range: `± ${sd.toFixed(2)}` } : {}), extra: extra(run) });
      }
    }
  }
  return out;
}

export function toGabBigger(run: RunRecord): GabEntry[] {
  const out: GabEntry[] = [];
  for (const m of run.measurements.filter((x) => x.instrument === "walltime")) {
    for (const b of m.benchmarks) {
      const mean = b.metrics.mean_ns;
      if (typeof mean !== "number" || !(mean > 0)) continue;
      out.push({ name: `${b.uri} - throughput`, unit: "ops/s", value: 1e9 / mean, extra: extra(run) });
    }
  }
  return out;
}
