/**
 * THE seam between the server and the instruments: every uploaded profile folder is read here and
 * nowhere else, through the instruments' own offline `collect` (src/run/read-folder.ts), the same
 * parsers a local run uses. The mode comes from the folder's `pacer-run.json` when pacer made it,
 * else from the upload's executor (CodSpeed's own runner), as the instruments declare it.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { CONFIG_FILE_NAMES } from "../../config/discover.ts";
import { parseYamlConfig } from "../../config/parse-yaml.ts";
import { RUN_FILE } from "../../compare/load-run.ts";
import type { Measurement } from "../../plugin/types.ts";
import type { MachineFingerprint } from "../../results/run-record.ts";
import { errorMessage } from "../../errors.ts";
import { readFolder } from "../../run/read-folder.ts";
import { modeOfExecutor } from "../model.ts";

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

/** The machine of the run, when pacer's run record says (the instruments' collect does not). */
const MachineSchema = v.looseObject({ machine: v.optional(v.unknown()) });

function recordedMachine(folder: string): MachineFingerprint | undefined {
  const file = join(folder, RUN_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const r = v.safeParse(MachineSchema, JSON.parse(readFileSync(file, "utf8")));
    return r.success ? (r.output.machine as MachineFingerprint | undefined) : undefined;
  } catch {
    return undefined; // readFolder reports an unreadable record itself
  }
}

/** The instruments' offline collect of the folder; any failure makes the profile unreadable. */
async function collected(folder: string, executor: string): Promise<Profile> {
  const hasRecord = existsSync(join(folder, RUN_FILE));
  let r: Awaited<ReturnType<typeof readFolder>>;
  try {
    r = await readFolder({ folder, userSpecs: [], cwd: folder, mode: hasRecord ? undefined : modeOfExecutor(executor), allowEmpty: true });
  } catch (err) {
    throw new UnreadableProfile(errorMessage(err));
  }
  if (r.failures.length) throw new UnreadableProfile(r.failures.map(errorMessage).join("; "));
  const machine = recordedMachine(folder);
  return { mode: r.mode.name, measurements: r.measurements, ...(machine ? { machine } : {}) };
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
  const profile = await collected(folder, executor);
  const thresholds = configThresholds(folder);
  return thresholds === undefined ? profile : { ...profile, thresholds };
}
