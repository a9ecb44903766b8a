/**
 * Writes a file whole or not at all: to a temporary name in the same folder, then renamed over the
 * final name, so a full disk or a crash never leaves a truncated file for `compare`, `upload` or
 * the CodSpeed tools to choke on.
 *
 * @module
 */
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** @throws the errno error, with `path` set to the final path; no temporary file is left. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    // A short write is how an almost full file system answers: finish it or fail.
    for (let off = 0; off < bytes.length; ) {
      const n = writeSync(fd, bytes, off);
      if (n <= 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      off += n;
    }
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
