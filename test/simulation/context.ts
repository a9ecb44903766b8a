/**
 * A real plugin context for the simulation plugin's tests (the host's own `createPluginContext`).
 *
 * @module
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import plugin from "../../plugins/simulation/index.ts";
import { createPluginContext, type MutableContext } from "../../src/plugin/context.ts";
import type { InstrumentPlugin, RunPlan } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";

export const simulationPlugin = plugin as InstrumentPlugin<unknown>;

export function simulationContext(plan: RunPlan, profileFolder = mkdtempSync(join(tmpdir(), "pacer-sim-profile-"))): MutableContext {
  return createPluginContext(simulationPlugin, {}, {
    system: systemInfo(),
    mode: "simulation",
    profileFolder,
    plan,
    flags: { skipSetup: true, allowEmpty: false, perfEnabled: false },
    selfCommand: ["pacer"],
  });
}
