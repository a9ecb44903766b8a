/**
 * THE seam between the server and the instruments: every uploaded profile folder is read here and
 * nowhere else. A folder pacer made carries its run record (`pacer-run.json`), whose measurements
 * the instruments' own collect produced on the benchmark machine; it is read as is. Any other folder
 * (CodSpeed's own runner) is read by the instruments' offline `collect` (src/run/read-folder.ts),
 * the same parsers a local run uses, in the mode the upload's executor names.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as v from "valibot";
import { CONFIG_FILE_NAMES } from "../../config/discover.ts";
import { parseYamlConfig } from "../../config/parse-yaml.ts";
import { RUN_FILE } from "../../compare/load-run.ts";
import type { Measurement } from "../../plugin/types.ts";
import type { MachineFingerprint, RunRecord } from "../../results/run-record.ts";
import { errorMessage } from "../../errors.ts";
import { readFolder } from "../../run/read-folder.ts";
import { modeOfExecutor } from "../model.ts";
import { keepFoldedStacks } from "./keep-folded.ts";

export interface Profile {
  mode: string;
  measurements: Measurement[];
  /** The run's machine, when the folder says (pacer's run record). */
  machine?: MachineFingerprint;
  /** `thresholds` of a repository config file carried in the folder, if any. */
  thresholds?: unknown;
}

/** A profile folder the server cannot read: the job fails with this reason (not retried). */
export class UnreadableProfile extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableProfile";
  }
}

const RecordSchema = v.looseObject({
  mode: v.string(),
  measurements: v.array(v.looseObject({ instrument: v.string(), benchmarks: v.array(v.looseObject({ name: v.string(), uri: v.string(), metrics: v.record(v.string(), v.unknown()) })) })),
  machine: v.optional(v.unknown()),
});

function fromRunRecord(file: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UnreadableProfile(`"${RUN_FILE}" is not JSON: ${(err as Error).message}`);
  }
  const r = v.safeParse(RecordSchema, json);
  if (!r.success) throw new UnreadableProfile(`"${RUN_FILE}": "${v.getDotPath(r.issues[0]) ?? "?"}" ${r.issues[0].message}`);
  const record = r.output as unknown as RunRecord;
  const measurements = keepFoldedStacks(dirname(file), record.measurements, typeof record.profileFolder === "string" ? record.profileFolder : undefined);
  return { mode: record.mode, measurements, ...(record.machine ? { machine: record.machine } : {}) };
}

/** The instruments' offline collect of the folder; any failure makes the profile unreadable. */
async function collected(folder: string, executor: string): Promise<Profile> {
  let r: Awaited<ReturnType<typeof readFolder>>;
  try {
    r = await readFolder({ folder, userSpecs: [], cwd: folder, mode: modeOfExecutor(executor), allowEmpty: true });
  } catch (err) {
    throw new UnreadableProfile(errorMessage(err));
  }
  if (r.failures.length) throw new UnreadableProfile(r.failures.map(errorMessage).join("; "));
  return { mode: r.mode.name, measurements: keepFoldedStacks(folder, r.measurements) };
}

function configThresholds(folder: string): unknown {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    try {
      const config = parseYamlConfig(readFileSync(path, "utf8"), name) as { thresholds?: unknown } | null;
      return config?.thresholds;
    } catch {
      return undefined; // a broken config costs the custom thresholds, not the results
    }
  }
  return undefined;
}

/** Reads one extracted profile folder; `executor` is the upload metadata's (`valgrind`, `walltime`, `memory`). */
export async function readProfile(folder: string, executor: string): Promise<Profile> {
  const record = join(folder, RUN_FILE);
  const profile = existsSync(record) ? fromRunRecord(record) : await collected(folder, executor);
  const thresholds = configThresholds(folder);
  return thresholds === undefined ? profile : { ...profile, thresholds };
}
