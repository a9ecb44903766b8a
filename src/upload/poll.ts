/**
 * Waits for the backend to process an uploaded run and fetches its report (§5.8 of the reference):
 * every second while `PENDING`/`PROCESSING`, up to 5 minutes.
 *
 * @module
 */
import * as v from "valibot";
import { PacerError } from "../errors.ts";
import { graphql } from "./graphql.ts";

const QUERY = `query FetchLocalRunReport($owner: String!, $name: String!, $runId: String!) { repository(owner: $owner, name: $name) { settings { allowedRegression } run(id: $runId) { id status url headReports { id impact conclusion } results { benchmark { name executor } value valgrind { timeDistribution { ir l1m llm sys } } walltime { iterations stdev totalTime } memory { peakMemory totalAllocated allocCalls } } } } }`;

const RunResultSchema = v.object({
  benchmark: v.object({ name: v.string(), executor: v.string() }),
  value: v.number(),
  valgrind: v.nullish(v.object({ timeDistribution: v.nullish(v.object({ ir: v.number(), l1m: v.number(), llm: v.number(), sys: v.number() })) })),
  walltime: v.nullish(v.object({ iterations: v.number(), stdev: v.number(), totalTime: v.number() })),
  memory: v.nullish(v.object({ peakMemory: v.string(), totalAllocated: v.string(), allocCalls: v.string() })),
});

const RunSchema = v.object({
  id: v.string(),
  status: v.picklist(["COMPLETED", "FAILURE", "PENDING", "PROCESSING"]),
  url: v.string(),
  headReports: v.array(v.object({ id: v.string(), impact: v.nullable(v.number()), conclusion: v.string() })),
  results: v.array(RunResultSchema),
});

const ReplySchema = v.object({
  repository: v.nullable(v.object({ settings: v.nullish(v.object({ allowedRegression: v.nullish(v.number()) })), run: v.nullable(RunSchema) })),
});

export type RunStatus = v.InferOutput<typeof RunSchema>["status"];
export type RunResult = v.InferOutput<typeof RunResultSchema>;
export type RunReport = v.InferOutput<typeof RunSchema> & { allowedRegression?: number };

export interface PollOptions {
  apiUrl: string;
  token?: string;
  owner: string;
  repository: string;
  runId: string;
  intervalMs?: number;
  timeoutMs?: number;
}

/**
 * @example
 * ```ts
 * const report = await pollRunReport({ apiUrl, token, owner: "acme", repository: "app", runId });
 * console.log(report.url);
 * ```
 */
export async function pollRunReport(opts: PollOptions): Promise<RunReport> {
  const deadline = Date.now() + (opts.timeoutMs ?? 5 * 60_000);
  for (;;) {
    const data = await graphql(opts.apiUrl, QUERY, ReplySchema, { owner: opts.owner, name: opts.repository, runId: opts.runId }, opts.token);
    const run = data.repository?.run;
    if (!run) throw new PacerError("E_UPLOAD", `Cannot find run "${opts.runId}" of "${opts.owner}/${opts.repository}"`);
    if (run.status === "COMPLETED") return { ...run, allowedRegression: data.repository?.settings?.allowedRegression ?? undefined };
    if (run.status === "FAILURE") {
      throw new PacerError("E_UPLOAD", "Run failed to be processed", { hint: "Try again in a few minutes" });
    }
    if (Date.now() >= deadline) {
      throw new PacerError("E_UPLOAD", "Polling results timed out", { hint: `The report will still appear at ${run.url}` });
    }
    await Bun.sleep(opts.intervalMs ?? 1_000);
  }
}
