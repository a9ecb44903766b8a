/**
 * What `compare`, `report`, `runs` and `export` share: the config's history path and thresholds,
 * the opened history, and the default base and head runs.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { baseBranch, currentBranch } from "../history/git.ts";
import { openHistory, type History } from "../history/index.ts";
import type { RunRecord } from "../results/run-record.ts";
import { runToRunCv } from "./stats.ts";
import { parseThresholds, withDefault, type Thresholds } from "./thresholds.ts";

export interface CompareContext {
  history: History;
  thresholds: Thresholds;
  cwd: string;
}

/**
 * Loads the config (thresholds, history path) and opens the history. `configThresholds` skips the
 * config's `thresholds` (the run pipeline has already loaded them).
 */
export async function openContext(o: { cwd: string; configPath?: string; historyPath?: string; threshold?: string; configThresholds?: unknown }): Promise<CompareContext> {
  const { loadConfig } = await import("../config/load.ts");
  const loaded = await loadConfig({ cwd: o.cwd, explicitPath: o.configPath });
  let thresholds = parseThresholds(o.configThresholds ?? loaded.config.thresholds);
  if (o.threshold !== undefined) thresholds = withDefault(thresholds, o.threshold);
  const history = openHistory({ cwd: o.cwd, path: o.historyPath ?? loaded.config.history.path });
  return { history, thresholds, cwd: o.cwd };
}

/** Latest ok run of the checked-out branch (or of any branch outside git). */
export function defaultHead(h: History, cwd: string): RunRecord {
  const branch = currentBranch(cwd);
  const run = (branch ? h.list({ branch, limit: 20 }) : h.list({ limit: 20 })).find((r) => r.status === "ok");
  if (!run) {
    throw new PacerError("E_USAGE", `No finished run recorded${branch ? ` on branch "${branch}"` : ""}`, {
      hint: "Run `pacer run` first, or name the runs to compare: `pacer compare <base> <head>`",
    });
  }
  return run;
}

/** Latest ok run of the base branch; on the base branch itself, the run before `head`. */
export function defaultBase(h: History, cwd: string, head: RunRecord): RunRecord {
  const base = baseBranch(cwd);
  const candidates = base && base !== head.git.branch ? h.list({ branch: base, limit: 20 }) : h.list({ branch: head.git.branch ?? undefined, limit: 50 });
  const run = candidates.find((r) => r.status === "ok" && r.id !== head.id && r.startedAt <= head.startedAt);
  if (!run) {
    throw new PacerError("E_USAGE", `No base run to compare "${head.id}" with${base ? ` on branch "${base}"` : ""}`, {
      hint: "Run the benchmarks on the base branch first, or name the base: `pacer compare <base>`",
    });
  }
  return run;
}

/** Run-to-run noise of a walltime benchmark: earlier runs of the base's commit, from the history. */
export function historyNoise(h: History, base: RunRecord, head: RunRecord): (uri: string) => number | undefined {
  if (!base.git.commit) return () => undefined;
  const values = (uri: string, metric: string) =>
    h.series("walltime", uri, metric, { limit: 30 }).filter((p) => p.commit === base.git.commit && p.runId !== head.id).map((p) => p.value);
  return (uri) => runToRunCv(values(uri, "median_ns")) ?? runToRunCv(values(uri, "mean_ns"));
}
