/**
 * The mode registry: every mode the loaded plugins declare, looked up by name or alias. The core
 * asks a mode's {@link ModeSpec} what to do instead of knowing mode names.
 *
 * @module
 */
import { closestKey } from "../config/suggest.ts";
import { PacerError } from "../errors.ts";
import type { InstrumentPlugin, IntegrationMode, ModeSpec, PluginContext } from "./types.ts";

type WithPlugin = { plugin: Pick<InstrumentPlugin<any, any>, "mode" | "integrationMode"> };

/** A plugin's mode as a full spec; a bare name (the API of before ModeSpec) gets the defaults. */
export function specOf(plugin: WithPlugin["plugin"]): ModeSpec | undefined {
  const m = plugin.mode;
  if (m === undefined) return undefined;
  if (typeof m !== "string") return m;
  const integration = plugin.integrationMode ?? "none";
  return { name: m, harness: integration === "analysis" ? "analysis" : "walltime", integration, metrics: {} };
}

/** Every mode the plugins declare, in plugin order (built-ins first), without duplicates. */
export function allModes(plugins: WithPlugin[]): ModeSpec[] {
  const seen = new Map<string, ModeSpec>();
  for (const p of plugins) {
    const spec = specOf(p.plugin);
    if (spec && !seen.has(spec.name)) seen.set(spec.name, spec);
  }
  return [...seen.values()];
}

/** The spec of mode `name` among `modes`, or undefined. Aliases resolve to their mode. */
export function findMode(name: string, modes: readonly ModeSpec[]): ModeSpec | undefined {
  return modes.find((m) => m.name === name) ?? modes.find((m) => m.aliases?.includes(name));
}

/**
 * The spec of mode `name` among `modes`; an unknown name is a usage error naming the modes there
 * are, with a "did you mean" for a near miss. An alias warns that it is deprecated.
 */
export function resolveMode(name: string, modes: readonly ModeSpec[], warn?: (msg: string) => void): ModeSpec {
  const found = findMode(name, modes);
  if (found) {
    if (found.name !== name) warn?.(`The "${name}" mode is deprecated: use "${found.name}"`);
    return found;
  }
  const names = modes.map((m) => m.name);
  const guess = closestKey(name, [...names, ...modes.flatMap((m) => m.aliases ?? [])]);
  const target = guess ? findMode(guess, modes)!.name : undefined;
  throw new PacerError("E_USAGE", `Unknown mode "${name}"${target ? `, did you mean "${target}"?` : ""}`, {
    hint: `Use one of: ${names.join(", ")} (or load a plugin that provides this mode with --plugin)`,
  });
}

/** {@link resolveMode} among the modes the plugins declare. */
export function modeSpec(name: string, plugins: WithPlugin[], warn?: (msg: string) => void): ModeSpec {
  return resolveMode(name, allModes(plugins), warn);
}

/** The mode's answer to the integration's `GetIntegrationMode` in this run. */
export function integrationOf(spec: ModeSpec, ctx: PluginContext<any>): IntegrationMode {
  return typeof spec.integration === "function" ? spec.integration(ctx) : spec.integration;
}

/** `CODSPEED_RUNNER_MODE` for integrations. */
export const wireNameOf = (spec: ModeSpec): string => spec.wireName ?? spec.name;

/** Upload metadata `executor`. */
export const executorOf = (spec: ModeSpec): string => spec.executor ?? spec.name;
