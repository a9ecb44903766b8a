/**
 * A real plugin context for the simulation plugin's tests (the host's own `createPluginContext`).
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import plugin from "../../plugins/simulation/index.ts";
import { createPluginContext, type MutableContext } from "../../src/plugin/context.ts";
import type { InstrumentPlugin, RunPlan } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";

export const simulationPlugin = plugin as InstrumentPlugin<unknown>;

/** A context whose `dispose()` also removes the profile folder when this helper created it. */
export function simulationContext(plan: RunPlan, profileFolder?: string): MutableContext {
  const folder = profileFolder ?? mkdtempSync(join(tmpdir(), "pacer-sim-profile-"));
  const ctx = createPluginContext(simulationPlugin, {}, {
    system: systemInfo(),
    mode: "simulation",
    profileFolder: folder,
    plan,
    flags: { skipSetup: true, allowEmpty: false },
    selfCommand: ["pacer"],
  });
  const dispose = ctx.dispose;
  ctx.dispose = () => {
    dispose();
    if (!profileFolder) rmSync(folder, { recursive: true, force: true });
  };
  return ctx;
}
