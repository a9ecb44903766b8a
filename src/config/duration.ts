/**
 * Durations of the walltime options in the config (`warmup-time`, `max-time`, `min-time`): the same
 * grammar as the CLI flags (see `src/harness/duration.ts`), plus YAML numbers meaning seconds. Returns
 * `null` instead of throwing, so the schema can report the key path.
 *
 * @module
 */
import { parseDuration as parseDurationText } from "../harness/duration.ts";

/**
 * Parses a duration into nanoseconds, or returns `null` when it is not one.
 *
 * @example
 * ```ts
 * parseDuration("1.5");     // 1_500_000_000 (bare number = seconds)
 * parseDuration("1m 30s");  // 90_000_000_000
 * parseDuration(0.25);      // 250_000_000
 * parseDuration("fast");    // null
 * ```
 */
export function parseDuration(value: string | number): number | null {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 1e9) : null;
  }
  try {
    return parseDurationText(value, "duration");
  } catch {
    return null;
  }
}
