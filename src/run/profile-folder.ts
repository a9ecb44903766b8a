/**
 * The profile folder: where the instruments and the integration write their artifacts.
 *
 * @module
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import { formatBytes } from "../results/format.ts";
import { checkWritable, freeBytes } from "./folder-space.ts";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Below this, a profiled run (perf data, jitdumps, callgrind files) is likely to fill the folder. */
const LOW_FREE_BYTES = 64 * 1024 * 1024;

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Creates (if needed) and returns the absolute profile folder; default `$TMPDIR/profile.<10 alnum>.out`. */
export function createProfileFolder(given: string | undefined, cwd: string): string {
  let dir: string;
  if (given) dir = resolve(cwd, given);
  else {
    const bytes = crypto.getRandomValues(new Uint8Array(10));
    const id = [...bytes].map((b) => ALNUM[b % ALNUM.length]).join("");
    dir = join(tmpdir(), `profile.${id}.out`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new PacerError("E_USAGE", `Invalid --profile-folder "${given}": "${dir}" exists and is not a folder`, {
      hint: "Give a new folder (pacer creates it) or an existing folder",
    });
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new PacerError("E_IO", `Cannot create the profile folder "${dir}": ${(err as Error).message}`, {
      cause: err,
      hint: "Give a folder on a writable file system (--profile-folder)",
    });
  }
  checkWritable(dir, "profile folder");
  const free = freeBytes(dir);
  if (free !== undefined && free < LOW_FREE_BYTES) {
    createLogger().warn(`Profile folder "${dir}" has only ${formatBytes(free)} free: the run may fill it`);
  }
  if (readdirSync(dir).length > 0) {
    createLogger().warn(`Profile folder "${dir}" is not empty: files of an earlier run there will be read and uploaded with this one`);
  }
  return dir;
}
