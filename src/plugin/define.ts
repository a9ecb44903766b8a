/**
 * `definePlugin`: an identity helper that gives a plugin object its types: the options `O` its
 * schema produces and the state `S` its `start` returns reach every hook.
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
 * import { definePlugin } from "pacer";
 * export default definePlugin({
 *   name: "cpu-time",
 *   apiVersion: 1,
 *   probe: () => ({ status: "supported", features: {}, reasons: [] }),
 *   start: () => ({ started: Date.now() }),
 *   teardown: (ctx, state) => ctx.log.debug(`ran ${Date.now() - (state?.started ?? 0)} ms`),
 * });
 * ```
 */
export function definePlugin<O = unknown, S = unknown>(plugin: Resolvable<InstrumentPlugin<O, S>>): Resolvable<InstrumentPlugin<O, S>> {
  return plugin;
}
