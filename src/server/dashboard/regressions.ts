/**
 * A project's open regressions: the latest run of the default branch and of each open pull
 * request's branch (its latest run targets a base branch), per mode, whose verdict is fail.
 *
 * @module
 */
import type { Project, Run } from "../model.ts";
import { compareRun } from "../services/compare.ts";
import type { Storage } from "../storage/types.ts";

/** At most this many branches are compared per page view: each comparison reads two runs. */
const MAX_BRANCHES = 20;

export async function openRegressions(storage: Storage, p: Project, latestPerBranch: Run[]): Promise<Array<{ run: Run; summary: string }>> {
  const candidates = latestPerBranch.filter((r) => r.status === "COMPLETED" && (r.branch === p.defaultBranch || r.baseBranch)).slice(0, MAX_BRANCHES);
  const out = [];
  for (const run of candidates) {
    const c = await compareRun(storage, p, run);
    if (c.verdict !== "fail") continue;
    const names = c.comparison?.regressions.map((r) => r.name) ?? [];
    out.push({ run, summary: `${names.length} regression${names.length === 1 ? "" : "s"} against ${c.base.run?.id ?? "?"}${names.length ? ` (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""})` : ""}` });
  }
  return out;
}
