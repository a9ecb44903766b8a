/**
 * Builds RunRecords for tests: walltime from captured @codspeed/tinybench-plugin results, simulation
 * and memory from values shaped like the instruments' (counts from a callgrind run of fib).
 */
import { readFileSync } from "node:fs";
import type { BenchmarkResult, Measurement } from "../../src/plugin/types.ts";
import type { RunRecord } from "../../src/results/run-record.ts";

const FIXTURES = `${import.meta.dir}/../fixtures/history`;

export const MACHINE: RunRecord["machine"] = {
  cpuModel: "AMD EPYC 7B13",
  cores: 2,
  kernel: "6.18.0",
  os: "debian 12",
  libc: "glibc 2.36",
  node: "v20.20.2",
  tools: { valgrind: "3.19.0", perf: "6.1.76" },
};

let seq = 0;

export function makeRecord(over: Partial<RunRecord> = {}): RunRecord {
  seq++;
  const started = new Date(Date.UTC(2026, 10, 27, 20, 0, seq)).toISOString();
  return {
    id: `20261127-2000${String(seq).padStart(2, "0")}-${Math.random().toString(16).slice(2, 8)}`,
    startedAt: started,
    finishedAt: started,
    status: "ok",
    mode: "simulation",
    kind: "integration",
    command: "node bench.mjs",
    cwd: "/tmp/project",
    profileFolder: "/tmp/profile",
    exitCode: 0,
    git: { commit: "a".repeat(40), branch: "main", dirty: false, root: "/tmp/project" },
    machine: MACHINE,
    measurements: [],
    runnerVersion: "0.1.0",
    ...over,
  };
}

/** Simulation measurement of fib benchmarks; `scale` multiplies every cost (1.2 = 20 % slower). */
export function simulation(scale: Record<string, number> = {}): Measurement {
  const bench = (name: string, ir: number): BenchmarkResult => {
    const s = scale[name] ?? 1;
    const i = Math.round(ir * s);
    const cycles = Math.round(i * 1.3);
    return {
      name,
      uri: `bench.mjs::${name}`,
      metrics: { time: cycles / 3e9, ir: i, dr: Math.round(i * 0.3), dw: Math.round(i * 0.15), l1_hits: i, ll_hits: 120, ram_hits: 40, estimated_cycles: cycles, sys_count: 0, sys_time: 0 },
    };
  };
  return {
    instrument: "simulation",
    title: "CPU Simulation",
    columns: [{ key: "time", label: "Time", unit: "seconds" }, { key: "ir", label: "Instr.", unit: "count" }],
    benchmarks: [bench("fib 15", 1_284_113), bench("fib 20", 14_218_530)],
  };
}

export function memory(peak = 1_048_576): Measurement {
  return {
    instrument: "memory",
    title: "Memory",
    columns: [{ key: "peak_bytes", label: "Peak memory", unit: "bytes" }],
    benchmarks: [{ name: "alloc", uri: "bench.mjs::alloc", metrics: { peak_bytes: peak, total_allocated_bytes: peak * 4, alloc_count: 1200, free_count: 1190 } }],
  };
}

interface WalltimeResults {
  benchmarks: Array<{ name: string; uri: string; stats: Record<string, number> }>;
}

/** Walltime measurement from a captured results/<pid>.json; `shift` multiplies the times. */
export function walltime(file = "walltime-results-fib-run1.json", shift = 1): Measurement {
  const r = JSON.parse(readFileSync(`${FIXTURES}/${file}`, "utf8")) as WalltimeResults;
  return {
    instrument: "walltime",
    title: "Walltime",
    columns: [{ key: "time", label: "Time (best)", unit: "seconds" }],
    benchmarks: r.benchmarks.map((b) => {
      const s = b.stats as Record<string, number>;
      const ns = (k: string) => s[k]! * shift;
      return {
        name: b.name,
        uri: b.uri,
        metrics: {
          time: ns("min_ns") / 1e9, min_ns: ns("min_ns"), max_ns: ns("max_ns"), mean_ns: ns("mean_ns"), stdev_ns: ns("stdev_ns"),
          median_ns: ns("median_ns"), q1_ns: ns("q1_ns"), q3_ns: ns("q3_ns"), rounds: s.rounds!, iterations: s.rounds! * s.iter_per_round!,
          total_time: s.total_time!, rel_stdev: (s.stdev_ns! / s.mean_ns!) * 100,
        },
      };
    }),
  };
}
