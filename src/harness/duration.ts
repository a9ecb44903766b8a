/**
 * Duration strings of the walltime options (`--warmup-time 500ms`, `max-time: 2m` in the config).
 *
 * @module
 */
import { PacerError } from "../errors.ts";

const NS_PER_UNIT: Record<string, number> = {
  ns: 1, nsec: 1, nanos: 1,
  us: 1e3, "µs": 1e3, "μs": 1e3, usec: 1e3, micros: 1e3,
  ms: 1e6, msec: 1e6, millis: 1e6,
  s: 1e9, sec: 1e9, secs: 1e9, second: 1e9, seconds: 1e9,
  m: 60e9, min: 60e9, mins: 60e9, minute: 60e9, minutes: 60e9,
  h: 3600e9, hr: 3600e9, hrs: 3600e9, hour: 3600e9, hours: 3600e9,
  d: 86400e9, day: 86400e9, days: 86400e9,
};

const BARE_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
// One `<number><unit>` part; humantime allows several (`1m 30s`, `1h30m`).
const PART = /\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Zµμ]+)\s*/y;

const HINT = 'Use a number with a unit (ns, us, ms, s, m, h), e.g. "1.5s" or "500ms", or a bare number of seconds';

/**
 * Parses a humantime-style duration (`1s`, `500ms`, `1.5s`, `2m`, `1h`, `100us`, `1m 30s`) or a bare
 * number of seconds (`"1.5"`) into nanoseconds, as the CodSpeed exec-harness does.
 *
 * @param text the duration as the user wrote it
 * @param what the option it came from, for the error message (e.g. `warmup time`)
 * @returns whole nanoseconds
 * @throws PacerError `E_USAGE` when the text is not a finite, non-negative duration
 *
 * @example
 * ```ts
 * parseDuration("500ms", "max time"); // 500_000_000
 * parseDuration("1.5", "warmup time"); // 1_500_000_000
 * ```
 */
export function parseDuration(text: string, what: string): number {
  const s = text.trim();
  const fail = (why: string): PacerError =>
    new PacerError("E_USAGE", `Invalid ${what} "${text}": ${why}`, { hint: HINT });
  if (s === "") throw fail("the duration is empty");

  if (BARE_NUMBER.test(s)) {
    const seconds = Number(s);
    if (!Number.isFinite(seconds)) throw fail("the number of seconds is not finite");
    if (seconds < 0) throw fail("a duration cannot be negative");
    return checkRange(Math.round(seconds * 1e9) || 0, fail); // `-0` disables the warmup like `0`
  }
  if (s.startsWith("-")) throw fail("a duration cannot be negative");

  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m) throw fail(`cannot read "${s.slice(start)}" as a number followed by a unit`);
    const unit = m[2] ?? "";
    // Case matters, as in humantime (`M` would be months there, not minutes).
    const factor = NS_PER_UNIT[unit];
    if (factor === undefined) throw fail(`unknown unit "${unit}"`);
    total += Number(m[1]) * factor;
  }
  return checkRange(Math.round(total), fail);
}

/**
 * Whole nanoseconds above 2^53 − 1 (about 104 days) are not exact in a double and would fail later,
 * inside the harness, instead of here where the flag or key can be named.
 */
function checkRange(ns: number, fail: (why: string) => PacerError): number {
  if (!Number.isSafeInteger(ns)) throw fail("the duration is too long (at most 104 days)");
  return ns;
}

/** Formats nanoseconds for log lines: `850 ns`, `12.3 µs`, `4.56 ms`, `1.20 s`. */
export function formatNs(ns: number): string {
  if (ns < 1e3) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}
