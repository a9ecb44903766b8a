/**
 * Reads the walltime results the integrations write to `<profile>/results/*.json` (reference §4.4),
 * validated with the host's valibot. Extra keys (`metadata`…) are ignored, `config` may be null.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PacerError, type PluginLibs } from "../../src/index.ts";

type V = PluginLibs["valibot"];

/** The schema of one results file; built from the valibot the host passes in. */
export function resultsSchema(v: V) {
  const optNum = v.nullish(v.number());
  return v.object({
    creator: v.object({ name: v.string(), version: v.string(), pid: v.number() }),
    instrument: v.object({ type: v.string() }),
    benchmarks: v.array(
      v.object({
        name: v.string(),
        uri: v.string(),
        config: v.nullish(
          v.object({ warmup_time_ns: optNum, min_round_time_ns: optNum, max_time_ns: optNum, max_rounds: optNum }),
        ),
        stats: v.object({
          min_ns: v.number(),
          max_ns: v.number(),
          mean_ns: v.number(),
          stdev_ns: v.number(),
          q1_ns: v.number(),
          median_ns: v.number(),
          q3_ns: v.number(),
          rounds: v.number(),
          total_time: v.number(),
          iqr_outlier_rounds: v.optional(v.number(), 0),
          stdev_outlier_rounds: v.optional(v.number(), 0),
          iter_per_round: v.optional(v.number(), 1),
          warmup_iters: v.optional(v.number(), 0),
        }),
      }),
    ),
    // pacer's own harness reports what spawning a process costs per round.
    metadata: v.optional(v.object({ spawn_overhead_ns: v.optional(v.number()), spawn_overhead_samples: v.optional(v.number()) })),
  });
}

export type WalltimeResults = ReturnType<typeof resultsSchema> extends infer S
  ? S extends { "~types"?: { output: infer O } | undefined } ? O : never
  : never;
export type WalltimeBenchmark = WalltimeResults["benchmarks"][number];

/** The reference's error text when a run produced no result (§3.3 step 6). */
export function noResultError(details: string): PacerError {
  return new PacerError(
    "E_RESULTS",
    "The command did not produce any CodSpeed result to process, did you run your benchmarks using a compatible CodSpeed integration?\n" +
      `Check out https://codspeed.io/docs/benchmarks/overview for more information.\n\nDetails: ${details}`,
    { hint: "Pass --allow-empty if a run without benchmarks is expected" },
  );
}

/** Parses one results file's text; throws an E_RESULTS error naming the file and the bad fields. */
export function parseResultsText(v: V, text: string, file: string): WalltimeResults {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PacerError("E_RESULTS", `Cannot read walltime results "${file}": invalid JSON: ${(err as Error).message}`);
  }
  const parsed = v.safeParse(resultsSchema(v), raw);
  if (!parsed.success) {
    throw new PacerError("E_RESULTS", `Cannot read walltime results "${file}": ${v.summarize(parsed.issues).replaceAll("\n", "; ")}`, {
      hint: "The integration wrote a file pacer does not understand: check its version",
    });
  }
  return parsed.output as WalltimeResults;
}

export interface ResultsFile {
  file: string;
  results: WalltimeResults;
}

/**
 * Reads every `results/*.json` of the profile, sorted by name. With `allowEmpty` false, no folder,
 * no file or a file without benchmarks is the reference's "no result" error.
 */
export function readResultsDir(v: V, profileFolder: string, allowEmpty: boolean): ResultsFile[] {
  const dir = join(profileFolder, "results");
  const fail = (details: string): ResultsFile[] => {
    if (allowEmpty) return [];
    throw noResultError(details);
  };
  if (!existsSync(dir)) return fail(`no results folder "${dir}"`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) return fail(`no JSON file in "${dir}"`);
  const out = files.map((f) => ({ file: join(dir, f), results: parseResultsText(v, readFileSync(join(dir, f), "utf8"), join(dir, f)) }));
  const empty = out.find((r) => r.results.benchmarks.length === 0);
  if (empty && !allowEmpty) throw noResultError(`"${empty.file}" holds no benchmark`);
  return out;
}
