/**
 * Files kept per user between runs (probe results, tool versions): the user's cache dir,
 * `$XDG_CACHE_HOME/pacer`, else `~/.cache/pacer`, created 0700. A folder that is a symlink, not
 * ours, or writable by others is not used; entries are opened with O_NOFOLLOW and capped in size.
 * Everything here is an optimisation: a cache that cannot be read or written counts as empty.
 *
 * @module
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-file.ts";

/** Where the cache lives: `$XDG_CACHE_HOME/pacer`, else `~/.cache/pacer` (an absolute XDG path only, as the spec says). */
export function userCacheDir(env: Record<string, string | undefined> = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith("/") ? xdg : join(env.HOME || homedir(), ".cache"), "pacer");
}

/** A real folder owned by us that nobody else can write. */
function safeDir(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    const uid = process.getuid?.() ?? st.uid;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The cache folder, made 0700 when missing; undefined when it cannot be used safely. */
function cacheDir(create: boolean): string | undefined {
  const dir = userCacheDir();
  if (create) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      return undefined;
    }
  }
  return safeDir(dir) ? dir : undefined;
}

/** File-safe entry names: anything but letters, digits, `_`, `-` and `.` becomes `_`. */
function entryPath(dir: string, name: string): string {
  return join(dir, name.replace(/[^A-Za-z0-9_.-]/g, "_"));
}

/** The text of entry `name`, or undefined (missing, not a plain file, over 1 MiB, unsafe folder). */
export function readCacheEntry(name: string): string | undefined {
  const dir = cacheDir(false);
  if (!dir) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(entryPath(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > 1 << 20) return undefined;
    return readFileSync(fd, "utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Stores entry `name` (atomically); a cache that cannot be written is no error. */
export function writeCacheEntry(name: string, text: string): void {
  const dir = cacheDir(true);
  if (!dir) return;
  try {
    writeFileAtomic(entryPath(dir, name), text);
  } catch {
    // Full disk, read-only home: the cache is an optimisation.
  }
}

/** Removes entry `name`. */
export function removeCacheEntry(name: string): void {
  const dir = cacheDir(false);
  if (!dir) return;
  try {
    unlinkSync(entryPath(dir, name));
  } catch {
    // Nothing cached.
  }
}
