/**
 * Turns the user's walltime options into the loop's bounds, with the CodSpeed exec-harness defaults
 * and checks.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { WalltimeOptions } from "../plugin/types.ts";
import { formatNs } from "./duration.ts";

export const DEFAULT_WARMUP_TIME_NS = 1e9;
/** Applied only when the user set none of max rounds, min rounds and min time. */
export const DEFAULT_MAX_TIME_NS = 3e9;

/** A bound in rounds, in time, or both (exec-harness `RoundOrTime`); at least one field is set. */
export interface Bound {
  rounds?: number;
  timeNs?: number;
}

/** The resolved options of one benchmark loop. */
export interface LoopOptions {
  /** 0 disables the warmup (a counted one too: it is 0 when `warmupRounds` is set). */
  warmupTimeNs: number;
  /** The warmup is this many rounds, not a time (0: no warmup). */
  warmupRounds?: number;
  min?: Bound;
  max?: Bound;
}

function bound(rounds: number | undefined, timeNs: number | undefined): Bound | undefined {
  if (rounds === undefined && timeNs === undefined) return undefined;
  return { ...(rounds !== undefined && { rounds }), ...(timeNs !== undefined && { timeNs }) };
}

function usage(message: string, hint: string): PacerError {
  return new PacerError("E_USAGE", `Invalid walltime options: ${message}`, { hint });
}

function checkValues(o: WalltimeOptions): void {
  const times = { "warmup time": o.warmupTimeNs, "max time": o.maxTimeNs, "min time": o.minTimeNs };
  for (const [what, v] of Object.entries(times)) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      throw usage(`${what} "${v}" is not a non-negative number of nanoseconds`, "Pass a duration such as \"1s\"");
    }
  }
  const rounds = { "max rounds": o.maxRounds, "min rounds": o.minRounds, "warmup rounds": o.warmupRounds };
  for (const [what, v] of Object.entries(rounds)) {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) {
      throw usage(`${what} "${v}" is not a non-negative integer`, "Pass a whole number of rounds, e.g. 10");
    }
  }
}

/**
 * Resolves {@link WalltimeOptions} like exec-harness: warmup 1 s by default; max time 3 s by default
 * only when no other bound is given (0 means "no max time"); min must not exceed max.
 *
 * @throws PacerError `E_USAGE` for a min above its max, or no bound at all (`maxTimeNs: 0` alone)
 *
 * @example
 * ```ts
 * resolveLoopOptions({}); // { warmupTimeNs: 1e9, max: { timeNs: 3e9 } }
 * resolveLoopOptions({ maxRounds: 10 }); // { warmupTimeNs: 1e9, max: { rounds: 10 } }
 * ```
 */
export function resolveLoopOptions(o: WalltimeOptions): LoopOptions {
  checkValues(o);
  if (o.warmupRounds !== undefined && o.warmupTimeNs !== undefined) {
    throw usage("a warmup time and a number of warmup rounds are both set", "Keep one of --warmup-time and --warmup");
  }
  const warmupTimeNs = o.warmupRounds !== undefined ? 0 : (o.warmupTimeNs ?? DEFAULT_WARMUP_TIME_NS);
  const anyOtherBound = o.maxRounds !== undefined || o.minRounds !== undefined || o.minTimeNs !== undefined;
  const maxTimeNs = o.maxTimeNs ?? (anyOtherBound ? 0 : DEFAULT_MAX_TIME_NS);

  if (maxTimeNs > 0 && o.minTimeNs !== undefined && o.minTimeNs > maxTimeNs) {
    throw usage(
      `min time (${formatNs(o.minTimeNs)}) cannot be greater than max time (${formatNs(maxTimeNs)})`,
      "Lower --min-time or raise --max-time",
    );
  }
  if (o.minRounds !== undefined && o.maxRounds !== undefined && o.minRounds > o.maxRounds) {
    throw usage(
      `min rounds (${o.minRounds}) cannot be greater than max rounds (${o.maxRounds})`,
      "Lower --min-rounds or raise --max-rounds",
    );
  }
  const min = bound(o.minRounds, o.minTimeNs);
  const max = bound(o.maxRounds, maxTimeNs > 0 ? maxTimeNs : undefined);
  // Only reachable with an explicit max time of 0 (no max time) and no other bound.
  if (!min && !max) {
    throw usage(
      warmupTimeNs === 0 && !o.warmupRounds
        ? "when warmup is disabled, at least one constraint (min rounds, max rounds, min time or max time) must be specified"
        : "unable to determine the number of rounds to perform: no bound is set",
      "Set --max-rounds, --min-rounds, --min-time or a non-zero --max-time",
    );
  }
  return { warmupTimeNs, ...(o.warmupRounds !== undefined && { warmupRounds: o.warmupRounds }), ...(min && { min }), ...(max && { max }) };
}

const ROUND_FLAGS = ["max-rounds", "min-rounds", "runs", "warmup"] as const;

/**
 * Checks the text of the round counts (`--max-rounds`, `--min-rounds`, `--runs`, `--warmup`) before anything runs: a whole number that a
 * double holds exactly. `Number("9007199254740993")` silently becomes …992, and `1e20` is not a
 * count: both used to pass here and fail later inside the harness as "exited with code 2".
 *
 * @throws PacerError `E_USAGE` naming the flag and the value as typed
 *
 * @example
 * ```ts
 * checkRoundFlags({ "max-rounds": "100" }); // ok
 * checkRoundFlags({ "max-rounds": "1e20" }); // throws: Invalid --max-rounds "1e20": expected a whole number
 * ```
 */
export function checkRoundFlags(values: Partial<Record<(typeof ROUND_FLAGS)[number], string>>): void {
  for (const flag of ROUND_FLAGS) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const hint = `Example: --${flag} 100`;
    if (!/^\d+$/.test(raw)) throw new PacerError("E_USAGE", `Invalid --${flag} "${raw}": expected a whole number`, { hint });
    if (!Number.isSafeInteger(Number(raw))) {
      throw new PacerError("E_USAGE", `Invalid --${flag} "${raw}": the largest number of rounds is ${Number.MAX_SAFE_INTEGER}`, { hint });
    }
  }
}
