/**
 * Whether the process that began a run is still alive. A pid alone can be reused after a crash, so
 * the kernel's start time of the process (field 22 of `/proc/<pid>/stat`) is stored with it.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { pidExists } from "../system/pid-exists.ts";

/** Start time of `pid` in clock ticks since boot, or null where /proc is not available. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: split after its last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether `pid` still runs and is the same process as when `startTime` was taken. */
export function isAlive(pid: number, startTime: string | null): boolean {
  if (!pidExists(pid)) return false;
  if (startTime === null) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}
