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
import { setupSimulation } from "./setup.ts";
import { STATE_KEY, wrapSimulation, type SimulationRunState } from "./wrap.ts";

export default definePlugin({
  name: "simulation",
  apiVersion: 1,
  mode: "simulation",
  // Integrations talk to valgrind through client requests: no FIFO in this mode (reference §3.2).
  integrationMode: "none",
  probe: probeSimulation,
  setup: setupSimulation,
  wrap: wrapSimulation,
  collect: (ctx) => collectSimulation(ctx, ctx.state.get(STATE_KEY) as SimulationRunState | undefined),
  // Nothing to release: the scripts and status files live in ctx.tempDir, which the host removes.
  teardown: () => {},
});
