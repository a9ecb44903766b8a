/**
 * GitLab CI (§7.3 of the reference): `CI_*` predefined variables; merge requests become pull
 * requests, forks are named `<fork namespace>:<branch>`.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { optionalEnv, requireEnv, withTrailingSlash } from "./_env.ts";
import type { GitFacts, RunEnvironment, RunEnvironmentMetadata } from "./types.ts";

const LABEL = "GitLab CI";

type Refs = Pick<RunEnvironmentMetadata, "event" | "ref" | "baseRef" | "headRef">;

function refsOf(env: NodeJS.ProcessEnv): Refs {
  const source = requireEnv(env, "CI_PIPELINE_SOURCE", LABEL);
  const tag = optionalEnv(env, "CI_COMMIT_TAG");
  const branchRef = () => (tag ? `refs/tags/${tag}` : `refs/heads/${requireEnv(env, "CI_COMMIT_REF_NAME", LABEL)}`);
  switch (source) {
    case "merge_request_event": {
      const iid = requireEnv(env, "CI_MERGE_REQUEST_IID", LABEL);
      const branch = requireEnv(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", LABEL);
      const sourcePath = requireEnv(env, "CI_MERGE_REQUEST_SOURCE_PROJECT_PATH", LABEL);
      const isFork = sourcePath !== requireEnv(env, "CI_PROJECT_PATH", LABEL);
      return {
        event: "pull_request",
        ref: `refs/pull/${iid}/merge`,
        baseRef: requireEnv(env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", LABEL),
        headRef: isFork ? `${sourcePath.split("/")[0]}:${branch}` : branch,
      };
    }
    case "push":
    case "schedule":
      return { event: source, ref: branchRef(), baseRef: requireEnv(env, "CI_COMMIT_REF_NAME", LABEL), headRef: null };
    case "trigger":
    case "web":
    case "api":
      return {
        event: "workflow_dispatch",
        ref: branchRef(),
        baseRef: requireEnv(env, "CI_COMMIT_REF_NAME", LABEL),
        headRef: null,
      };
    default:
      throw new PacerError("E_UPLOAD", `Event "${source}" is not supported by CodSpeed`, {
        hint: "Run the benchmarks in push, merge request, schedule, web, api or trigger pipelines",
      });
  }
}

/** Reads the GitLab CI environment; `CI_COMMIT_SHA` stands in for a missing checkout. */
export function gitlabCiEnvironment(env: NodeJS.ProcessEnv, git: GitFacts): RunEnvironment {
  const refs = refsOf(env);
  const runId = requireEnv(env, "CI_JOB_ID", LABEL);
  const job = requireEnv(env, "CI_JOB_NAME", LABEL);
  const login = optionalEnv(env, "GITLAB_USER_LOGIN");
  return {
    name: "GITLAB_CI",
    kind: "gitlab-ci",
    label: LABEL,
    repositoryProvider: "GITLAB",
    commitHash: git.commit ?? requireEnv(env, "CI_COMMIT_SHA", LABEL),
    metadata: {
      ...refs,
      owner: requireEnv(env, "CI_PROJECT_NAMESPACE", LABEL),
      repository: requireEnv(env, "CI_PROJECT_NAME", LABEL),
      sender: login ? { id: env.GITLAB_USER_ID ?? "", login } : null,
      ghData: null,
      glData: { runId, job },
      repositoryRootPath: withTrailingSlash(requireEnv(env, "CI_PROJECT_DIR", LABEL)),
    },
    runPart: { runId, runPartId: job, jobName: job, metadata: {} },
    tokenPolicy: "optional",
    isFork: refs.headRef?.includes(":") ?? false,
  };
}
