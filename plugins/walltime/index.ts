/**
 * The `walltime` instrument: runs the benchmark under `perf record` (when perf works here and
 * the `perf` option, CODSPEED_PERF_ENABLED, is not false), drives perf from the integration's Start/Stop events, and
 * reports the integration's walltime results with per-benchmark folded stacks.
 *
 * @module
 */
import { definePlugin, type PluginContext } from "../../src/index.ts";
import { onBenchmark } from "./session/on-benchmark.ts";
import { walltimeProbeKey } from "./probe/probe-key.ts";
import { walltimeMode } from "./mode.ts";
import { walltimeOptions, walltimeOptionsFromEnv, type WalltimeOptions } from "./options.ts";
import { newWalltimeState, type WalltimeState } from "./session/state.ts";
import { teardown } from "./session/teardown.ts";

// The probe, setup, wrap and collect code (perf parsers, ELF and symbol readers) is loaded when the
// hook runs: every pacer command that loads the plugins (any run, of any mode) starts faster.

export default definePlugin<WalltimeOptions, WalltimeState>({
  name: "walltime",
  apiVersion: 1,
  mode: walltimeMode,
  options: walltimeOptions,
  optionsFromEnv: walltimeOptionsFromEnv,
  probe: async (ctx) => (await import("./probe/probe.ts")).probe(ctx),
  probeKey: walltimeProbeKey,
  start: newWalltimeState,
  setup: async (ctx, probed) => (await import("./probe/setup.ts")).setup(ctx, probed),
  wrap: async (cmd, ctx, state) => (await import("./session/wrap.ts")).wrap(cmd, ctx, state),
  onBenchmark,
  collect: async (ctx, outcome, state) => (await import("./session/collect.ts")).collect(ctx as PluginContext, outcome, state),
  teardown,
});
