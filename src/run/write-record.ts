/**
 * Saves `pacer-run.json`, whole or not at all.
 *
 * @module
 */
import { join } from "node:path";
import { PacerError } from "../errors.ts";
import type { RunRecord } from "../results/run-record.ts";
import { writeFileAtomic } from "../system/atomic-file.ts";
import { describeFree } from "./folder-space.ts";

export const RECORD_FILE = "pacer-run.json";

/** @throws {PacerError} `E_IO` naming the file and the free space; no partial file is left. */
export function writeRunRecord(folder: string, record: RunRecord): void {
  const final = join(folder, RECORD_FILE);
  try {
    // One line: indenting a simulation record (a detail of 100 functions per benchmark) made it four
    // times as large and took ~8 ms of the run's end (`jq .` shows it indented).
    writeFileAtomic(final, JSON.stringify(record) + "\n");
  } catch (err) {
    throw new PacerError("E_IO", `Cannot write the run record "${final}" (${describeFree(folder)}): ${(err as Error).message}`, {
      cause: err,
      hint: "Free some space in the profile folder, or give another one with --profile-folder",
    });
  }
}
