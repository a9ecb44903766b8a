/**
 * Which runs a comparison takes. A base must be a finished run of the head's mode with results: a
 * walltime head is never compared with a simulation run or an empty run that happens to be newer.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PacerError } from "../errors.ts";
import { baseBranch, currentBranch, resolveCommit } from "../history/git.ts";
import type { History } from "../history/index.ts";
import type { RunRecord } from "../results/run-record.ts";
import { loadRun } from "./load-run.ts";

const RUN_ID = /^\d{8}-\d{4}/;

// Enough history to find a run of one mode among the others, without loading every run.
const SCAN = 500;

export function benchmarkCount(r: RunRecord): number {
  return r.measurements.reduce((a, m) => a + m.benchmarks.length, 0);
}

/** A run that can serve as a base for a head of `mode`. */
function usable(r: RunRecord, mode: string, head?: RunRecord): boolean {
  return r.status === "ok" && r.mode === mode && benchmarkCount(r) > 0 && r.id !== head?.id && (!head || r.startedAt <= head.startedAt);
}

/** Latest ok run of the checked-out branch (or of any branch outside git), of `mode` when given. */
export function defaultHead(h: History, cwd: string, mode?: string): RunRecord {
  const branch = currentBranch(cwd);
  const runs = branch ? h.list({ branch, limit: SCAN }) : h.list({ limit: SCAN });
  const run = runs.find((r) => r.status === "ok" && (mode === undefined || r.mode === mode));
  if (!run) {
    const what = `No finished${mode ? ` ${mode}` : ""} run recorded${branch ? ` on branch "${branch}"` : ""}`;
    throw new PacerError("E_USAGE", what, { hint: "Run `pacer run` first, or name the runs to compare: `pacer compare <base> <head>`" });
  }
  return run;
}

/** Where the default base was looked for, for the "no base" message. */
export interface BaseSearch {
  run?: RunRecord;
  where: string;
}

/** Latest usable run of the base branch; on the base branch itself, the usable run before `head`. */
export function defaultBase(h: History, cwd: string, head: RunRecord): BaseSearch {
  const base = baseBranch(cwd);
  const branch = base && base !== head.git.branch ? base : (head.git.branch ?? undefined);
  const run = h.list({ branch, limit: SCAN }).find((r) => usable(r, head.mode, head));
  return { run, where: branch ? `branch "${branch}"` : "the history" };
}

/**
 * The base a ref names, matched to the head's mode: a run id or a profile is taken as given; a
 * branch, a commit or `latest~N` means the latest usable run of the head's mode there.
 */
export async function resolveBase(h: History, cwd: string, ref: string, head: RunRecord): Promise<BaseSearch> {
  const where = `"${ref}"`;
  if (RUN_ID.test(ref) || existsSync(resolve(cwd, ref))) return { run: await loadRun(h, cwd, ref), where };
  const latest = /^latest(?:~(\d+))?$/.exec(ref);
  if (latest) return { run: h.list({ limit: SCAN }).filter((r) => usable(r, head.mode) && r.startedAt <= head.startedAt)[Number(latest[1] ?? 0)], where };
  const onBranch = h.list({ branch: ref, limit: SCAN });
  if (onBranch.length) return { run: onBranch.find((r) => usable(r, head.mode, head)), where: `branch "${ref}"` };
  const commit = /^[0-9a-f]{7,40}$/.test(ref) ? ref : resolveCommit(cwd, ref);
  const atCommit = commit ? h.list({ limit: SCAN }).filter((r) => r.git.commit?.startsWith(commit)) : [];
  if (atCommit.length) return { run: atCommit.find((r) => usable(r, head.mode, head)), where: `commit "${ref}"` };
  try {
    return { run: await loadRun(h, cwd, ref), where };
  } catch (err) {
    if (err instanceof PacerError && err.code === "E_USAGE") return { where };
    throw err;
  }
}
