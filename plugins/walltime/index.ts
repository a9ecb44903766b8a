/**
 * The `walltime` instrument: runs the benchmark under `perf record` (when perf works here and
 * `CODSPEED_PERF_ENABLED` is not false), drives perf from the integration's Start/Stop events, and
 * reports the integration's walltime results with per-benchmark folded stacks.
 *
 * @module
 */
import { definePlugin } from "../../src/index.ts";
import { collect } from "./collect.ts";
import { onBenchmark } from "./on-benchmark.ts";
import { probe } from "./probe.ts";
import { setup } from "./setup.ts";
import { perfUsable } from "./state.ts";
import { teardown } from "./teardown.ts";
import { wrap } from "./wrap.ts";

export default definePlugin({
  name: "walltime",
  apiVersion: 1,
  mode: "walltime",
  // Without perf no FIFO is opened at all (reference §3.3): integrations then only write results.
  integrationMode: (ctx) => (perfUsable(ctx.flags, ctx.probed).ok ? "perf" : "none"),
  probe,
  setup,
  wrap,
  onBenchmark,
  collect,
  teardown,
});
