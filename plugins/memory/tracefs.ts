/**
 * tracefs, as the eBPF tracker needs it: bpftrace resolves the `sched:sched_process_exec` and
 * `sched:sched_process_fork` tracepoints through it (uprobes do not need it: they attach through the
 * perf `uprobe` PMU). A fresh VM boots without it mounted and `/sys/kernel/tracing` is then empty.
 * Gathering reads /proc and /sys only; mounting is `setup()`'s job.
 *
 * @module
 */
import { accessSync, constants, existsSync, readFileSync } from "node:fs";

/** Where pacer mounts tracefs (and where the kernel expects it since 4.1). */
export const TRACEFS = "/sys/kernel/tracing";
/** tracefs automounted under debugfs, which bpftrace prefers when it exists. */
export const DEBUGFS_TRACING = "/sys/kernel/debug/tracing";
/** The tracepoints the tracker's script attaches to (bpftrace-script.ts). */
export const TRACEPOINTS = ["sched:sched_process_exec", "sched:sched_process_fork"] as const;

export interface Mount {
  point: string;
  fstype: string;
}

/** Mount points and types of /proc/self/mountinfo text (mount points are octal-escaped there). */
export function parseMountinfo(text: string): Mount[] {
  const out: Mount[] = [];
  for (const line of text.split("\n")) {
    const [left, right] = line.split(" - ");
    const point = left?.split(" ")[4];
    const fstype = right?.split(" ")[0];
    if (point && fstype) out.push({ point: point.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), fstype });
  }
  return out;
}

export interface TracefsFacts {
  /** The folder bpftrace reads: debugfs's `tracing` when it exists (bpftrace's tracefs::path()), else TRACEFS. */
  dir: string;
  /** Whether a tracefs is mounted there (or debugfs will automount it on first access). */
  mounted: boolean;
  /** Whether the kernel has the tracefs filesystem (/proc/filesystems). */
  kernelHasTracefs: boolean;
  /** Tracepoints of {@link TRACEPOINTS} missing under `dir`; null when not mounted or not readable. */
  missingTracepoints: string[] | null;
  /** Mounted, but this user cannot read it (tracefs is mode 700 for root). */
  unreadable: boolean;
}

function readable(dir: string): boolean {
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Collects the facts about tracefs; reads only. */
export function gatherTracefs(mountinfo = readFileSync("/proc/self/mountinfo", "utf8"), filesystems = readFileSync("/proc/filesystems", "utf8")): TracefsFacts {
  const mounts = parseMountinfo(mountinfo);
  const has = (point: string, fstype: string): boolean => mounts.some((m) => m.point === point && m.fstype === fstype);
  const dir = existsSync(DEBUGFS_TRACING) ? DEBUGFS_TRACING : TRACEFS;
  const mounted = has(dir, "tracefs") || (dir === DEBUGFS_TRACING && has("/sys/kernel/debug", "debugfs"));
  const unreadable = mounted && !readable(dir);
  const missingTracepoints = mounted && !unreadable ? TRACEPOINTS.filter((tp) => !existsSync(`${dir}/events/${tp.replace(":", "/")}/format`)) : null;
  return { dir, mounted, kernelHasTracefs: /\btracefs$/m.test(filesystems), missingTracepoints, unreadable };
}
