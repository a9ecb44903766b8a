/**
 * The sysctls perf profiling depends on, read straight from `/proc/sys` (no side effects). The one
 * that keeps a root run safe from links planted in `/tmp` is the toolkit's link guard.
 *
 * @module
 */
import type { Feature } from "../../../src/index.ts";
export { readSysctl } from "../../../src/toolkit/sysctl.ts";

/** The sysctls and the values setup sets (the reference's two). */
export const WANTED_SYSCTLS = { "kernel.perf_event_paranoid": -1, "kernel.kptr_restrict": 0 } as const;
export type SysctlName = keyof typeof WANTED_SYSCTLS;

/** A feature per sysctl: enabled when it already has the wanted value. */
export function sysctlFeature(name: SysctlName, value: number | undefined): Feature {
  const want = WANTED_SYSCTLS[name];
  if (value === undefined) return { enabled: false, reason: `cannot read "${name}"` };
  if (value === want) return { enabled: true, value };
  return { enabled: false, value, reason: `is ${value}, pacer wants ${want} (setup sets it)` };
}
