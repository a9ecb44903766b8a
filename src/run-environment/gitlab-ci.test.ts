import { describe, expect, test } from "bun:test";
import { gitlabCiEnvironment } from "./gitlab-ci.ts";

const SHA = "1ecfd275763eff1d6b4844ea3168962458c9f27a";

/** Predefined variables of a GitLab job (names and formats from GitLab's predefined-variable list). */
function gitlabEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    GITLAB_CI: "true",
    CI_PROJECT_NAMESPACE: "gitlab-org",
    CI_PROJECT_NAME: "gitlab-runner",
    CI_PROJECT_PATH: "gitlab-org/gitlab-runner",
    CI_PROJECT_DIR: "/builds/gitlab-org/gitlab-runner",
    CI_JOB_ID: "50",
    CI_JOB_NAME: "benchmarks",
    CI_COMMIT_SHA: SHA,
    CI_COMMIT_REF_NAME: "main",
    GITLAB_USER_ID: "42",
    GITLAB_USER_LOGIN: "jdoe",
    ...extra,
  };
}

describe("gitlabCiEnvironment()", () => {
  test("reads a push pipeline without a checkout", () => {
    expect(gitlabCiEnvironment(gitlabEnv({ CI_PIPELINE_SOURCE: "push" }), {})).toEqual({
      name: "GITLAB_CI",
      kind: "gitlab-ci",
      label: "GitLab CI",
      repositoryProvider: "GITLAB",
      commitHash: SHA,
      metadata: {
        event: "push",
        ref: "refs/heads/main",
        baseRef: "main",
        headRef: null,
        owner: "gitlab-org",
        repository: "gitlab-runner",
        sender: { id: "42", login: "jdoe" },
        ghData: null,
        glData: { runId: "50", job: "benchmarks" },
        repositoryRootPath: "/builds/gitlab-org/gitlab-runner/",
      },
      runPart: { runId: "50", runPartId: "benchmarks", jobName: "benchmarks", metadata: {} },
      tokenPolicy: "optional",
      isFork: false,
    });
  });

  test("uses the tag ref of a tag pipeline", () => {
    const re = gitlabCiEnvironment(gitlabEnv({ CI_PIPELINE_SOURCE: "push", CI_COMMIT_TAG: "v1.2.0", CI_COMMIT_REF_NAME: "v1.2.0" }), {});
    expect(re.metadata.ref).toBe("refs/tags/v1.2.0");
  });

  test("reads a merge request pipeline as a pull request", () => {
    const re = gitlabCiEnvironment(
      gitlabEnv({
        CI_PIPELINE_SOURCE: "merge_request_event",
        CI_MERGE_REQUEST_IID: "17",
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: "feat/faster",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
        CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: "gitlab-org/gitlab-runner",
      }),
      { commit: "0".repeat(40) },
    );
    expect(re.commitHash).toBe("0".repeat(40));
    expect(re.metadata).toMatchObject({ event: "pull_request", ref: "refs/pull/17/merge", baseRef: "main", headRef: "feat/faster" });
    expect(re.isFork).toBe(false);
  });

  test("names a fork merge request <fork namespace>:<branch>", () => {
    const re = gitlabCiEnvironment(
      gitlabEnv({
        CI_PIPELINE_SOURCE: "merge_request_event",
        CI_MERGE_REQUEST_IID: "18",
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: "fix",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
        CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: "jdoe/gitlab-runner",
      }),
      {},
    );
    expect(re.metadata.headRef).toBe("jdoe:fix");
    expect(re.isFork).toBe(true);
  });

  test.each([
    ["schedule", "schedule"],
    ["web", "workflow_dispatch"],
    ["api", "workflow_dispatch"],
    ["trigger", "workflow_dispatch"],
  ])("maps pipeline source %s to event %s", (source, event) => {
    expect(gitlabCiEnvironment(gitlabEnv({ CI_PIPELINE_SOURCE: source }), {}).metadata.event).toBe(event as never);
  });

  test("rejects an unsupported pipeline source", () => {
    expect(() => gitlabCiEnvironment(gitlabEnv({ CI_PIPELINE_SOURCE: "chat" }), {})).toThrow('Event "chat" is not supported');
  });
});
