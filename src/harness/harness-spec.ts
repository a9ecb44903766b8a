/**
 * The spec file of `pacer __harness <spec.json>`: what the runner asks its own harness to measure.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { errorMessage, PacerError } from "../errors.ts";
import type { ExecTarget } from "../plugin/types.ts";

/** `{ mode, harness, targets }`, written by the runner for `pacer exec` and `benchmarks:` targets. */
export interface HarnessSpec {
  /** The run's mode name (for the log). */
  mode: string;
  /** How to measure (the mode's `ModeSpec.harness`); absent: follow the runner's integration mode. */
  harness?: "walltime" | "analysis";
  targets: ExecTarget[];
  /** Measure the walltime targets interleaved and compare them to the first (`pacer exec` commands). */
  interleave?: boolean;
}

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Nanos = v.pipe(v.number(), v.minValue(0));

const SpecSchema = v.object({
  mode: v.pipe(v.string(), v.minLength(1)),
  harness: v.optional(v.picklist(["walltime", "analysis"])),
  interleave: v.optional(v.boolean()),
  targets: v.pipe(
    v.array(
      v.object({
        name: v.string(),
        uri: v.pipe(v.string(), v.minLength(1)),
        argv: v.pipe(v.array(v.string()), v.minLength(1, "Empty command")),
        shell: v.optional(v.pipe(v.array(v.string()), v.minLength(1))),
        prepare: v.optional(v.pipe(v.array(v.string()), v.minLength(1))),
        conclude: v.optional(v.pipe(v.array(v.string()), v.minLength(1))),
        parameters: v.optional(v.record(v.string(), v.string())),
        ignoreFailure: v.optional(v.boolean()),
        walltime: v.optional(
          v.object({
            warmupTimeNs: v.optional(Nanos),
            warmupRounds: v.optional(Count),
            maxTimeNs: v.optional(Nanos),
            minTimeNs: v.optional(Nanos),
            maxRounds: v.optional(Count),
            minRounds: v.optional(Count),
          }),
          {},
        ),
      }),
    ),
    v.minLength(1, "No commands provided"),
  ),
});

/**
 * Checks a parsed spec; `where` names its source in the error.
 *
 * @throws PacerError `E_USAGE` listing every problem as `path: message`
 */
export function parseHarnessSpec(raw: unknown, where: string): HarnessSpec {
  const r = v.safeParse(SpecSchema, raw);
  if (r.success) return r.output;
  const lines = r.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`);
  throw new PacerError("E_USAGE", `Invalid harness spec "${where}": ${lines.join("; ")}`, {
    hint: "The spec is written by `pacer exec`; run the benchmark through it rather than calling `__harness` directly",
  });
}

/**
 * Reads and checks a spec file.
 *
 * @example
 * ```ts
 * const spec = await readHarnessSpec("/tmp/pacer-xyz/spec.json");
 * ```
 */
export async function readHarnessSpec(path: string): Promise<HarnessSpec> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new PacerError("E_USAGE", `Cannot read harness spec "${path}": ${errorMessage(err)}`, { cause: err });
  }
  return parseHarnessSpec(raw, path);
}
