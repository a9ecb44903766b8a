/**
 * Puts the machine in the state of a fresh VM (tracefs not mounted) for a test, and back as it was.
 * Needs root; the tests that use it skip without it.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseMountinfo, TRACEFS } from "../../plugins/memory/tracefs.ts";

export const canMountTracefs = process.getuid?.() === 0 && /\btracefs$/m.test(readFileSync("/proc/filesystems", "utf8"));

/** How many tracefs are mounted at /sys/kernel/tracing (mounts stack). */
export function tracefsMounts(): number {
  return parseMountinfo(readFileSync("/proc/self/mountinfo", "utf8")).filter((m) => m.point === TRACEFS && m.fstype === "tracefs").length;
}

/** Unmounts every tracefs at /sys/kernel/tracing; returns how many there were. */
export function unmountTracefs(): number {
  const before = tracefsMounts();
  for (let i = 0; i < before; i++) {
    const r = spawnSync("umount", [TRACEFS], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`umount ${TRACEFS} failed: ${r.stderr}`);
  }
  return before;
}

/** Restores the state {@link unmountTracefs} found: mounted (once) or not. */
export function restoreTracefs(wasMounted: number): void {
  if (wasMounted > 0 && tracefsMounts() === 0) spawnSync("mount", ["-t", "tracefs", "nodev", TRACEFS]);
  if (wasMounted === 0) unmountTracefs();
}
