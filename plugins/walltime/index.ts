/**
 * The `walltime` instrument: runs the benchmark under `perf record` (when perf works here and
 * the `perf` option, CODSPEED_PERF_ENABLED, is not false), drives perf from the integration's Start/Stop events, and
 * reports the integration's walltime results with per-benchmark folded stacks.
 *
 * @module
 */
import { definePlugin, type PluginContext } from "../../src/index.ts";
import { collect } from "./session/collect.ts";
import { onBenchmark } from "./session/on-benchmark.ts";
import { probe } from "./probe/probe.ts";
import { walltimeProbeKey } from "./probe/probe-key.ts";
import { setup } from "./probe/setup.ts";
import { walltimeMode } from "./mode.ts";
import { walltimeOptions, walltimeOptionsFromEnv, type WalltimeOptions } from "./options.ts";
import { newWalltimeState, type WalltimeState } from "./session/state.ts";
import { teardown } from "./session/teardown.ts";
import { wrap } from "./session/wrap.ts";

export default definePlugin<WalltimeOptions, WalltimeState>({
  name: "walltime",
  apiVersion: 1,
  mode: walltimeMode,
  options: walltimeOptions,
  optionsFromEnv: walltimeOptionsFromEnv,
  probe,
  probeKey: walltimeProbeKey,
  start: newWalltimeState,
  setup,
  wrap,
  onBenchmark,
  collect: (ctx, outcome, state) => collect(ctx as PluginContext, outcome, state),
  teardown,
});
