/**
 * `compare --server`: the runs come from a results server instead of the local history. The head is
 * this branch's latest run there (or a run id), the base is the one the server picks for it (its
 * compare endpoint says which and why) or a run id given as BASE. Both are turned into RunRecords so
 * that the diff, the gate and the rendering are the local compare's own.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { currentBranch } from "../history/git.ts";
import type { RunRecord } from "../results/run-record.ts";
import { getProjectJson } from "../server-client/api.ts";
import { CompareSchema, RunDetailSchema, RunListSchema, type ServerRun } from "../server-client/schemas.ts";
import type { ServerSettings } from "../server-client/settings.ts";
import { toRunRecord } from "../server-client/to-record.ts";
import type { BaseSearch } from "./find-runs.ts";

const UNFINISHED = new Set(["PENDING", "PROCESSING"]);

async function detail(s: ServerSettings, id: string): Promise<RunRecord> {
  const d = await getProjectJson(s, `/runs/${encodeURIComponent(id)}`, RunDetailSchema, `run "${id}"`);
  return toRunRecord(d, s.url);
}

/** The latest run of `branch`, waiting (up to `waitMs`) while the server still processes it. */
async function latestRun(s: ServerSettings, branch: string, mode: string | undefined, waitMs: number): Promise<ServerRun> {
  const q = new URLSearchParams({ branch, limit: "1", ...(mode ? { mode } : {}) });
  const until = Date.now() + waitMs;
  for (;;) {
    const { runs } = await getProjectJson(s, `/runs?${q}`, RunListSchema, "run list");
    const run = runs[0];
    if (!run) {
      throw new PacerError("E_RESULTS", `The results server has no ${mode ? `${mode} ` : ""}run of branch "${branch}" in project "${s.owner}/${s.repo}"`, {
        hint: "Upload one first (`pacer run --upload-url …/upload --api-url …/graphql`), or name the head run: `pacer compare --server URL BASE HEAD`",
      });
    }
    if (!UNFINISHED.has(run.status) || Date.now() >= until) return run;
    await Bun.sleep(1000);
  }
}

export interface ServerPair {
  head: RunRecord;
  found: BaseSearch;
  /** The server's reason for its choice of base. */
  reason?: string;
}

export async function serverPair(s: ServerSettings, o: { cwd: string; base?: string; head?: string; mode?: string; waitMs?: number }): Promise<ServerPair> {
  const branch = currentBranch(o.cwd) || process.env.GITHUB_REF_NAME;
  let headId = o.head;
  if (headId === undefined) {
    if (!branch) throw new PacerError("E_USAGE", "Cannot tell which branch's run to compare: no branch is checked out", { hint: "Name the head run: `pacer compare --server URL BASE HEAD` (ids from `pacer runs --server URL`)" });
    headId = (await latestRun(s, branch, o.mode, o.waitMs ?? 120_000)).id;
  }
  const head = await detail(s, headId);
  const q = o.base !== undefined ? `?base=${encodeURIComponent(o.base)}` : "";
  const choice = await getProjectJson(s, `/runs/${encodeURIComponent(headId)}/compare${q}`, CompareSchema, `comparison of run "${headId}"`);
  const reason = choice.base.reason;
  const where = `the results server (${reason ?? `project "${s.owner}/${s.repo}"`})`;
  const extra = reason ? { reason } : {};
  if (!choice.base.run) return { head, found: { where }, ...extra };
  return { head, found: { run: await detail(s, choice.base.run.id), where }, ...extra };
}
