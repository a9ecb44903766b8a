/**
 * Run parts (§7.7 of the reference): how several uploads of one CI run (matrix jobs, several
 * `pacer run` in one job) are told apart and aggregated by the backend.
 *
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunPart } from "./types.ts";

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Keys sorted, as the runner's ordered map (BTreeMap) serialises them. */
export function sortedKeys(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The GitHub Actions run part from `GH_MATRIX` / `GH_STRATEGY` (set by the action to
 * `toJson(matrix)` / `toJson(strategy)`).
 *
 * @example
 * ```ts
 * githubRunPart({ GITHUB_RUN_ID: "7", GITHUB_JOB: "bench", GH_MATRIX: '{"python":"3.12"}',
 *   GH_STRATEGY: '{"fail-fast":true,"job-index":0,"job-total":2,"max-parallel":2}' });
 * // runPartId: 'bench-{"python":"3.12"}-{"job-index":0,"job-total":2}'
 * ```
 */
export function githubRunPart(env: NodeJS.ProcessEnv, runId: string, job: string): RunPart {
  const matrix = parseObject(env.GH_MATRIX);
  const strategy = parseObject(env.GH_STRATEGY);
  if (!matrix || !strategy) return { runId, runPartId: job, jobName: job, metadata: {} };
  // fail-fast and max-parallel are the same for every job of the matrix: they do not tell parts apart.
  const { "fail-fast": _ff, "max-parallel": _mp, ...rest } = strategy;
  const runPartId = `${job}-${JSON.stringify(matrix)}-${JSON.stringify(rest)}`;
  return { runId, runPartId, jobName: job, metadata: sortedKeys({ ...matrix, ...rest }) };
}

/** Where the run index of one run part is counted (inside the checkout, like the CodSpeed runner). */
export function runIndexPath(repositoryRoot: string, part: RunPart): string {
  const digest = new Bun.CryptoHasher("sha256").update(part.runPartId).digest("hex");
  return join(repositoryRoot, ".codspeed", "run-state", part.runId, `${digest}.json`);
}

/**
 * Reads the run index of `part` (0 for the first upload of the part in this run) and returns the
 * part with the index appended, plus `commit()` that records the index as used: called after a
 * successful upload, so a failed upload retried with `pacer upload` keeps its index. A counter that
 * cannot be read or written gives index 0 and a warning through `warn`: uploading matters more than
 * aggregation.
 */
export function withRunIndex(
  part: RunPart,
  repositoryRoot: string,
  warn: (msg: string) => void,
): { part: RunPart; commit: () => void } {
  const path = runIndexPath(repositoryRoot, part);
  let index = 0;
  try {
    const state = JSON.parse(readFileSync(path, "utf8")) as { run_index?: unknown };
    if (typeof state.run_index === "number" && Number.isInteger(state.run_index) && state.run_index >= 0) index = state.run_index;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      warn(`Failed to track run index: ${err instanceof Error ? err.message : String(err)}. Continuing with index 0`);
    }
  }
  const commit = () => {
    try {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, JSON.stringify({ run_index: index + 1 }, null, 2));
    } catch (err) {
      warn(`Failed to track run index: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return {
    part: {
      ...part,
      runPartId: `${part.runPartId}-${JSON.stringify({ "run-index": index })}`,
      metadata: sortedKeys({ ...part.metadata, "run-index": index }),
    },
    commit,
  };
}
