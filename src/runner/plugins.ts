/**
 * Picks and loads the plugins of a run: the instrument of the selected mode (built-in or user) plus
 * every user plugin without a mode of its own.
 *
 * @module
 */
import { tmpdir } from "node:os";
import { closestKey } from "../config/suggest.ts";
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
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

/**
 * Warnings for options no plugin reads: an `instruments:` section for a name no loaded plugin has
 * (a typo, or a plugin not loaded), or options (in `instruments:` or beside a `plugins:` entry) for
 * a plugin that declares none.
 *
 * @example
 * ```ts
 * instrumentOptionWarnings(loaded, { walltme: { perf: false } });
 * // ['Ignoring "instruments.walltme": no loaded plugin is named "walltme", did you mean "walltime"?']
 * ```
 */
export function instrumentOptionWarnings(
  loaded: Array<{ plugin: InstrumentPlugin<unknown>; source?: string; options?: unknown }>,
  instrumentOptions: Record<string, unknown>,
): string[] {
  const names = loaded.map((p) => p.plugin.name);
  const out: string[] = [];
  const nonEmpty = (x: unknown) => !!x && typeof x === "object" && Object.keys(x).length > 0;
  for (const p of loaded) {
    if (!p.plugin.options && nonEmpty(p.options)) out.push(`Ignoring the options given to plugin "${p.plugin.name}" (${p.source}): it takes no options`);
  }
  for (const [name, options] of Object.entries(instrumentOptions)) {
    const plugin = loaded.find((p) => p.plugin.name === name)?.plugin;
    if (!plugin) {
      const guess = closestKey(name, names);
      const tail = guess ? `did you mean "${guess}"?` : `loaded: ${names.map((n) => `"${n}"`).join(", ")}`;
      out.push(`Ignoring "instruments.${name}": no loaded plugin is named "${name}", ${tail}`);
    } else if (!plugin.options && nonEmpty(options)) {
      out.push(`Ignoring "instruments.${name}": plugin "${name}" takes no options`);
    }
  }
  return out;
}

/** Warnings already printed: a run of several modes prepares the plugins once per mode. */
const warned = new Set<string>();

/** Options of a plugin: the `instruments.<name>` section, overridden key by key by the plugin's own. */
function optionsOf(own: unknown, section: unknown): unknown {
  const isMap = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (own === undefined) return section;
  return isMap(own) && isMap(section) ? { ...section, ...own } : own;
}

export async function preparePlugins(opts: {
  mode: string;
  userSpecs: PluginSpec[];
  instrumentOptions: Record<string, unknown>;
  base: ContextBase;
  cwd: string;
}): Promise<RunPlugins> {
  const loaded = await loadAllPlugins(opts.userSpecs, opts.cwd);
  const log = createLogger();
  for (const w of instrumentOptionWarnings(loaded, opts.instrumentOptions)) {
    if (!warned.has(w)) log.warn(w);
    warned.add(w);
  }
  // Every plugin's section is checked, not only this mode's: a typo must not wait for the run that reads it.
  for (const p of loaded) {
    const section = opts.instrumentOptions[p.plugin.name];
    if (section !== undefined) validatePluginOptions(p.plugin, optionsOf(p.options, section), p.source);
  }
  const selected = loaded.filter((p) => p.plugin.mode === undefined || p.plugin.mode === opts.mode);
  const instrumentEntry = selected.find((p) => p.plugin.mode === opts.mode);
  if (!instrumentEntry) {
    throw new PacerError("E_USAGE", `Unknown mode "${opts.mode}"`, {
      hint: `Use one of: ${knownModes(loaded).join(", ")} (or load a plugin that provides this mode with --plugin)`,
    });
  }
  const all = selected.map((p) => {
    const options = validatePluginOptions(p.plugin, optionsOf(p.options, opts.instrumentOptions[p.plugin.name]), p.source);
    return { plugin: p.plugin, source: p.source, ctx: createPluginContext(p.plugin, options, opts.base) };
  });
  return { all, instrument: all.find((p) => p.plugin === instrumentEntry.plugin)! };
}
