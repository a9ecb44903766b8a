/**
 * Reads the two sysctls perf profiling depends on, straight from `/proc/sys` (no side effects).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { Feature } from "../../src/index.ts";
import { parseSysctlInt } from "./parse-sysctl.ts";

/** The sysctls and the values the reference sets in setup. */
export const WANTED_SYSCTLS = { "kernel.perf_event_paranoid": -1, "kernel.kptr_restrict": 0 } as const;
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
  return { enabled: false, value, reason: `is ${value}, pacer wants ${want} (setup sets it)` };
}
