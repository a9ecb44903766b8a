/**
 * The few C library functions pacer calls without a process or a heavy module: `mkfifo(3)` and
 * `flock(2)` (Bun and Node have neither) and `isatty(3)` (Node's is in node:tty, which loads Bun's whole stream
 * machinery: ~15 ms at every start). Opened through `bun:ffi` on first use, in under a millisecond.
 *
 * @module
 */
import { dlopen, FFIType, ptr } from "bun:ffi";

export interface Libc {
  /** `mkfifo(path, mode)`: 0, or -1 (the reason is in errno, which FFI does not give back). */
  mkfifo(path: Uint8Array, mode: number): number;
  isatty(fd: number): boolean;
  /** `flock(fd, operation)`: 0, or -1 (held by another open file, when non-blocking). */
  flock(fd: number, operation: number): number;
}

/** `flock(2)` operations (the same on Linux and macOS). */
export const LOCK_EX = 2;
export const LOCK_NB = 4;

let libc: Libc | null | undefined;

/** The C library, or null where it cannot be loaded (callers then fall back to a slower way). */
export function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  try {
    const lib = dlopen(process.platform === "darwin" ? "libSystem.B.dylib" : "libc.so.6", {
      mkfifo: { args: [FFIType.ptr, FFIType.u32], returns: FFIType.i32 },
      isatty: { args: [FFIType.i32], returns: FFIType.i32 },
      flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    });
    libc = {
      mkfifo: (path, mode) => lib.symbols.mkfifo(ptr(path), mode) as number,
      isatty: (fd) => lib.symbols.isatty(fd) === 1,
      flock: (fd, operation) => lib.symbols.flock(fd, operation) as number,
    };
  } catch {
    libc = null;
  }
  return libc;
}
