/** Tells which mode produced a profile folder, for `pacer upload` without `--executor`. @module */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { ModeSpec } from "../plugin/types.ts";

/** The first mode whose `recognizes` knows the folder's files (top level and `results/`). */
export function inferMode(profileFolder: string, modes: readonly ModeSpec[]): ModeSpec | undefined {
  const top = readdirSync(profileFolder);
  const dir = join(profileFolder, "results");
  const results = existsSync(dir) ? readdirSync(dir) : [];
  return modes.find((m) => m.recognizes?.({ top, results }));
}
