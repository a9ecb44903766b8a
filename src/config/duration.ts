/**
 * Durations of the walltime options (`warmup-time`, `max-time`, `min-time`), as the CodSpeed
 * exec-harness reads them: a bare number is seconds, otherwise humantime-style `<number><unit>` parts.
 *
 * @module
 */

const NS_PER_UNIT: Record<string, number> = {
  ns: 1, nsec: 1, nanos: 1,
  us: 1e3, "µs": 1e3, usec: 1e3, micros: 1e3,
  ms: 1e6, msec: 1e6, millis: 1e6,
  s: 1e9, sec: 1e9, secs: 1e9, second: 1e9, seconds: 1e9,
  m: 60e9, min: 60e9, mins: 60e9, minute: 60e9, minutes: 60e9,
  h: 3600e9, hr: 3600e9, hrs: 3600e9, hour: 3600e9, hours: 3600e9,
  d: 86400e9, day: 86400e9, days: 86400e9,
};

const BARE_SECONDS = /^\d+(?:\.\d+)?$/;
// humantime itself takes integers only; decimals ("1.5s") are accepted too, as a superset.
const PART = /(\d+(?:\.\d+)?)\s*([a-zµ]+)/giy;

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
  const text = value.trim();
  if (BARE_SECONDS.test(text)) return Math.round(Number(text) * 1e9);
  if (text === "") return null;
  let total = 0;
  PART.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const m = PART.exec(text);
    if (!m) return null;
    // Units are case-sensitive in humantime ("M" is months there); only lower case is accepted here.
    const unit = NS_PER_UNIT[m[2]!];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
    pos = PART.lastIndex;
    while (text[pos] === " ") pos++;
  }
  return Math.round(total);
}
