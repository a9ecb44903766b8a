/**
 * Builds a loaded plugin with a real context for driver tests.
 */
import { createPluginContext } from "../../src/plugin/context.ts";
import type { LoadedPlugin } from "../../src/plugin/driver.ts";
import type { InstrumentPlugin } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";

export function createTestPlugin(over: Partial<InstrumentPlugin<unknown>> & { name: string }): LoadedPlugin {
  const plugin: InstrumentPlugin<unknown> = {
    apiVersion: 1,
    probe: () => ({ status: "supported", features: {}, reasons: [] }),
    ...over,
  };
  const ctx = createPluginContext(plugin, {}, {
    system: systemInfo(),
    mode: "walltime",
    profileFolder: "/tmp",
    plan: { kind: "integration", command: "true" },
    flags: { skipSetup: true, allowEmpty: false },
    selfCommand: [process.execPath],
  });
  return { plugin, ctx, source: "test" };
}
