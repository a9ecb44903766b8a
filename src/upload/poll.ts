/**
 * Waits for the backend to process an uploaded run and fetches its report (§5.8 of the reference):
 * every second while `PENDING`/`PROCESSING`, up to 5 minutes.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { graphql } from "./graphql.ts";

const QUERY = `query FetchLocalRunReport($owner: String!, $name: String!, $runId: String!) { repository(owner: $owner, name: $name) { settings { allowedRegression } run(id: $runId) { id status url headReports { id impact conclusion } results { benchmark { name executor } value valgrind { timeDistribution { ir l1m llm sys } } walltime { iterations stdev totalTime } memory { peakMemory totalAllocated allocCalls } } } } }`;

export type RunStatus = "COMPLETED" | "FAILURE" | "PENDING" | "PROCESSING";

export interface RunResult {
  benchmark: { name: string; executor: string };
  value: number;
  valgrind?: { timeDistribution?: { ir: number; l1m: number; llm: number; sys: number } | null } | null;
  walltime?: { iterations: number; stdev: number; totalTime: number } | null;
  memory?: { peakMemory: string; totalAllocated: string; allocCalls: string } | null;
}

export interface RunReport {
  allowedRegression?: number;
  id: string;
  status: RunStatus;
  url: string;
  headReports: { id: string; impact: number | null; conclusion: string }[];
  results: RunResult[];
}

interface Response {
  repository: { settings?: { allowedRegression?: number } | null; run: Omit<RunReport, "allowedRegression"> } | null;
}

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
    const data = await graphql<Response>(opts.apiUrl, QUERY, { owner: opts.owner, name: opts.repository, runId: opts.runId }, opts.token);
    const run = data.repository?.run;
    if (!run) throw new PacerError("E_UPLOAD", `Cannot find run "${opts.runId}" of "${opts.owner}/${opts.repository}"`);
    if (run.status === "COMPLETED") return { ...run, allowedRegression: data.repository?.settings?.allowedRegression };
    if (run.status === "FAILURE") {
      throw new PacerError("E_UPLOAD", "Run failed to be processed", { hint: "Try again in a few minutes" });
    }
    if (Date.now() >= deadline) {
      throw new PacerError("E_UPLOAD", "Polling results timed out", { hint: `The report will still appear at ${run.url}` });
    }
    await Bun.sleep(opts.intervalMs ?? 1_000);
  }
}
