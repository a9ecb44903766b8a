/**
 * The `simulation` instrument: runs benchmarks under valgrind's callgrind with a cache model and
 * reports instruction counts, cache misses, estimated cycles and an estimated time per benchmark.
 * See README.md in this folder.
 *
 * @module
 */
import { definePlugin } from "../../src/index.ts";
import { simulationProbeKey } from "./probe-key.ts";
import { simulationMode } from "./mode.ts";
import { simulationOptions, simulationOptionsFromEnv, type SimulationOptions } from "./options.ts";
import type { SimulationRunState } from "./wrap.ts";

// Hook code (the callgrind parser, valgrind command lines) is loaded when the hook runs: a run of
// another mode never loads it.

export default definePlugin<SimulationOptions, SimulationRunState>({
  name: "simulation",
  apiVersion: 1,
  mode: simulationMode,
  options: simulationOptions,
  optionsFromEnv: simulationOptionsFromEnv,
  probe: async (ctx) => (await import("./probe.ts")).probeSimulation(ctx),
  probeKey: simulationProbeKey,
  setup: async (ctx, probed) => (await import("./setup.ts")).setupSimulation(ctx, probed),
  start: async (ctx) => (await import("./wrap.ts")).newSimulationState(ctx),
  wrap: async (cmd, ctx, state) => (await import("./wrap.ts")).wrapSimulation(cmd, ctx, state),
  collect: async (ctx, _outcome, state) => (await import("./collect.ts")).collectSimulation(ctx, state),
  // Nothing to release: the scripts and status files live in ctx.tempDir, which the host removes.
  teardown: () => {},
});
