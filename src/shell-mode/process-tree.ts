/**
 * The parent of a process, for the per-shell mode lookup: `/proc/<pid>/stat` on Linux, `ps`
 * elsewhere (macOS has no /proc).
 *
 * @module
 */
import { readFileSync } from "node:fs";

/** The parent pid, or undefined when the process is gone or is the root of the tree. */
export function parentPid(pid: number, platform: NodeJS.Platform = process.platform): number | undefined {
  if (platform === "linux") {
    try {
      // The comm field is in parentheses and may hold spaces or ')': the ppid follows the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return ppid > 0 ? ppid : undefined;
    } catch {
      return undefined;
    }
  }
  const r = Bun.spawnSync(["ps", "-o", "ppid=", "-p", String(pid)], { stdout: "pipe", stderr: "ignore" });
  const ppid = Number(r.stdout.toString().trim());
  return r.exitCode === 0 && ppid > 0 ? ppid : undefined;
}

/** `pid`, its parent, grandparent … up to init (at most `limit` steps, in case of a loop). */
export function ancestry(pid: number, limit = 64, platform: NodeJS.Platform = process.platform): number[] {
  const out: number[] = [];
  for (let p: number | undefined = pid; p !== undefined && out.length < limit && !out.includes(p); p = parentPid(p, platform)) out.push(p);
  return out;
}
