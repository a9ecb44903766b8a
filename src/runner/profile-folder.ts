/**
 * The profile folder: where the instruments and the integration write their artifacts.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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
  mkdirSync(dir, { recursive: true });
  return dir;
}
