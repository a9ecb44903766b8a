/**
 * Telling a read-only history from a broken one: a file the user may not write, a read-only mount,
 * or a folder where SQLite cannot create its -wal and -shm files all look like "unable to open
 * database file" or "attempt to write a readonly database" to SQLite, and the fix is never to delete
 * the database.
 *
 * @module
 */
import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import { PacerError, errorMessage } from "../errors.ts";

/** "on a read-only file system" / "not writable by this user", or undefined when `path` is writable. */
function writeProblem(path: string): string | undefined {
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EROFS") return "on a read-only file system";
    if (code === "EACCES" || code === "EPERM") return "not writable by this user";
    return undefined;
  }
}

/**
 * Why the history at `path` cannot be written, or undefined when nothing says it is read-only (the
 * failure is something else: a corrupt file, not a database…).
 */
export function readOnlyReason(path: string, err: unknown): string | undefined {
  const exists = existsSync(path);
  const file = exists ? writeProblem(path) : undefined;
  if (file) return `the file is ${file}`;
  // The nearest folder that exists: where SQLite creates its -wal/-shm files, or pacer the history.
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const folder = writeProblem(dir);
  if (folder) return `its folder "${dir}" is ${folder}${exists ? ", and SQLite must create its -wal and -shm files there" : ""}`;
  const code = (err as { code?: string } | undefined)?.code;
  const text = errorMessage(err);
  if (code === "EROFS" || /read-only file system/i.test(text)) return "it is on a read-only file system";
  if (code === "SQLITE_READONLY" || /readonly database/i.test(text)) return "SQLite may not write it";
  return undefined;
}

/** The error for a read-only history; `consequence` says what it means for the command. */
export function readOnlyError(path: string, reason: string, consequence: string, cause?: unknown): PacerError {
  return new PacerError("E_IO", `The history "${path}" is read-only: ${reason}; ${consequence}`, {
    hint: "Make it writable (its permissions, or the mount it is on), or set history.path in the config to a writable file: pacer leaves this one as it is",
    cause,
  });
}
