/**
 * GitHub Actions variables for uploads from a test repository (project `acme/bench`): a push on
 * main, or pull request #2 (`changes` → `main`), with the captured event payloads of
 * test/fixtures/github-events.
 */
import { join } from "node:path";
import type { BenchRepo } from "./bench-repo.ts";
import { ROOT } from "./pacer.ts";

const EVENTS = join(ROOT, "test/fixtures/github-events");

function common(repo: BenchRepo, sha: string, runId: string): Record<string, string> {
  return {
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_REPOSITORY: "acme/bench",
    GITHUB_RUN_ID: runId,
    GITHUB_JOB: "bench",
    GITHUB_SHA: sha,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_ACTOR: "octocat",
  };
}

export function pushEnv(repo: BenchRepo, sha: string, runId: string): Record<string, string> {
  return { ...common(repo, sha, runId), GITHUB_EVENT_NAME: "push", GITHUB_REF: "refs/heads/main", GITHUB_REF_NAME: "main", GITHUB_EVENT_PATH: join(EVENTS, "push.json") };
}

export function pullRequestEnv(repo: BenchRepo, sha: string, runId: string): Record<string, string> {
  return {
    ...common(repo, sha, runId),
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_REF: "refs/pull/2/merge",
    GITHUB_REF_NAME: "2/merge",
    GITHUB_HEAD_REF: "changes",
    GITHUB_BASE_REF: "main",
    GITHUB_EVENT_PATH: join(EVENTS, "pull-request.json"),
  };
}
