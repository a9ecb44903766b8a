/**
 * A run environment for CI systems without a dedicated detector (CircleCI, Jenkins, a self-hosted
 * mirror…), described by `PACER_*` variables. CircleCI and Jenkins variables fill in the defaults, so
 * on those two only `PACER_CI_PROVIDER` is needed (or nothing: they are recognised by `CIRCLECI` and
 * `JENKINS_URL`).
 *
 * | Variable | Meaning | Default |
 * |---|---|---|
 * | `PACER_CI_PROVIDER` | provider label; setting it selects this environment | CircleCI / Jenkins when detected |
 * | `PACER_RUN_ENVIRONMENT` | `runEnvironment` sent to the server | `GENERIC` |
 * | `PACER_REPOSITORY` | `owner/name` | parsed from `PACER_REPOSITORY_URL` or the `origin` remote |
 * | `PACER_REPOSITORY_URL` | clone URL | provider's variable |
 * | `PACER_REPOSITORY_PROVIDER` | `github` or `gitlab` | from the remote's host, else `github` |
 * | `PACER_COMMIT` | commit sha | git HEAD, then provider's variable |
 * | `PACER_BRANCH` | branch name | provider's variable, then git |
 * | `PACER_PULL_REQUEST` | PR number: makes it a `pull_request` | provider's variable |
 * | `PACER_BASE_REF` | PR target branch | provider's variable |
 * | `PACER_EVENT` | `push`, `pull_request`, `schedule`, `workflow_dispatch` | from the PR number |
 * | `PACER_RUN_ID`, `PACER_JOB` | run id and job name: both set ⇒ a run part | provider's variables |
 * | `PACER_REPOSITORY_ROOT` | checkout root | git root, then the working directory |
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { withTrailingSlash } from "./_env.ts";
import { parseGithubEvent } from "./github-actions.ts";
import { parseRemote } from "./parse-remote.ts";
import type { GitFacts, RunEnvironment } from "./types.ts";

type Key = "label" | "url" | "commit" | "branch" | "pr" | "base" | "runId" | "job" | "root" | "login";

/** Defaults read from a known CI's own variables. */
const PRESETS: { when: (env: NodeJS.ProcessEnv) => boolean; vars: Partial<Record<Key, (env: NodeJS.ProcessEnv) => string | undefined>> }[] = [
  {
    when: (env) => env.CIRCLECI === "true",
    vars: {
      label: () => "CircleCI",
      url: (e) => e.CIRCLE_REPOSITORY_URL,
      commit: (e) => e.CIRCLE_SHA1,
      branch: (e) => e.CIRCLE_BRANCH,
      pr: (e) => e.CIRCLE_PR_NUMBER ?? /\/pull\/(\d+)$/.exec(e.CIRCLE_PULL_REQUEST ?? "")?.[1],
      runId: (e) => e.CIRCLE_WORKFLOW_ID,
      job: (e) => e.CIRCLE_JOB,
      root: (e) => e.CIRCLE_WORKING_DIRECTORY,
      login: (e) => e.CIRCLE_USERNAME,
    },
  },
  {
    when: (env) => !!env.JENKINS_URL,
    vars: {
      label: () => "Jenkins",
      url: (e) => e.GIT_URL ?? e.CHANGE_URL,
      commit: (e) => e.GIT_COMMIT,
      branch: (e) => e.CHANGE_BRANCH ?? e.BRANCH_NAME ?? e.GIT_BRANCH?.replace(/^origin\//, ""),
      pr: (e) => e.CHANGE_ID,
      base: (e) => e.CHANGE_TARGET,
      runId: (e) => e.BUILD_TAG,
      job: (e) => e.STAGE_NAME ?? e.JOB_BASE_NAME,
      root: (e) => e.WORKSPACE,
    },
  },
];

const OWN: Record<Key, string> = {
  label: "PACER_CI_PROVIDER",
  url: "PACER_REPOSITORY_URL",
  commit: "PACER_COMMIT",
  branch: "PACER_BRANCH",
  pr: "PACER_PULL_REQUEST",
  base: "PACER_BASE_REF",
  runId: "PACER_RUN_ID",
  job: "PACER_JOB",
  root: "PACER_REPOSITORY_ROOT",
  login: "PACER_SENDER_LOGIN",
};

/** Whether this environment applies: `PACER_CI_PROVIDER` set, or CircleCI / Jenkins recognised. */
export function isGenericCi(env: NodeJS.ProcessEnv): boolean {
  return !!env.PACER_CI_PROVIDER || PRESETS.some((p) => p.when(env));
}

function reader(env: NodeJS.ProcessEnv): (key: Key) => string | undefined {
  const preset = PRESETS.find((p) => p.when(env));
  return (key) => env[OWN[key]] || preset?.vars[key]?.(env) || undefined;
}

function repositoryOf(env: NodeJS.ProcessEnv, url: string | undefined, label: string) {
  const slug = env.PACER_REPOSITORY;
  const remote = url ? parseRemote(url) : undefined;
  if (slug?.includes("/")) {
    const i = slug.indexOf("/");
    return { owner: slug.slice(0, i), repository: slug.slice(i + 1), domain: remote?.domain };
  }
  if (remote) return remote;
  throw new PacerError("E_UPLOAD", `Cannot tell which repository this ${label} job benchmarks`, {
    hint: 'Set "PACER_REPOSITORY" to "owner/name" (or "PACER_REPOSITORY_URL" to the clone URL)',
  });
}

/** Reads the generic CI environment; `cwd` is the last resort for the checkout root. */
export function genericEnvironment(env: NodeJS.ProcessEnv, git: GitFacts, cwd: string): RunEnvironment {
  const read = reader(env);
  const label = read("label") ?? "CI";
  const repo = repositoryOf(env, read("url") ?? git.remoteUrl, label);
  const providerName = (env.PACER_REPOSITORY_PROVIDER ?? (repo.domain?.includes("gitlab") ? "gitlab" : "github")).toLowerCase();
  if (providerName !== "github" && providerName !== "gitlab") {
    throw new PacerError("E_UPLOAD", `Invalid "PACER_REPOSITORY_PROVIDER": "${providerName}"`, { hint: 'Use "github" or "gitlab"' });
  }
  const commit = git.commit ?? read("commit");
  if (!commit) {
    throw new PacerError("E_UPLOAD", `Cannot tell which commit this ${label} job benchmarks`, {
      hint: 'Run pacer in a git checkout or set "PACER_COMMIT"',
    });
  }
  const branch = read("branch") ?? git.branch;
  const pr = read("pr");
  const isPr = !!pr && /^\d+$/.test(pr);
  const event = env.PACER_EVENT ? parseGithubEvent(env.PACER_EVENT) : isPr ? "pull_request" : "push";
  const runId = read("runId");
  const job = read("job");
  const login = read("login");
  return {
    name: env.PACER_RUN_ENVIRONMENT ?? "GENERIC",
    kind: "generic",
    label,
    repositoryProvider: providerName === "gitlab" ? "GITLAB" : "GITHUB",
    commitHash: commit,
    metadata: {
      ref: isPr ? `refs/pull/${pr}/merge` : branch ? `refs/heads/${branch}` : commit,
      headRef: isPr ? (branch ?? null) : null,
      baseRef: read("base") ?? null,
      owner: repo.owner,
      repository: repo.repository,
      event,
      sender: login ? { id: env.PACER_SENDER_ID ?? "", login } : null,
      ghData: null,
      glData: null,
      repositoryRootPath: withTrailingSlash(read("root") ?? git.root ?? cwd),
    },
    runPart: runId && job ? { runId, runPartId: job, jobName: job, metadata: {} } : null,
    tokenPolicy: "required",
  };
}
