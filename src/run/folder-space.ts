/**
 * Whether pacer can write a folder, and how much room it has: checked before the run so that a
 * read-only mount or a full disk is reported up front, naming the folder, instead of as an errno
 * from deep inside a write.
 *
 * @module
 */
import { closeSync, constants, openSync, statfsSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { PacerError } from "../errors.ts";
import { formatBytes } from "../results/format.ts";

/** Bytes an unprivileged writer can still use in `dir`, or undefined when statfs fails. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

export function describeFree(dir: string): string {
  const free = freeBytes(dir);
  return free === undefined ? "free space unknown" : `${formatBytes(free)} free`;
}

/** Errno codes that mean "this folder cannot take more data", whatever wrote it. */
export const FOLDER_FULL_CODES = new Set(["ENOSPC", "EDQUOT", "EROFS", "EFBIG"]);

/**
 * Creates, writes (4 KiB) and removes a probe file in `dir`.
 *
 * @throws {PacerError} `E_IO` naming the folder, the reason and the free space.
 */
export function checkWritable(dir: string, what: string): void {
  const probe = join(dir, `.pacer-write-probe-${process.pid}-${Date.now()}`);
  let fd: number | undefined;
  try {
    // O_EXCL | O_NOFOLLOW: a name planted in a shared folder is refused, never followed.
    fd = openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    writeSync(fd, new Uint8Array(4096));
  } catch (err) {
    throw new PacerError("E_IO", `Cannot write to the ${what} "${dir}" (${describeFree(dir)}): ${(err as Error).message}`, {
      cause: err,
      hint: "Give a folder on a writable file system with room for the profile (--profile-folder)",
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(probe);
    } catch {
      // Not created.
    }
  }
}
