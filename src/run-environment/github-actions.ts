/**
 * GitHub Actions (§7.2 of the reference): repository and refs from the `GITHUB_*` variables and the
 * event payload file, run parts from the matrix.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { PacerError } from "../errors.ts";
import { optionalEnv, requireEnv, withTrailingSlash } from "./_env.ts";
import { githubRunPart } from "./run-part.ts";
import type { GitFacts, RunEnvironment, RunEvent } from "./types.ts";

const LABEL = "GitHub Actions";
const EVENTS: readonly RunEvent[] = ["push", "pull_request", "workflow_dispatch", "schedule", "local"];

interface RepoRef {
  id?: number;
  owner?: { login?: string };
}
interface EventPayload {
  repository?: { private?: boolean };
  pull_request?: { head?: { ref?: string; label?: string; repo?: RepoRef | null }; base?: { repo?: RepoRef | null } };
}

export function parseGithubEvent(name: string): RunEvent {
  if ((EVENTS as readonly string[]).includes(name)) return name as RunEvent;
  throw new PacerError("E_UPLOAD", `Event "${name}" is not supported by CodSpeed`, {
    hint: "Run the benchmarks on push, pull_request, workflow_dispatch or schedule events",
  });
}

function readPayload(path: string): EventPayload {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as EventPayload;
  } catch (err) {
    throw new PacerError("E_UPLOAD", `Cannot read the GitHub event payload "${path}": ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** The head ref of a pull request; `<fork owner>:<branch>` when the head lives in a fork. */
function headRefOf(payload: EventPayload): { headRef: string | null; isFork: boolean } {
  const pr = payload.pull_request;
  if (!pr?.head?.ref) return { headRef: null, isFork: false };
  const headRepo = pr.head.repo;
  const isFork = headRepo?.id === undefined || headRepo.id !== pr.base?.repo?.id;
  if (!isFork) return { headRef: pr.head.ref, isFork };
  // A deleted fork has `head.repo: null`; the label still carries "<owner>:<branch>".
  const owner = headRepo?.owner?.login;
  return { headRef: owner ? `${owner}:${pr.head.ref}` : (pr.head.label ?? pr.head.ref), isFork };
}

/**
 * Reads the GitHub Actions environment. `git` gives the commit and checkout root when there is a
 * checkout; without one, `GITHUB_SHA` and `GITHUB_WORKSPACE` stand in.
 */
export function githubActionsEnvironment(env: NodeJS.ProcessEnv, git: GitFacts): RunEnvironment {
  const slug = requireEnv(env, "GITHUB_REPOSITORY", LABEL);
  const [owner, repository] = [slug.slice(0, slug.indexOf("/")), slug.slice(slug.indexOf("/") + 1)];
  const ref = requireEnv(env, "GITHUB_REF", LABEL);
  const event = parseGithubEvent(requireEnv(env, "GITHUB_EVENT_NAME", LABEL));
  const payload = readPayload(requireEnv(env, "GITHUB_EVENT_PATH", LABEL));
  const isPr = /^refs\/pull\/\d+\/merge$/.test(ref);
  const { headRef, isFork } = isPr ? headRefOf(payload) : { headRef: null, isFork: false };
  const runId = requireEnv(env, "GITHUB_RUN_ID", LABEL);
  const job = requireEnv(env, "GITHUB_JOB", LABEL);
  const commitHash = git.commit ?? requireEnv(env, "GITHUB_SHA", LABEL);
  const root = git.root ?? env.GITHUB_WORKSPACE ?? `/home/runner/work/${repository}/${repository}`;
  const actor = optionalEnv(env, "GITHUB_ACTOR");
  return {
    name: "GITHUB_ACTIONS",
    kind: "github-actions",
    label: LABEL,
    repositoryProvider: "GITHUB",
    commitHash,
    metadata: {
      ref,
      headRef,
      baseRef: env.GITHUB_BASE_REF ?? null,
      owner,
      repository,
      event,
      sender: actor ? { id: env.GITHUB_ACTOR_ID ?? "", login: actor } : null,
      ghData: { runId, job },
      glData: null,
      repositoryRootPath: withTrailingSlash(root),
    },
    runPart: githubRunPart(env, runId, job),
    tokenPolicy: "optional",
    isPrivate: payload.repository?.private === true,
    isFork,
  };
}
