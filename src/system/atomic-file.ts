/**
 * Writes a file whole or not at all: to a temporary name in the same folder, then renamed over the
 * final name, so a full disk or a crash never leaves a truncated file for `compare`, `upload` or
 * the CodSpeed tools to choke on.
 *
 * @module
 */
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Writes all of `bytes` to `fd`: a short write is how an almost full file system answers, so finish it or fail. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) {
    const n = writeSync(fd, bytes, off);
    if (n <= 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    off += n;
  }
}

export interface AtomicWriteOptions {
  /** The new file's mode (0644 by default). */
  mode?: number;
  /** fsync the file before the rename, so a crash leaves the old file or the whole new one. */
  fsync?: boolean;
}

/** @throws the errno error, with `path` set to the final path; no temporary file is left. */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, opts.mode ?? 0o644);
    writeAll(fd, bytes);
    if (opts.fsync) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw Object.assign(err as Error, { path });
  }
}
