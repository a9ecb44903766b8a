/**
 * Turns a raw "disk full" / "read-only" errno error from any write of the run into a message that
 * names the file, its folder and the free space left, instead of "Unexpected error: ENOSPC".
 *
 * @module
 */
import { dirname } from "node:path";
import { PacerError } from "../errors.ts";
import { describeFree, FOLDER_FULL_CODES } from "./folder-space.ts";

export function folderFullError(err: unknown, profileFolder: string): PacerError | undefined {
  if (err instanceof PacerError) return undefined;
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e.code !== "string" || !FOLDER_FULL_CODES.has(e.code)) return undefined;
  const dir = e.path ? dirname(e.path) : profileFolder;
  const what = e.path ? `"${e.path}"` : `a file in "${profileFolder}"`;
  return new PacerError("E_IO", `Cannot write ${what} (${describeFree(dir)} in "${dir}"): ${e.message}`, {
    cause: err,
    hint: "Free some space there, or give a profile folder with more room (--profile-folder)",
  });
}
