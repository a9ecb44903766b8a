/**
 * The `walltime` mode as the core sees it: a perf-mode FIFO only when perf profiles this run, the
 * median round time as headline, compared by Welch's t-test on the stored round statistics.
 *
 * @module
 */
import type { ModeSpec } from "../../src/index.ts";
import { perfUsable } from "./session/state.ts";

export const walltimeMode: ModeSpec = {
  name: "walltime",
  env: { PYTHON_PERF_JIT_SUPPORT: "1" },
  nodeShim: true,
  harness: "walltime",
  // Without perf no FIFO is opened at all (reference §3.3): integrations then only write results.
  integration: (ctx) => (perfUsable(ctx.options, ctx.probed).ok ? "perf" : "none"),
  timestampsDir: "root",
  // The median, not the mean or the best round: rounds are heavy-tailed (see src/compare/stats.ts).
  headline: {
    metric: "time",
    keys: ["median_ns", "mean_ns"],
    scale: 1e-9,
    column: { key: "time", label: "Time (median)", unit: "seconds" },
    replaces: "time",
    relative: { key: "rel_stdev", from: "stdev_ns" },
    statistic: "median of the per-iteration round times",
  },
  flameUnit: "samples",
  metrics: {
    time: {
      compare: "statistical",
      better: "lower",
      gate: true,
      shown: true,
      stats: { mean: "mean_ns", stdev: "stdev_ns", rounds: "rounds", median: "median_ns", q1: "q1_ns", q3: "q3_ns", scale: 1e-9 },
      // Bencher's built-in `latency` measure, in nanoseconds; throughput is 1 / median.
      export: { bencher: "latency", scale: 1e9, label: "time", unit: "ns", throughput: true },
    },
  },
  // A walltime folder holds only the integrations' results JSON (and perf data): whatever is not
  // another mode's.
  recognizes: ({ top, results }) =>
    !top.includes("valgrind.log") && !top.some((f) => /^\d+\.out$/.test(f)) && !results.some((f) => f.endsWith(".MemtrackArtifact.msgpack")),
};
