/**
 * What `pacer run` and `pacer exec` share after parsing: run each mode in turn, show and save its
 * results, upload when asked, compare when asked.
 *
 * @module
 */
import { join } from "node:path";
import { PacerError } from "../../errors.ts";
import { createLogger } from "../../log/logger.ts";
import type { Measurement } from "../../plugin/types.ts";
import { renderTable } from "../../results/table.ts";
import { runPipeline, type PipelineOptions } from "../../run/pipeline.ts";

export interface UploadFlags {
  skipUpload: boolean;
  uploadUrl?: string;
  forceUpload: boolean;
  token?: string;
  apiUrl?: string;
}

/** What one pipeline run takes, for several modes, plus what happens after each run. */
export interface RunModesOptions extends Omit<PipelineOptions, "mode"> {
  modes: string[];
  upload: UploadFlags;
  json: boolean;
  compare?: string;
  /** `--allow-no-base`: `--compare` passes when no base run exists. */
  allowNoBase?: boolean;
  thresholds?: unknown;
}

const log = createLogger();

function printMeasurements(measurements: Measurement[]): void {
  const color = !!process.stdout.isTTY;
  for (const m of measurements) process.stdout.write(renderTable(m, color) + "\n\n");
}

/** simulation's executor is named `valgrind` on the wire (upload metadata). */
function executorName(mode: string): string {
  return mode === "simulation" ? "valgrind" : mode;
}

async function maybeUpload(o: RunModesOptions, mode: string, profileFolder: string): Promise<void> {
  const upload = await import("../../upload/index.ts");
  const wanted = upload.shouldUpload({
    skipUpload: o.upload.skipUpload,
    uploadUrlGiven: o.upload.forceUpload || !!o.upload.uploadUrl || !!process.env.CODSPEED_UPLOAD_URL,
    env: process.env,
  });
  if (!wanted) return;
  // uploadProfile opens its own log groups and prints the report URL.
  await upload.uploadProfile({
    profileFolder,
    executor: executorName(mode),
    allowEmpty: o.flags.allowEmpty,
    token: o.upload.token,
    uploadUrl: o.upload.uploadUrl,
    apiUrl: o.upload.apiUrl,
    cwd: o.cwd,
  });
}

export async function runModes(o: RunModesOptions): Promise<number> {
  const summary: unknown[] = [];
  let exitCode = 0;
  for (const mode of o.modes) {
    // Several modes: one profile folder each (a fresh temp folder each when none was given).
    const profileFolder = o.modes.length > 1 && o.profileFolder ? join(o.profileFolder, mode) : o.profileFolder;
    const result = await runPipeline({ ...o, mode, profileFolder });
    if (!o.json) printMeasurements(result.measurements);
    // Checked whatever the output format: --json must not turn an empty run into a success.
    if (!result.measurements.some((m) => m.benchmarks.length)) {
      if (!o.flags.allowEmpty) {
        throw new PacerError("E_RESULTS", `The ${mode} run produced no benchmark results`, {
          hint: "Did the command use a CodSpeed integration? Pass --allow-empty if that is expected",
        });
      }
      log.info("No benchmark results (allowed by --allow-empty)");
    }
    if (!o.json) log.info(`Run "${result.record.id}" saved; profile folder: ${result.profileFolder}`);
    summary.push({
      id: result.record.id,
      mode,
      status: result.record.status,
      profileFolder: result.profileFolder,
      measurements: result.measurements,
    });
    await maybeUpload(o, mode, result.profileFolder);
    if (o.compare) {
      const { compareAfterRun } = await import("../compare.ts");
      const code = await compareAfterRun({ cwd: o.cwd, base: o.compare, headRunId: result.record.id, check: true, allowNoBase: o.allowNoBase, configThresholds: o.thresholds, historyPath: o.history?.path, json: o.json });
      exitCode = Math.max(exitCode, code);
    }
  }
  if (o.json) process.stdout.write(JSON.stringify({ runs: summary }, null, 2) + "\n");
  return exitCode;
}
