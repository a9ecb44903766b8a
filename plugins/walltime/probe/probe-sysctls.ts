/**
 * Reads the sysctls perf profiling depends on, and the one that keeps a root run safe from links
 * planted in `/tmp`, straight from `/proc/sys` (no side effects).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { Feature } from "../../../src/index.ts";
import { parseSysctlInt } from "./parse-sysctl.ts";

/**
 * The sysctls and the values setup sets: the reference's two, and `fs.protected_symlinks=1`: with
 * 0, a benchmark run as root that writes `/tmp/perf-<pid>.map` itself (Python's perf trampoline,
 * node's child processes; the node shim guards only the node it starts) follows a link another
 * user planted there and overwrites its target.
 */
export const WANTED_SYSCTLS = { "kernel.perf_event_paranoid": -1, "kernel.kptr_restrict": 0, "fs.protected_symlinks": 1 } as const;
export type SysctlName = keyof typeof WANTED_SYSCTLS;

/** Reads a sysctl as an integer; undefined when unreadable. */
export function readSysctl(name: string, root = "/proc/sys"): number | undefined {
  try {
    return parseSysctlInt(readFileSync(`${root}/${name.replaceAll(".", "/")}`, "utf8"));
  } catch {
    return undefined;
  }
}

/** A feature per sysctl: enabled when it already has the wanted value. */
export function sysctlFeature(name: SysctlName, value: number | undefined): Feature {
  const want = WANTED_SYSCTLS[name];
  if (value === undefined) return { enabled: false, reason: `cannot read "${name}"` };
  if (value === want) return { enabled: true, value };
  const why = name === "fs.protected_symlinks" ? ": as root, a benchmark writing its perf map follows links other users plant in /tmp" : "";
  return { enabled: false, value, reason: `is ${value}, pacer wants ${want}${why} (setup sets it)` };
}
