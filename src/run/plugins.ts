/**
 * Picks and loads the plugins of a run: the instrument of the selected mode (built-in or user) plus
 * every user plugin without a mode of its own.
 *
 * @module
 */
import { tmpdir } from "node:os";
import { closestKey } from "../config/suggest.ts";
import { createLogger } from "../log/logger.ts";
import { systemInfo } from "../system/info.ts";
import { installSignalHandlers, onExitCleanup } from "./interrupt.ts";
import { selfCommand } from "./self-command.ts";
import { BUILTIN_PLUGINS } from "../plugin/builtins.ts";
import { createPluginContext, validatePluginOptions, type ContextBase, type MutableContext } from "../plugin/context.ts";
import type { LoadedPlugin } from "../plugin/driver.ts";
import { loadUserPlugin, resolvePlugin, type PluginSpec } from "../plugin/load.ts";
import { allModes, modeSpec, specOf } from "../plugin/modes.ts";
import type { InstrumentPlugin, ModeSpec } from "../plugin/types.ts";
import { sortPlugins } from "../plugin/driver.ts";

/** The plugins of one run, sorted once (`pre`, declared order, `post`) for every hook. */
export interface RunPlugins {
  all: Array<LoadedPlugin & { ctx: MutableContext }>;
  instrument: LoadedPlugin & { ctx: MutableContext };
  mode: ModeSpec;
}

type Loaded = { plugin: InstrumentPlugin<unknown, unknown>; source: string; options?: unknown };

export async function loadAllPlugins(userSpecs: PluginSpec[], cwd: string): Promise<Loaded[]> {
  const builtins = await Promise.all(BUILTIN_PLUGINS.map(resolvePlugin));
  const users = [];
  for (const spec of userSpecs) users.push({ plugin: await loadUserPlugin(spec, cwd), source: spec.path, options: spec.options });
  return [...builtins.map((plugin) => ({ plugin, source: "builtin" })), ...users];
}

/** Mode names the loaded plugins provide, built-ins first. */
export function knownModes(plugins: Array<{ plugin: InstrumentPlugin<unknown, unknown> }>): string[] {
  return allModes(plugins).map((m) => m.name);
}

/**
 * Contexts for plugins used outside a run (`doctor`, `setup`): no command, the plugin's own mode, a
 * temp folder as profile folder. Dispose them when done.
 */
export function standaloneContexts(
  loaded: Loaded[],
  opts: { skipSetup: boolean; instrumentOptions?: Record<string, unknown>; env?: Record<string, string | undefined> },
): Array<LoadedPlugin & { ctx: MutableContext }> {
  const system = systemInfo();
  // doctor/setup run outside a session: Ctrl-C must still remove the contexts' temp folders.
  installSignalHandlers();
  return sortPlugins(loaded).map((p) => disposedOnExit({
    ...p,
    ctx: createPluginContext(p.plugin, resolveOptions(p, opts.instrumentOptions ?? {}, opts.env ?? process.env), {
      system,
      mode: specOf(p.plugin)?.name ?? "any",
      profileFolder: tmpdir(),
      plan: { kind: "integration", command: "" },
      flags: { skipSetup: opts.skipSetup, allowEmpty: true },
      selfCommand: selfCommand(),
    }),
  }));
}

function disposedOnExit<T extends { ctx: MutableContext }>(p: T): T {
  onExitCleanup(() => p.ctx.dispose());
  return p;
}

/**
 * Warnings for options no plugin reads: an `instruments:` section for a name no loaded plugin has
 * (a typo, or a plugin not loaded), or options (in `instruments:` or beside a `plugins:` entry) for
 * a plugin that declares none.
 *
 * @example
 * ```ts
 * instrumentOptionWarnings(loaded, { rusge: { verbose: true } });
 * // [`Ignoring "instruments.rusge": no loaded plugin is named "rusge", did you mean "rusage"?`]
 * ```
 */
export function instrumentOptionWarnings(
  loaded: Array<{ plugin: InstrumentPlugin<unknown, unknown>; source?: string; options?: unknown }>,
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

/**
 * A plugin's validated options: the config's `instruments.<name>` section, overridden by the
 * options given beside the plugin, overridden by what the plugin reads from the environment.
 */
export function resolveOptions(p: Loaded, instrumentOptions: Record<string, unknown>, env: Record<string, string | undefined>): unknown {
  const fromEnv = p.plugin.optionsFromEnv?.(env) ?? {};
  const merged = optionsOf(p.options, instrumentOptions[p.plugin.name]);
  const withEnv = Object.keys(fromEnv).length ? { ...((merged as Record<string, unknown> | undefined) ?? {}), ...fromEnv } : merged;
  return validatePluginOptions(p.plugin, withEnv, p.source);
}

export async function preparePlugins(opts: {
  mode: string;
  userSpecs: PluginSpec[];
  instrumentOptions: Record<string, unknown>;
  base: ContextBase;
  cwd: string;
  /** Where plugins read env-backed options (`optionsFromEnv`); the CLI adds what its flags stand for. */
  env?: Record<string, string | undefined>;
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
  const mode = modeSpec(opts.mode, loaded, (msg) => log.warn(msg));
  const selected = sortPlugins(loaded.filter((p) => p.plugin.mode === undefined || specOf(p.plugin)?.name === mode.name));
  const instrumentEntry = selected.find((p) => specOf(p.plugin)?.name === mode.name)!;
  const env = opts.env ?? process.env;
  const all = selected.map((p) => {
    const options = resolveOptions(p, opts.instrumentOptions, env);
    return { plugin: p.plugin, source: p.source, ctx: createPluginContext(p.plugin, options, { ...opts.base, mode: mode.name }) };
  });
  return { all, instrument: all.find((p) => p.plugin === instrumentEntry.plugin)!, mode };
}
