/**
 * The processes of a process group, read from /proc: to name the ones that outlive the benchmark.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";

/** Pids whose process group is `pgid` (field 5 of /proc/<pid>/stat, after the parenthesised name). */
export function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return pids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(e));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
