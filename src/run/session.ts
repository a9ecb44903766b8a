/**
 * One run session: for each mode in turn, the phases record (probe → setup → start → wrap →
 * execute → collect → teardown, `record-mode.ts`) → save (history and `pacer-run.json`, done by the
 * record phase so that a killed run still reads `partial`) → check → upload → compare; then the
 * summary. Commands parse flags and print: what a phase has to show goes to the {@link SessionView}.
 *
 * @module
 */
import { copyFileSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/discover.ts";
import { PacerError } from "../errors.ts";
import { createLogger } from "../log/logger.ts";
import { executorOf } from "../plugin/modes.ts";
import { shouldUpload } from "../upload/should-upload.ts";
import { recordMode, type PipelineOptions, type PipelineResult } from "./record-mode.ts";

export interface UploadFlags {
  skipUpload: boolean;
  uploadUrl?: string;
  forceUpload: boolean;
  token?: string;
  apiUrl?: string;
}

/** What one session takes: the record options of every mode, plus what happens after each. */
export interface SessionOptions extends Omit<PipelineOptions, "mode"> {
  modes: string[];
  upload: UploadFlags;
  json: boolean;
  compare?: string;
  /** `--allow-no-base`: `--compare` passes when no base run exists. */
  allowNoBase?: boolean;
  thresholds?: unknown;
  /** The project config file the run used: uploaded with the profile, so a server gates with its thresholds. */
  configFile?: string;
}

/** One mode's line of the `--json` summary. */
export interface ModeSummary {
  id: string;
  mode: string;
  status: string;
  profileFolder: string;
  measurements: PipelineResult["measurements"];
}

/** How a session shows its progress; the command implements it. */
export interface SessionView {
  /** After the record phase of a mode (its results table, where it was saved). */
  recorded(result: PipelineResult): void;
  /** Once the results passed the check. */
  saved(result: PipelineResult): void;
  /** The compare phase: compares the run with `base`, shows it, returns the exit code (1: the check failed). */
  compare(result: PipelineResult, base: string): Promise<number>;
  /** The summary, after every mode. */
  summary(runs: ModeSummary[]): void;
}

const log = createLogger();

/** The check phase: a run without any benchmark result fails unless `--allow-empty`. */
function checkResults(o: SessionOptions, r: PipelineResult): void {
  if (r.measurements.some((m) => m.benchmarks.length)) return;
  if (!o.flags.allowEmpty) {
    throw new PacerError("E_RESULTS", `The ${r.mode.name} run produced no benchmark results`, {
      hint: "Did the command use a CodSpeed integration? Pass --allow-empty if that is expected",
    });
  }
  log.info("No benchmark results (allowed by --allow-empty)");
}

/** Copies the run's config file into the profile folder under a name a results server looks for. */
export function carryConfig(file: string | undefined, folder: string): void {
  if (!file) return;
  const name = (CONFIG_FILE_NAMES as readonly string[]).includes(basename(file)) ? basename(file) : "pacer.yml";
  if (!existsSync(join(folder, name))) copyFileSync(file, join(folder, name));
}

function uploads(o: SessionOptions): boolean {
  return shouldUpload({ skipUpload: o.upload.skipUpload, uploadUrlGiven: o.upload.forceUpload || !!o.upload.uploadUrl || !!process.env.CODSPEED_UPLOAD_URL, env: process.env });
}

/**
 * Whether instruments may leave profile work (flame graphs, upload files) for when a report or an
 * upload first asks for it: when this session uploads nothing and prints no `--json` (whose
 * `detail` would lack the profile's files). `PACER_DEFER_PROFILE=0` makes every run finish it.
 */
function defersProfile(o: SessionOptions): boolean {
  return !o.json && !uploads(o) && process.env.PACER_DEFER_PROFILE !== "0";
}

/** The upload phase: when asked (or in CI), under the executor name the mode declares. */
async function upload(o: SessionOptions, r: PipelineResult): Promise<void> {
  if (!uploads(o)) return;
  const up = await import("../upload/index.ts");
  carryConfig(o.configFile, r.profileFolder);
  // uploadProfile opens its own log groups and prints the report URL.
  await up.uploadProfile({
    profileFolder: r.profileFolder,
    executor: executorOf(r.mode),
    archiveEncoding: r.mode.archiveEncoding,
    allowEmpty: o.flags.allowEmpty,
    token: o.upload.token,
    uploadUrl: o.upload.uploadUrl,
    apiUrl: o.upload.apiUrl,
    cwd: o.cwd,
  });
}

/** Runs every mode's phases in turn; returns the exit code (1 when a `--compare` check failed). */
export async function runSession(o: SessionOptions, view: SessionView): Promise<number> {
  const runs: ModeSummary[] = [];
  let exitCode = 0;
  for (const mode of o.modes) {
    // Several modes: one profile folder each (a fresh temp folder each when none was given).
    const profileFolder = o.modes.length > 1 && o.profileFolder ? join(o.profileFolder, mode) : o.profileFolder;
    const result = await recordMode({ ...o, mode, profileFolder, flags: { ...o.flags, deferProfile: defersProfile(o) } });
    view.recorded(result);
    // Checked whatever the output format: --json must not turn an empty run into a success.
    checkResults(o, result);
    view.saved(result);
    runs.push({ id: result.record.id, mode: result.mode.name, status: result.record.status, profileFolder: result.profileFolder, measurements: result.measurements });
    await upload(o, result);
    if (o.compare) exitCode = Math.max(exitCode, await view.compare(result, o.compare));
  }
  view.summary(runs);
  return exitCode;
}
