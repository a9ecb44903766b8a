/**
 * The branch of a detached checkout in GitHub Actions, told from the commit actually checked out.
 * A pull-request job that checks out the base commit to benchmark it must record the base branch,
 * not `$GITHUB_HEAD_REF`: otherwise the base run is filed under the head branch and
 * `compare --check` finds no base.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import * as v from "valibot";

const EventSchema = v.object({
  pull_request: v.optional(v.object({
    head: v.optional(v.object({ sha: v.optional(v.string()) })),
    base: v.optional(v.object({ sha: v.optional(v.string()) })),
  })),
});

function prShas(env: NodeJS.ProcessEnv): { head?: string; base?: string } {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    const ev = v.safeParse(EventSchema, JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")));
    return ev.success ? { head: ev.output.pull_request?.head?.sha, base: ev.output.pull_request?.base?.sha } : {};
  } catch {
    return {};
  }
}

/**
 * Branch for `commit` in a GitHub Actions job: the head ref for `$GITHUB_SHA` or the PR head, the
 * base ref for the PR's base commit, the pushed branch for `$GITHUB_SHA` on push; null otherwise
 * (a commit the job did not say anything about is not claimed for any branch).
 */
export function ciBranchOf(commit: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.GITHUB_ACTIONS !== "true" || !commit) return null;
  if (env.GITHUB_HEAD_REF) {
    const pr = prShas(env);
    if (commit === env.GITHUB_SHA || commit === pr.head) return env.GITHUB_HEAD_REF;
    if (env.GITHUB_BASE_REF && commit === pr.base) return env.GITHUB_BASE_REF;
    return null;
  }
  if (commit === env.GITHUB_SHA && env.GITHUB_REF?.startsWith("refs/heads/")) return env.GITHUB_REF.slice("refs/heads/".length);
  return null;
}

/** The branch to record: `$PACER_BRANCH` (an override), the checked-out branch, else {@link ciBranchOf}. */
export function branchFor(symbolic: string | null, commit: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  return env.PACER_BRANCH || symbolic || ciBranchOf(commit, env);
}
