/**
 * Finishes the profile work a run left for later (`Measurement.profilePending`, see
 * `RunFlags.deferProfile`): the run's folder is collected again offline through its mode, which
 * writes the files left (walltime: folded stacks, native symbols, `perf.metadata`), and the
 * benchmarks' profile details are saved in the folder's `pacer-run.json` and in the history. A
 * report and an upload call it before they read the profile.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRecord } from "../compare/load-run.ts";
import { errorMessage } from "../errors.ts";
import type { History } from "../history/index.ts";
import { createLogger } from "../log/logger.ts";
import type { PluginSpec } from "../plugin/load.ts";
import type { Measurement } from "../plugin/types.ts";
import type { RunRecord } from "../results/run-record.ts";
import { readFolder } from "./read-folder.ts";
import { RECORD_FILE, writeRunRecord } from "./write-record.ts";

/** Whether some measurement of `run` waits for its profile. */
export function profilePending(run: Pick<RunRecord, "measurements">): boolean {
  return run.measurements.some((m) => m.profilePending);
}

/**
 * `run` with the benchmark details of `collected` (the offline collect of its folder) merged into
 * its pending measurements; the run's own metrics, notes and rules stay as the run measured them.
 */
export function withProfiles(run: RunRecord, collected: Measurement[]): RunRecord {
  const measurements = run.measurements.map((m) => {
    if (!m.profilePending) return m;
    const fresh = collected.find((c) => c.instrument === m.instrument);
    if (!fresh) return m;
    const byUri = new Map(fresh.benchmarks.map((b) => [b.uri, b]));
    const { profilePending: _, ...rest } = m;
    return { ...rest, benchmarks: m.benchmarks.map((b) => ({ ...b, detail: { ...b.detail, ...byUri.get(b.uri)?.detail } })) };
  });
  return { ...run, measurements };
}

/**
 * Completes `run`'s profile when it is pending; returns the run as it is then. A folder that is
 * gone or cannot be read costs the flame graphs (a warning), never the caller's command.
 *
 * @example
 * ```ts
 * const head = await completeProfile(await loadRun(history, cwd, "latest"), { cwd, history });
 * ```
 */
export async function completeProfile(run: RunRecord, o: { cwd: string; history?: History; userSpecs?: PluginSpec[] }): Promise<RunRecord> {
  if (!profilePending(run)) return run;
  const log = createLogger();
  if (!existsSync(run.profileFolder)) {
    log.warn(`Run "${run.id}" has no flame graphs: they were to be made from its profile folder "${run.profileFolder}", which is gone`);
    return run;
  }
  let done: RunRecord;
  try {
    log.info(`Making the profile of run "${run.id}" from "${run.profileFolder}"`);
    const r = await readFolder({ folder: run.profileFolder, cwd: o.cwd, mode: run.mode, userSpecs: o.userSpecs ?? [], allowEmpty: true });
    for (const f of r.failures) log.warn(f.message);
    done = withProfiles(run, r.measurements);
    writeRunRecord(run.profileFolder, done);
  } catch (err) {
    log.warn(`Run "${run.id}" has no flame graphs: ${errorMessage(err)}`);
    return run;
  }
  try {
    // Only a run the history holds is updated: a report on a copied folder adds no run to it.
    if (o.history?.get(run.id)?.id === run.id) o.history.finish(done);
  } catch (err) {
    // A read-only history: this report still has the profile, the next one makes it again.
    log.warn(errorMessage(err));
  }
  return done;
}

/**
 * Saves the profile details of `collected` (the offline collect of `folder`, which made the files
 * left) into the folder's `pacer-run.json` when it says they are pending: `pacer upload` of a
 * folder whose run uploaded nothing then carries the flame graphs a results server shows.
 */
export function saveFolderProfiles(folder: string, collected: Measurement[]): void {
  const path = join(folder, RECORD_FILE);
  let run: RunRecord;
  try {
    run = parseRecord(readFileSync(path, "utf8"), path);
  } catch {
    return; // no record, or one the folder's reader (--mode) did without: nothing says pending
  }
  if (profilePending(run)) writeRunRecord(folder, withProfiles(run, collected));
}
