/**
 * The `walltime` instrument: runs the benchmark under `perf record` (when perf works here and
 * the `perf` option, CODSPEED_PERF_ENABLED, is not false), drives perf from the integration's Start/Stop events, and
 * reports the integration's walltime results with per-benchmark folded stacks.
 *
 * @module
 */
import { definePlugin, type PluginContext } from "../../src/index.ts";
import { collect } from "./collect.ts";
import { onBenchmark } from "./on-benchmark.ts";
import { probe } from "./probe.ts";
import { setup } from "./setup.ts";
import { walltimeMode } from "./mode.ts";
import { walltimeOptions, walltimeOptionsFromEnv, type WalltimeOptions } from "./options.ts";
import { newWalltimeState, type WalltimeState } from "./state.ts";
import { teardown } from "./teardown.ts";
import { wrap } from "./wrap.ts";

export default definePlugin<WalltimeOptions, WalltimeState>({
  name: "walltime",
  apiVersion: 1,
  mode: walltimeMode,
  options: walltimeOptions,
  optionsFromEnv: walltimeOptionsFromEnv,
  probe,
  start: newWalltimeState,
  setup,
  wrap,
  onBenchmark,
  // Offline (no state) only the results JSON is read; the perf profile needs the live session.
  collect: (ctx, outcome, state) => collect(ctx as PluginContext, outcome, state),
  teardown,
});
