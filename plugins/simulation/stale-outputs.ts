/**
 * Clears what an earlier simulation run left in a reused `--profile-folder`. `collect` reads every
 * callgrind file matching the output names, and the whole folder is uploaded: old files would be
 * counted again (exec runs summed them, integration runs listed benchmarks twice).
 *
 * Removing them, rather than giving this run's files a unique prefix, keeps the reference layout
 * (`<pid>.out`, `valgrind.log` at the top of the profile folder).
 *
 * @module
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Callgrind outputs of integration (`<pid>.out`) and exec (`exec-<i>.<pid>.out`) runs. */
const CALLGRIND_OUT = /^(?:exec-\d+\.)?(\d+)\.out$/;
const VALGRIND_LOG = /^valgrind(?:-exec-\d+)?\.log$/;

/**
 * Removes this instrument's outputs from `profileFolder`: callgrind files, valgrind logs and the
 * `perf-<pid>.map` copies made for those callgrind files. Other files are left alone.
 *
 * @returns the names of the removed files.
 * @example
 * ```ts
 * const removed = removeStaleOutputs(ctx.profileFolder);
 * if (removed.length > 0) ctx.log.debug(`removed ${removed.length} files of an earlier run`);
 * ```
 */
export function removeStaleOutputs(profileFolder: string): string[] {
  const names = readdirSync(profileFolder, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  const pids = new Set<string>();
  const stale: string[] = [];
  for (const name of names) {
    const m = CALLGRIND_OUT.exec(name);
    if (m) pids.add(m[1]!);
    if (m || VALGRIND_LOG.test(name)) stale.push(name);
  }
  for (const name of names) {
    const m = /^perf-(\d+)\.map$/.exec(name);
    if (m && pids.has(m[1]!)) stale.push(name);
  }
  for (const name of stale) rmSync(join(profileFolder, name), { force: true });
  return stale;
}
