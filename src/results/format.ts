/**
 * Number formatting of reference §9: durations in seconds, memory in base 1024, thousands separators.
 *
 * @module
 */

function trimDigits(value: number, digits: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits);
}

/** `< 1 ns` below a nanosecond (and for 0), then ns / µs / ms / s with 2 fraction digits. */
export function formatDuration(seconds: number, digits = 2): string {
  if (!(seconds >= 1e-9)) return "< 1 ns";
  if (seconds >= 1) return `${trimDigits(seconds, digits)} s`;
  if (seconds >= 1e-3) return `${trimDigits(seconds * 1e3, digits)} ms`;
  if (seconds >= 1e-6) return `${trimDigits(seconds * 1e6, digits)} µs`;
  return `${trimDigits(seconds * 1e9, digits)} ns`;
}

const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** Base 1024, one decimal with trailing zeros trimmed, `0 B` for zero. */
export function formatBytes(bytes: number): string {
  if (!bytes) return "0 B";
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1).replace(/\.0$/, "")} ${UNITS[i]}`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function formatPercent(n: number, digits = 2): string {
  return `${n.toFixed(digits)}%`;
}
