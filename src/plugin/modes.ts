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

/** The spec of mode `name`, or undefined. Aliases resolve to their mode. */
export function findMode(name: string, plugins: WithPlugin[]): ModeSpec | undefined {
  const modes = allModes(plugins);
  return modes.find((m) => m.name === name) ?? modes.find((m) => m.aliases?.includes(name));
}

/**
 * The spec of mode `name`; an unknown name is a usage error naming the modes there are, with a
 * "did you mean" for a near miss.
 */
export function modeSpec(name: string, plugins: WithPlugin[]): ModeSpec {
  const found = findMode(name, plugins);
  if (found) return found;
  const names = allModes(plugins).map((m) => m.name);
  const guess = closestKey(name, [...names, ...allModes(plugins).flatMap((m) => m.aliases ?? [])]);
  const target = guess ? findMode(guess, plugins)!.name : undefined;
  throw new PacerError("E_USAGE", `Unknown mode "${name}"${target ? `, did you mean "${target}"?` : ""}`, {
    hint: `Use one of: ${names.join(", ")} (or load a plugin that provides this mode with --plugin)`,
  });
}

/** The mode's answer to the integration's `GetIntegrationMode` in this run. */
export function integrationOf(spec: ModeSpec, ctx: PluginContext<any>): IntegrationMode {
  return typeof spec.integration === "function" ? spec.integration(ctx) : spec.integration;
}

/** `CODSPEED_RUNNER_MODE` for integrations. */
export const wireNameOf = (spec: ModeSpec): string => spec.wireName ?? spec.name;

/** Upload metadata `executor`. */
export const executorOf = (spec: ModeSpec): string => spec.executor ?? spec.name;
