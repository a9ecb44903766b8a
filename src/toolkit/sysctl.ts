/**
 * Integer sysctls, read from `/proc/sys` (no side effects) or parsed from `sysctl <name>`'s output.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/** Reads `2`, `2\n` or `kernel.perf_event_paranoid = 2`; undefined for anything else. */
export function parseSysctlInt(text: string): number | undefined {
  const m = /^(?:[\w.]+\s*=\s*)?(-?\d+)\s*$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** Reads a sysctl as an integer; undefined when unreadable. */
export function readSysctl(name: string, root = "/proc/sys"): number | undefined {
  try {
    return parseSysctlInt(readFileSync(`${root}/${name.replaceAll(".", "/")}`, "utf8"));
  } catch {
    return undefined;
  }
}
