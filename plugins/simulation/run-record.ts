/**
 * `simulation.run.json`: what a simulation run leaves in the profile folder for `collect` besides
 * valgrind's outputs — each step's exit statuses (their files live in the temp folder, which the
 * host removes) and its outputs' names relative to the folder — so a folder read later, or copied
 * elsewhere, is collected exactly as the run was.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type * as valibot from "valibot";
import { benchmarkUid, moveOwnedFile } from "../../src/toolkit/owned-file.ts";
import { readRunRecord, writeRunRecord } from "../../src/toolkit/run-record.ts";
import type { StatusFiles } from "./run-scripts.ts";
import type { SimulationOptions } from "./options.ts";
import type { SimulationRunState } from "./wrap.ts";

export const RUN_FILE = "simulation.run.json";

/** One valgrind step as recorded: statuses as read after the run, paths relative to the folder. */
export interface RecordedStep {
  argv: string[];
  wrapped: boolean;
  /** Prefix of `<prefix><pid>.out`, relative to the profile folder ("" for the folder itself). */
  outPrefix: string;
  logFile: string;
  uri?: string;
  name?: string;
  /** The command's failure is measured, not an error (`ExecTarget.ignoreFailure`). */
  ignoreFailure?: boolean;
  status: { valgrind?: string; benchmark?: string; pid?: string };
}

export interface RecordedRun {
  version: 1;
  kind: "integration" | "exec";
  allowEmpty: boolean;
  /** Absent in records of before the options existed: their defaults. */
  options?: SimulationOptions;
  steps: RecordedStep[];
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

const statusOf = (s: StatusFiles): RecordedStep["status"] => ({ valgrind: read(s.valgrind), benchmark: read(s.benchmark), pid: read(s.pid) });

/** A step of a run in progress as it will be recorded (statuses read now). */
export function recordStep(step: SimulationRunState["steps"][number], folder: string): RecordedStep {
  const rel = (p: string) => (p === "" ? "" : relative(folder, p));
  const outPrefix = step.outPrefix.startsWith(`${folder}/`) ? step.outPrefix.slice(folder.length + 1) : rel(step.outPrefix);
  return {
    argv: step.argv,
    wrapped: step.wrapped,
    outPrefix,
    logFile: rel(step.logFile),
    uri: step.uri,
    name: step.name,
    ...(step.ignoreFailure && { ignoreFailure: true }),
    status: statusOf(step.status),
  };
}

/**
 * Records the run into `folder` and moves the perf maps of the processes valgrind measured from
 * `perfMapDir` (node writes them to /tmp) into it, so the folder alone names JIT frames and /tmp is
 * left as it was. A map that is not the benchmark's own regular file (a link or file another local
 * user planted under an upcoming pid) is neither read nor removed: `warn` is told why.
 */
export function recordRun(state: SimulationRunState, folder: string, allowEmpty: boolean, pids: number[], perfMapDir: string, warn: (msg: string) => void): RecordedRun {
  const run: RecordedRun = { version: 1, kind: state.kind, allowEmpty, options: state.options, steps: state.steps.map((s) => recordStep(s, folder)) };
  for (const pid of new Set(pids)) moveOwnedFile(join(perfMapDir, `perf-${pid}.map`), join(folder, `perf-${pid}.map`), benchmarkUid(), warn);
  writeRunRecord(folder, RUN_FILE, run);
  return run;
}

function schema(v: typeof valibot) {
  const str = v.optional(v.string());
  const step = v.object({ argv: v.array(v.string()), wrapped: v.boolean(), outPrefix: v.string(), logFile: v.string(), uri: str, name: str, ignoreFailure: v.optional(v.boolean()), status: v.object({ valgrind: str, benchmark: str, pid: str }) });
  return v.object({ version: v.literal(1), kind: v.picklist(["integration", "exec"]), allowEmpty: v.boolean(), options: v.optional(v.object({ cycleEstimation: v.boolean(), excludeAllocations: v.boolean() })), steps: v.array(step) });
}

/** Reads the recorded run of `folder`; an E_RESULTS error when it is missing or malformed. */
export function readRun(v: typeof valibot, folder: string): RecordedRun {
  return readRunRecord(folder, RUN_FILE, schema(v));
}

/** Where a recorded path points inside `folder`. */
export const inFolder = (folder: string, rel: string): string => (rel === "" ? `${folder.replace(/\/+$/, "")}/` : join(folder, rel));
