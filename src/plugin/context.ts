/**
 * Builds the per-plugin context: validated options, a tagged logger, a private temp folder and the
 * helpers a plugin may not import itself.
 *
 * @module
 */
import * as v from "valibot";
import type { SchemaNode } from "../config/_schema-walk.ts";
import { checkStructure } from "../config/structure.ts";
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import { makeOwnedTempDir, removeOwnedTempDir } from "../system/owned-temp-dir.ts";
import { execCapture } from "../system/subprocess.ts";
import type { SystemInfo } from "../system/info.ts";
import { VERSION } from "../version.ts";
import { monotonicNs } from "../protocol/monotonic-clock.ts";
import { toolkit } from "../toolkit/index.ts";
import { pluginLibs } from "./libs.ts";
import { invalidateProbeCache } from "./probe-cache.ts";
import type { InstrumentPlugin, PluginContext, ProbeResult, RunFlags, RunPlan } from "./types.ts";

/** What every plugin context of a run shares. */
export interface ContextBase {
  system: SystemInfo;
  mode: string;
  profileFolder: string;
  plan: RunPlan;
  flags: RunFlags;
  selfCommand: string[];
}

/**
 * Validates a plugin's options against its own schema; errors name the plugin and the key path. A
 * key the schema does not declare is an error too (with a "did you mean"), even when the plugin's
 * schema is a non-strict object, which valibot would let through silently.
 */
export function validatePluginOptions(plugin: InstrumentPlugin<unknown, unknown>, raw: unknown, source: string): unknown {
  if (!plugin.options) return raw ?? {};
  const schema = plugin.options(v);
  const result = v.safeParse(schema, raw ?? {});
  const unknownKeys = checkStructure(schema as unknown as SchemaNode, raw ?? {});
  if (result.success && unknownKeys.length === 0) return result.output;
  const issues = result.success ? [] : result.issues.filter((i) => i.expected !== "never");
  const lines = [...unknownKeys, ...issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`)];
  throw new PacerError("E_CONFIG", `Invalid options for plugin "${plugin.name}" (${source}): ${lines.join("; ")}`, {
    hint: `Fix the "instruments.${plugin.name}" section of your config or the options given with the plugin`,
  });
}

export type MutableContext = PluginContext<unknown> & { probed?: ProbeResult; dispose(): void };

export function createPluginContext(plugin: InstrumentPlugin<unknown, unknown>, options: unknown, base: ContextBase): MutableContext {
  // Made on first use: most contexts (doctor's, a plugin that needs no scratch space) never touch it.
  let tempDir: string | undefined;
  const ctx: MutableContext = {
    options,
    system: base.system,
    log: createLogger(`plugin ${plugin.name}`),
    meta: { runnerVersion: VERSION, pluginName: plugin.name },
    mode: base.mode,
    profileFolder: base.profileFolder,
    get tempDir() {
      // Owned: if pacer is killed, the next pacer removes it.
      return (tempDir ??= makeOwnedTempDir(`pacer-${plugin.name}-`));
    },
    plan: base.plan,
    flags: base.flags,
    selfCommand: base.selfCommand,
    get libs() {
      return pluginLibs();
    },
    toolkit,
    exec: (argv, opts) => execCapture(argv, opts),
    monotonicNs,
    probed: undefined,
    probeFailed: (feature, reason) => {
      ctx.log.debug(`Probe cache dropped: "${feature}" failed during the run (${reason})`);
      invalidateProbeCache(plugin.name);
    },
    dispose: () => {
      if (tempDir) removeOwnedTempDir(tempDir);
    },
  };
  return ctx;
}
