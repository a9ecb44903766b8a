/**
 * Picks and loads the plugins of a run: the instrument of the selected mode (built-in or user) plus
 * every user plugin without a mode of its own.
 *
 * @module
 */
import { tmpdir } from "node:os";
import { PacerError } from "../errors.ts";
import { systemInfo } from "../system/info.ts";
import { selfCommand } from "./self-command.ts";
import { BUILTIN_PLUGINS } from "../plugin/builtins.ts";
import { createPluginContext, validatePluginOptions, type ContextBase, type MutableContext } from "../plugin/context.ts";
import type { LoadedPlugin } from "../plugin/driver.ts";
import { loadUserPlugin, resolvePlugin, type PluginSpec } from "../plugin/load.ts";
import type { InstrumentPlugin } from "../plugin/types.ts";

export interface RunPlugins {
  all: Array<LoadedPlugin & { ctx: MutableContext }>;
  instrument: LoadedPlugin & { ctx: MutableContext };
}

export async function loadAllPlugins(userSpecs: PluginSpec[], cwd: string): Promise<Array<{ plugin: InstrumentPlugin<unknown>; source: string; options?: unknown }>> {
  const builtins = await Promise.all(BUILTIN_PLUGINS.map(resolvePlugin));
  const users = [];
  for (const spec of userSpecs) users.push({ plugin: await loadUserPlugin(spec, cwd), source: spec.path, options: spec.options });
  return [...builtins.map((plugin) => ({ plugin, source: "builtin" })), ...users];
}

/** Mode names the loaded plugins provide, built-ins first. */
export function knownModes(plugins: Array<{ plugin: InstrumentPlugin<unknown> }>): string[] {
  return [...new Set(plugins.flatMap((p) => (p.plugin.mode ? [p.plugin.mode] : [])))];
}

/**
 * Contexts for plugins used outside a run (`doctor`, `setup`): no command, the plugin's own mode, a
 * temp folder as profile folder. Dispose them when done.
 */
export function standaloneContexts(
  loaded: Array<{ plugin: InstrumentPlugin<unknown>; source: string; options?: unknown }>,
  opts: { skipSetup: boolean },
): Array<LoadedPlugin & { ctx: MutableContext }> {
  const system = systemInfo();
  return loaded.map((p) => ({
    ...p,
    ctx: createPluginContext(p.plugin, p.options ?? {}, {
      system,
      mode: p.plugin.mode ?? "any",
      profileFolder: tmpdir(),
      plan: { kind: "integration", command: "" },
      flags: { skipSetup: opts.skipSetup, allowEmpty: true, perfEnabled: true },
      selfCommand: selfCommand(),
    }),
  }));
}

export async function preparePlugins(opts: {
  mode: string;
  userSpecs: PluginSpec[];
  instrumentOptions: Record<string, unknown>;
  base: ContextBase;
  cwd: string;
}): Promise<RunPlugins> {
  const loaded = await loadAllPlugins(opts.userSpecs, opts.cwd);
  const selected = loaded.filter((p) => p.plugin.mode === undefined || p.plugin.mode === opts.mode);
  const instrumentEntry = selected.find((p) => p.plugin.mode === opts.mode);
  if (!instrumentEntry) {
    throw new PacerError("E_USAGE", `Unknown mode "${opts.mode}"`, {
      hint: `Use one of: ${knownModes(loaded).join(", ")} (or load a plugin that provides this mode with --plugin)`,
    });
  }
  const all = selected.map((p) => {
    const options = validatePluginOptions(p.plugin, p.options ?? opts.instrumentOptions[p.plugin.name], p.source);
    return { plugin: p.plugin, source: p.source, ctx: createPluginContext(p.plugin, options, opts.base) };
  });
  return { all, instrument: all.find((p) => p.plugin === instrumentEntry.plugin)! };
}
