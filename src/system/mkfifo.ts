/**
 * `mkfifo(3)` without a process: Bun and Node have no call for it, and spawning coreutils'
 * `mkfifo` costs ~6 ms a time at every run start (the runner's FIFO pair, perf's control pair).
 * The C library's own function is called through `bun:ffi`; where that cannot load, and to name
 * why a call failed, the `mkfifo` command does it.
 *
 * @module
 */
import { dlopen, FFIType, ptr } from "bun:ffi";
import { execFileSync } from "node:child_process";

type Native = (path: Uint8Array, mode: number) => number;
let native: Native | null | undefined;

/** The C library's `mkfifo`, opened on first use (under a millisecond); null where it cannot load. */
function nativeMkfifo(): Native | null {
  if (native !== undefined) return native;
  try {
    const lib = dlopen(process.platform === "darwin" ? "libSystem.B.dylib" : "libc.so.6", {
      mkfifo: { args: [FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
    });
    native = (path, mode) => lib.symbols.mkfifo(ptr(path), mode) as number;
  } catch {
    native = null;
  }
  return native;
}

/**
 * Makes a FIFO at `path` with exactly `mode` (the umask does not apply), not replacing anything.
 * Throws an Error with the reason (`mkfifo`'s own message) when it cannot.
 */
export function makeFifo(path: string, mode = 0o700): void {
  const call = nativeMkfifo();
  if (call) {
    const c = new TextEncoder().encode(`${path}\0`);
    const umask = process.umask(0);
    let rc: number;
    try {
      rc = call(c, mode);
    } finally {
      process.umask(umask);
    }
    if (rc === 0) return;
  }
  try {
    execFileSync("mkfifo", ["-m", mode.toString(8), path], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(stderr || (err as Error).message, { cause: err });
  }
}
