/**
 * `<plugin>.run.json`: what a run writes into its profile folder so that `collect` can read the
 * folder later without the run (issue 12 item 2). One writer and one checked reader for every
 * plugin; the schema is the plugin's (valibot).
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { PacerError } from "../errors.ts";

/** Writes `value` (JSON, with a `version`) as `<folder>/<name>`. */
export function writeRunRecord(folder: string, name: string, value: object): void {
  writeFileSync(join(folder, name), `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Reads `<folder>/<name>` through `schema`; an E_RESULTS error naming the file (and the first bad
 * field) when it is missing, not JSON or not what the schema says.
 *
 * @example
 * ```ts
 * const run = readRunRecord(ctx.profileFolder, "my-plugin.run.json", v.object({ version: v.literal(1), pids: v.array(v.number()) }));
 * ```
 */
export function readRunRecord<T>(folder: string, name: string, schema: v.GenericSchema<unknown, T>): T {
  const path = join(folder, name);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new PacerError("E_RESULTS", `Cannot read "${path}": ${(err as Error).message}`, { hint: "Collect a profile folder written by a pacer run of this mode" });
  }
  const r = v.safeParse(schema, data);
  if (!r.success) {
    throw new PacerError("E_RESULTS", `Cannot read "${path}": ${v.getDotPath(r.issues[0]) ?? "the top level"}: ${r.issues[0].message}`, {
      hint: "The file was changed or written by another pacer version: run the benchmarks again",
    });
  }
  return r.output;
}
