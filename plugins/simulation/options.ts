/**
 * The simulation plugin's options (`instruments.simulation` in the config), CodSpeed runner 5's
 * `--cycle-estimation` and `--exclude-allocations`: the CLI flags stand for the environment
 * variables `CODSPEED_CYCLE_ESTIMATION` and `CODSPEED_EXCLUDE_ALLOCATIONS` (as walltime's perf
 * flags do), so the core knows neither by name.
 *
 * @module
 */
import type * as valibot from "valibot";
import { isTrueWord } from "../../src/toolkit/bool-words.ts";

export interface SimulationOptions {
  /** Cache simulation and the estimated cycles/time from it; off = instruction counts only. */
  cycleEstimation: boolean;
  /** Leave the allocator's own instructions (malloc, free, new, delete …) out of the counts. */
  excludeAllocations: boolean;
}

export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = { cycleEstimation: true, excludeAllocations: false };

export function simulationOptions(v: typeof valibot): valibot.GenericSchema<unknown, SimulationOptions> {
  return v.object({
    cycleEstimation: v.optional(v.pipe(v.boolean(), v.description("Estimate cycles from a cache simulation (CODSPEED_CYCLE_ESTIMATION)")), true),
    excludeAllocations: v.optional(v.pipe(v.boolean(), v.description("Leave allocator functions out of the counts (CODSPEED_EXCLUDE_ALLOCATIONS)")), false),
  });
}

/** The options the environment sets; unset or empty variables leave the config's value. */
export function simulationOptionsFromEnv(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (env.CODSPEED_CYCLE_ESTIMATION) out.cycleEstimation = isTrueWord(env.CODSPEED_CYCLE_ESTIMATION);
  if (env.CODSPEED_EXCLUDE_ALLOCATIONS) out.excludeAllocations = isTrueWord(env.CODSPEED_EXCLUDE_ALLOCATIONS);
  return out;
}

/** The options of a context: validated ones from the host, the defaults for a bare test context. */
export function optionsOf(options: unknown): SimulationOptions {
  return { ...DEFAULT_SIMULATION_OPTIONS, ...(typeof options === "object" && options ? (options as Partial<SimulationOptions>) : {}) };
}
