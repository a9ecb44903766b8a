/**
 * Private temporary folders that a later pacer can clean up when their owner was killed. A folder
 * `pacer-<what>-XXXXXX` under the temp dir holds `.pacer-owner`, a file its process keeps open with
 * an exclusive `flock(2)` for as long as it lives. The kernel drops the lock when the process dies,
 * SIGKILL included, so the next pacer that makes a folder removes those whose lock it can take.
 *
 * The temp dir is shared: a folder is only removed when it is a real directory (not a link), owned
 * by this user, closed to others (0700) and holds a regular `.pacer-owner` (opened O_NOFOLLOW, never
 * read) that no live process holds. A folder without that file (an older pacer's, or one being made
 * at this moment) is left alone.
 *
 * @module
 */
import { closeSync, constants, fstatSync, lstatSync, mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCK_EX, LOCK_NB, loadLibc } from "./libc.ts";

const OWNER_FILE = ".pacer-owner";
const NAME = /^pacer-[A-Za-z0-9_.-]+-[A-Za-z0-9]{6}$/;

/** The lock of each folder this process made (absent: the lock could not be taken or libc is missing). */
const owned = new Map<string, number>();
let swept = false;

/**
 * Makes a private folder `<tmpdir>/<prefix>XXXXXX` (mode 0700) and holds its owner lock; the first
 * call of a process first removes the folders of dead owners (see {@link sweepStaleTempDirs}).
 *
 * @example
 * ```ts
 * const dir = makeOwnedTempDir("pacer-walltime-");
 * try { ... } finally { removeOwnedTempDir(dir); }
 * ```
 */
export function makeOwnedTempDir(prefix: string, root: string = tmpdir()): string {
  if (!swept) {
    swept = true;
    sweepStaleTempDirs(root);
  }
  const dir = mkdtempSync(join(root, prefix));
  const libc = loadLibc();
  if (!libc) return dir;
  try {
    // "wx": O_EXCL, so not through a link; Bun opens with O_CLOEXEC, so no child inherits the lock.
    const fd = openSync(join(dir, OWNER_FILE), "wx", 0o600);
    if (libc.flock(fd, LOCK_EX | LOCK_NB) === 0) owned.set(dir, fd);
    else closeSync(fd);
  } catch {
    // No lock: the folder is only removed by its owner, as before.
  }
  return dir;
}

/** Removes a folder made by {@link makeOwnedTempDir} and releases its lock. */
export function removeOwnedTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  const fd = owned.get(dir);
  if (fd === undefined) return;
  owned.delete(dir);
  closeSync(fd);
}

/** Whether `dir`'s owner lock is free: its process is gone. False whenever in doubt. */
function ownerGone(dir: string, uid: number): boolean {
  const libc = loadLibc();
  if (!libc) return false;
  let fd: number;
  try {
    fd = openSync(join(dir, OWNER_FILE), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    // The file opened, not whatever the name points to by now.
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== uid) return false;
    return libc.flock(fd, LOCK_EX | LOCK_NB) === 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the `pacer-*` folders under `root` whose owner process has died (SIGKILL, a crash, the
 * machine's OOM killer), and returns their paths. Never an error: a folder it cannot judge stays.
 */
export function sweepStaleTempDirs(root: string = tmpdir()): string[] {
  const uid = process.getuid?.() ?? -1;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => NAME.test(n));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(root, name);
    try {
      const st = lstatSync(dir);
      if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) continue;
      if (!ownerGone(dir, uid)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Gone meanwhile, or not ours to judge.
    }
  }
  return removed;
}
