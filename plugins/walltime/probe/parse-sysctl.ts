/**
 * Parser for integer sysctls read from `/proc/sys/...` or printed by `sysctl <name>`.
 *
 * @module
 */

/** Reads `2`, `2\n` or `kernel.perf_event_paranoid = 2`; undefined for anything else. */
export function parseSysctlInt(text: string): number | undefined {
  const m = /^(?:[\w.]+\s*=\s*)?(-?\d+)\s*$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}
