/**
 * Reads the walltime results the integrations write to `<profile>/results/*.json` (reference §4.4),
 * validated with the host's valibot. Extra keys (`metadata`…) are ignored, `config` may be null.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PacerError, type PluginLibs } from "../../../src/index.ts";

type V = PluginLibs["valibot"];
type BaseIssue = Parameters<V["getDotPath"]>[0];
type Msg = (issue: { received: string }) => string;

/**
 * The schema of one results file; built from the valibot the host passes in. Numbers must be
 * finite (`1e400` parses as Infinity), stats non-negative and rounds whole and at least 1: anything
 * else would reach the table, history and compare as a nonsensical time.
 */
export function resultsSchema(v: V) {
  // Explicit type arguments: with a message function, valibot's inference loses the number type.
  const finite = v.finite<number, Msg>((i) => `must be a finite number, not ${i.received}`);
  const atLeast = (min: number) => v.minValue<number, number, Msg>(min, (i) => `must be at least ${min}, not ${i.received}`);
  const whole = v.integer<number, Msg>((i) => `must be a whole number, not ${i.received}`);
  const num = v.pipe(v.number(), finite);
  const stat = v.pipe(v.number(), finite, atLeast(0));
  const count = (min: number) => v.pipe(v.number(), whole, atLeast(min));
  const optNum = v.nullish(stat);
  return v.object({
    creator: v.object({ name: v.string(), version: v.string(), pid: count(0) }),
    instrument: v.object({ type: v.string() }),
    benchmarks: v.array(
      v.object({
        name: v.string(),
        uri: v.pipe(v.string(), v.nonEmpty()),
        config: v.nullish(
          v.object({ warmup_time_ns: optNum, min_round_time_ns: optNum, max_time_ns: optNum, max_rounds: optNum }),
        ),
        stats: v.object({
          min_ns: stat,
          max_ns: stat,
          mean_ns: stat,
          stdev_ns: stat,
          q1_ns: stat,
          median_ns: stat,
          q3_ns: stat,
          rounds: count(1),
          total_time: stat,
          iqr_outlier_rounds: v.optional(count(0), 0),
          stdev_outlier_rounds: v.optional(count(0), 0),
          iter_per_round: v.optional(v.pipe(num, atLeast(1)), 1),
          warmup_iters: v.optional(count(0), 0),
        }),
      }),
    ),
    // pacer's own harness reports what spawning a process costs per round.
    metadata: v.optional(
      v.object({
        spawn_overhead_ns: v.optional(stat),
        spawn_overhead_samples: v.optional(count(0)),
        // `pacer exec` with shell strings: each shell's cost, subtracted from its commands' rounds.
        shell_overhead_ns: v.optional(v.record(v.string(), stat)),
        shell_overhead_samples: v.optional(count(0)),
        // `pacer exec`'s raw rounds and the comparison to the first command.
        exec: v.optional(
          v.object({
            interleaved: v.boolean(),
            benchmarks: v.array(
              v.object({
                uri: v.string(),
                name: v.string(),
                command: v.array(v.string()),
                times_ns: v.array(stat),
                user_ns: v.array(stat),
                sys_ns: v.array(stat),
                exit_codes: v.array(count(0)),
                shell_overhead_ns: stat,
                parameters: v.optional(v.record(v.string(), v.string())),
                relative: v.optional(v.object({ ratio: stat, ratio_stddev: stat, reference: v.string() })),
              }),
            ),
          }),
        ),
      }),
    ),
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

/** Each issue as `benchmark "<uri>": <field>: <message>` (the first five), so the culprit is named. */
function describeIssues(v: V, issues: readonly BaseIssue[], raw: unknown): string {
  const benches = (raw as { benchmarks?: unknown })?.benchmarks;
  const lines = issues.slice(0, 5).map((issue) => {
    const path = v.getDotPath(issue) ?? "(root)";
    const m = /^benchmarks\.(\d+)(?:\.(.*))?$/.exec(path);
    const uri = m && Array.isArray(benches) ? (benches[Number(m[1])] as { uri?: unknown } | undefined)?.uri : undefined;
    const where = m && typeof uri === "string" && uri ? `benchmark "${uri}": ${m[2] ?? "(entry)"}` : path;
    return `${where}: ${issue.message}`;
  });
  return lines.join("; ") + (issues.length > 5 ? `; and ${issues.length - 5} more` : "");
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
    throw new PacerError("E_RESULTS", `Cannot read walltime results "${file}": ${describeIssues(v, parsed.issues, raw)}`, {
      hint: "The integration wrote a file pacer does not understand: check its version",
    });
  }
  return parsed.output as WalltimeResults;
}

const MOVE_IT = "Only integrations write there: remove or rename what is in the way and run again";

/** A results file's text; a directory or FIFO under a `.json` name is named, not read (which would fail or block). */
function readResultsFile(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) {
    throw new PacerError("E_RESULTS", `Cannot read walltime results "${file}": it is ${st.isDirectory() ? "a folder" : "not a regular file"}`, { hint: MOVE_IT });
  }
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new PacerError("E_RESULTS", `Cannot read walltime results "${file}": ${(err as Error).message}`);
  }
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
  if (!statSync(dir).isDirectory()) throw new PacerError("E_RESULTS", `Cannot read walltime results: "${dir}" is not a folder`, { hint: MOVE_IT });
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) return fail(`no JSON file in "${dir}"`);
  const out = files.map((f) => ({ file: join(dir, f), results: parseResultsText(v, readResultsFile(join(dir, f)), join(dir, f)) }));
  const empty = out.find((r) => r.results.benchmarks.length === 0);
  if (empty && !allowEmpty) throw noResultError(`"${empty.file}" holds no benchmark`);
  return out;
}
