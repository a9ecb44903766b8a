/**
 * The walltime plugin's options (`instruments.walltime` in the config): whether perf profiles the
 * run and its call-graph mode. The CodSpeed runner's environment variables set them too (and the
 * CLI flags `--disable-perf`, `--perf-unwinding-mode` stand for those variables).
 *
 * @module
 */
import type * as valibot from "valibot";
import { isTrueWord } from "../../src/toolkit/bool-words.ts";

export interface WalltimeOptions {
  perf: boolean;
  unwinding?: "fp" | "dwarf";
}

export function walltimeOptions(v: typeof valibot): valibot.GenericSchema<unknown, WalltimeOptions> {
  return v.object({
    perf: v.optional(v.pipe(v.boolean(), v.description("Profile with perf record (CODSPEED_PERF_ENABLED)")), true),
    unwinding: v.optional(v.pipe(v.picklist(["fp", "dwarf"]), v.description("perf call-graph mode (CODSPEED_PERF_UNWINDING_MODE)"))),
  });
}

/** The options the environment sets; unset or empty variables leave the config's value. */
export function walltimeOptionsFromEnv(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const perf = env.CODSPEED_PROFILER_ENABLED || env.CODSPEED_PERF_ENABLED;
  if (perf) out.perf = isTrueWord(perf);
  if (env.CODSPEED_PERF_UNWINDING_MODE) out.unwinding = env.CODSPEED_PERF_UNWINDING_MODE;
  return out;
}
