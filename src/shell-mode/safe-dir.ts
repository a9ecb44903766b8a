/**
 * The per-shell mode folder may sit in /tmp, where anyone can plant a symlink or a folder first:
 * it is used only when it is a real folder (not a symlink), owned by this user and closed to others
 * (0700), and its files are opened without following symlinks.
 *
 * @module
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { PacerError } from "../errors.ts";
import { writeFileAtomic } from "../system/atomic-file.ts";

const uid = () => process.getuid?.() ?? -1;

/** Why `dir` is not safe to use, or undefined when it is (or does not exist: `exists` false). */
export function unsafeReason(dir: string): { exists: boolean; reason?: string } {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return { exists: false };
  }
  if (st.isSymbolicLink()) return { exists: true, reason: "it is a symlink" };
  if (!st.isDirectory()) return { exists: true, reason: "it is not a folder" };
  if (st.uid !== uid()) return { exists: true, reason: `it is owned by uid ${st.uid}, not by you (uid ${uid()})` };
  if ((st.mode & 0o077) !== 0) return { exists: true, reason: `its mode is ${(st.mode & 0o777).toString(8)}, not 700` };
  return { exists: true };
}

/** Creates `dir` (0700) or checks the existing one; an E_IO error naming it when it is unsafe. */
export function ensureSafeDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new PacerError("E_IO", `Cannot create "${dir}": ${(err as Error).message}`, { hint: "Set XDG_RUNTIME_DIR to a folder of yours" });
    }
  }
  const { reason } = unsafeReason(dir);
  if (reason) {
    throw new PacerError("E_IO", `Refusing to use "${dir}" for the shell session mode: ${reason}`, {
      hint: `Remove it if you do not know where it comes from, or set XDG_RUNTIME_DIR to a folder of yours`,
    });
  }
}

/** Reads a regular file of ours in a checked folder, never through a symlink; undefined otherwise. */
export function readOwnFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== uid() || st.size > 4096) return undefined;
    const buf = Buffer.alloc(st.size);
    const n = readSync(fd, buf, 0, st.size, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** Writes `name` in a checked folder: a fresh exclusive temp file, fsynced, renamed over the old one. */
export function writeOwnFile(dir: string, name: string, text: string): void {
  writeFileAtomic(join(dir, name), text, { mode: 0o600, fsync: true });
}
