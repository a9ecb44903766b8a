/**
 * `definePlugin`: an identity helper that only gives a plugin object its type.
 *
 * @module
 */
import type { InstrumentPlugin, Resolvable } from "./types.ts";

/**
 * Declares an instrument plugin. Accepts the plugin object or a (possibly async) factory.
 *
 * @param plugin The plugin, or a function returning it.
 * @returns The same value, typed.
 * @example
 * ```ts
 * import { definePlugin } from "../../src/index.ts";
 * export default definePlugin({
 *   name: "cpu-time",
 *   apiVersion: 1,
 *   probe: () => ({ status: "supported", features: {}, reasons: [] }),
 * });
 * ```
 */
export function definePlugin<O = unknown>(plugin: Resolvable<InstrumentPlugin<O>>): Resolvable<InstrumentPlugin<O>> {
  return plugin;
}
