/**
 * The one hook table: every hook of {@link InstrumentPlugin} with how the driver combines the
 * plugins' calls, whether a plugin must have it, and its time budget. The driver (`driver.ts`) and
 * the shape check of user plugins (`load.ts`) are built from it; a hook added to the interface
 * without an entry here fails to compile.
 *
 * @module
 */
import type { InstrumentPlugin } from "./types.ts";

/**
 * - `parallel`: every plugin at once (`onBenchmark`: within one shared time budget per event).
 * - `sequential`: one after the other, in the plugin set's order.
 * - `reduce`: sequential, each call gets the previous one's result (the wrapped command).
 * - `reverse`: sequential in the exact reverse order, every call runs even after a failure.
 */
export type HookKind = "parallel" | "sequential" | "reduce" | "reverse";

/** Keys of the plugin interface that are not hooks. */
type Declarations = "name" | "apiVersion" | "version" | "mode" | "integrationMode" | "enforce" | "options" | "optionsFromEnv";

/** Every function of the plugin interface that the host calls during a run. */
export type HookName = Exclude<keyof InstrumentPlugin, Declarations>;

export interface HookSpec {
  kind: HookKind;
  required: boolean;
  /** Milliseconds before the call counts as hung (`PACER_HOOK_TIMEOUT_MS` overrides, except `fixed`). */
  timeoutMs: number;
  /** The budget is part of the protocol (the integration waits 1 s for each answer): no override. */
  fixed?: boolean;
}

export const HOOKS = {
  probe: { kind: "parallel", required: true, timeoutMs: 30_000 },
  probeKey: { kind: "parallel", required: false, timeoutMs: 10_000 },
  setup: { kind: "sequential", required: false, timeoutMs: 15 * 60_000 },
  start: { kind: "sequential", required: false, timeoutMs: 30_000 },
  wrap: { kind: "reduce", required: false, timeoutMs: 30_000 },
  // All plugins' hooks for one event run in parallel, so this is the whole event's budget.
  onBenchmark: { kind: "parallel", required: false, timeoutMs: 500, fixed: true },
  collect: { kind: "parallel", required: false, timeoutMs: 15 * 60_000 },
  teardown: { kind: "reverse", required: false, timeoutMs: 60_000 },
} as const satisfies Record<HookName, HookSpec>;

export const HOOK_NAMES = Object.keys(HOOKS) as HookName[];

/** The time budget of one call of `hook`. */
export function hookTimeout(hook: HookName): number {
  const spec: HookSpec = HOOKS[hook];
  const override = Number(process.env.PACER_HOOK_TIMEOUT_MS);
  return !spec.fixed && override > 0 ? override : spec.timeoutMs;
}
