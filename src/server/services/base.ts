/**
 * Which run a run is compared with. A pull request's base: the latest complete run of its base
 * branch at the merge-base commit, else the nearest earlier one; same mode, comparable machine.
 * A run that names no base branch (a push, a developer machine) compares with the project's
 * default branch; on the default branch itself, with the run before it. The answer says why.
 *
 * @module
 */
import type { Project, Run } from "../model.ts";
import type { Storage } from "../storage/types.ts";

export interface BaseChoice {
  run?: Run;
  branch: string;
  strategy: "merge-base" | "nearest-earlier" | "explicit" | "none";
  reason: string;
}

/** `mergeBase`: the merge-base commit when the caller knows it (the upload does not carry one yet). */
export async function chooseBase(storage: Storage, project: Project, head: Run, mergeBase?: string): Promise<BaseChoice> {
  const branch = head.baseBranch ?? project.defaultBranch;
  const why = head.baseBranch ? `the pull request's base branch "${branch}"` : `the default branch "${branch}" (the run names no base branch)`;
  const filter = { branch, mode: head.mode, status: "COMPLETED" as const, before: head.createdAt, machineKey: head.machineKey, limit: 100 };
  const candidates = (await storage.listRuns(project.id, filter)).filter((r) => r.id !== head.id);
  if (mergeBase) {
    const at = candidates.find((r) => r.commit === mergeBase);
    if (at) return { run: at, branch, strategy: "merge-base", reason: `Latest complete ${head.mode} run of ${why} at the merge-base commit ${mergeBase.slice(0, 12)}, same machine` };
  }
  const nearest = candidates[0];
  if (nearest) {
    return {
      run: nearest,
      branch,
      strategy: "nearest-earlier",
      reason: `Nearest earlier complete ${head.mode} run of ${why} on a comparable machine (commit ${nearest.commit.slice(0, 12)}${mergeBase ? `; none at the merge-base ${mergeBase.slice(0, 12)}` : ""})`,
    };
  }
  const other = (await storage.listRuns(project.id, { ...filter, machineKey: undefined, limit: 1 })).filter((r) => r.id !== head.id);
  return {
    branch,
    strategy: "none",
    reason: `No complete ${head.mode} run of ${why} before this one on a comparable machine${other.length ? ` (run "${other[0]!.id}" was made on another machine)` : ""}`,
  };
}
