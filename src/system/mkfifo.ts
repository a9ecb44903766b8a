/**
 * `mkfifo(3)` without a process: Bun and Node have no call for it, and spawning coreutils'
 * `mkfifo` costs ~6 ms a time at every run start (the runner's FIFO pair, perf's control pair).
 * The C library's own function is called (src/system/libc.ts); where that cannot load, and to name
 * why a call failed, the `mkfifo` command does it.
 *
 * @module
 */
import { loadLibc } from "./libc.ts";

/**
 * Makes a FIFO at `path` with exactly `mode` (the umask does not apply), not replacing anything.
 * Throws an Error with the reason (`mkfifo`'s own message) when it cannot.
 */
export function makeFifo(path: string, mode = 0o700): void {
  const libc = loadLibc();
  if (libc) {
    const c = new TextEncoder().encode(`${path}\0`);
    const umask = process.umask(0);
    let rc: number;
    try {
      rc = libc.mkfifo(c, mode);
    } finally {
      process.umask(umask);
    }
    if (rc === 0) return;
  }
  // Required here: node:child_process loads Bun's stream machinery, which a run start would pay for.
  const { execFileSync } = require("node:child_process") as typeof import("node:child_process");
  try {
    execFileSync("mkfifo", ["-m", mode.toString(8), path], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(stderr || (err as Error).message, { cause: err });
  }
}
