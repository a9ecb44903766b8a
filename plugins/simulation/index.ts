/**
 * The `simulation` instrument: runs benchmarks under valgrind's callgrind with a cache model and
 * reports instruction counts, cache misses, estimated cycles and an estimated time per benchmark.
 * See README.md in this folder.
 *
 * @module
 */
import { definePlugin } from "../../src/index.ts";
import { collectSimulation } from "./collect.ts";
import { probeSimulation } from "./probe.ts";
import { simulationProbeKey } from "./probe-key.ts";
import { setupSimulation } from "./setup.ts";
import { simulationMode } from "./mode.ts";
import { simulationOptions, simulationOptionsFromEnv, type SimulationOptions } from "./options.ts";
import { newSimulationState, wrapSimulation, type SimulationRunState } from "./wrap.ts";

export default definePlugin<SimulationOptions, SimulationRunState>({
  name: "simulation",
  apiVersion: 1,
  mode: simulationMode,
  options: simulationOptions,
  optionsFromEnv: simulationOptionsFromEnv,
  probe: probeSimulation,
  probeKey: simulationProbeKey,
  setup: setupSimulation,
  start: newSimulationState,
  wrap: wrapSimulation,
  collect: (ctx, _outcome, state) => collectSimulation(ctx, state),
  // Nothing to release: the scripts and status files live in ctx.tempDir, which the host removes.
  teardown: () => {},
});
