import { describe, expect, test } from "bun:test";
import { genericEnvironment, isGenericCi } from "./generic.ts";

describe("genericEnvironment()", () => {
  test("is configured entirely by PACER_* variables (a mirror CI)", () => {
    const env = {
      PACER_CI_PROVIDER: "Mirror CI",
      PACER_REPOSITORY: "acme/widgets",
      PACER_COMMIT: "83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d",
      PACER_BRANCH: "feat/x",
      PACER_PULL_REQUEST: "12",
      PACER_BASE_REF: "main",
      PACER_RUN_ID: "991",
      PACER_JOB: "bench",
      PACER_REPOSITORY_ROOT: "/ci/widgets",
      PACER_SENDER_LOGIN: "jdoe",
      PACER_SENDER_ID: "7",
    };
    expect(isGenericCi(env)).toBe(true);
    expect(genericEnvironment(env, {}, "/somewhere")).toEqual({
      name: "GENERIC",
      kind: "generic",
      label: "Mirror CI",
      repositoryProvider: "GITHUB",
      commitHash: "83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d",
      metadata: {
        ref: "refs/pull/12/merge",
        headRef: "feat/x",
        baseRef: "main",
        owner: "acme",
        repository: "widgets",
        event: "pull_request",
        sender: { id: "7", login: "jdoe" },
        ghData: null,
        glData: null,
        repositoryRootPath: "/ci/widgets/",
      },
      runPart: { runId: "991", runPartId: "bench", jobName: "bench", metadata: {} },
      tokenPolicy: "required",
    });
  });

  test("takes CircleCI's own variables as defaults", () => {
    const env = {
      CIRCLECI: "true",
      CIRCLE_REPOSITORY_URL: "git@github.com:acme/widgets.git",
      CIRCLE_SHA1: "aaaabbbbccccddddeeeeffff0000111122223333",
      CIRCLE_BRANCH: "main",
      CIRCLE_WORKFLOW_ID: "wf-1",
      CIRCLE_JOB: "bench",
      CIRCLE_WORKING_DIRECTORY: "/home/circleci/project",
    };
    expect(isGenericCi(env)).toBe(true);
    const re = genericEnvironment(env, {}, "/x");
    expect(re.label).toBe("CircleCI");
    expect(re.metadata).toMatchObject({ owner: "acme", repository: "widgets", ref: "refs/heads/main", event: "push", repositoryRootPath: "/home/circleci/project/" });
    expect(re.runPart?.runId).toBe("wf-1");
  });

  test("takes Jenkins multibranch variables as defaults and lets PACER_* override them", () => {
    const env = {
      JENKINS_URL: "https://ci.example.com/",
      GIT_URL: "https://gitlab.com/acme/widgets.git",
      GIT_COMMIT: "aaaabbbbccccddddeeeeffff0000111122223333",
      CHANGE_ID: "5",
      CHANGE_BRANCH: "fix",
      CHANGE_TARGET: "main",
      BUILD_TAG: "jenkins-widgets-5",
      STAGE_NAME: "bench",
      WORKSPACE: "/var/jenkins/ws",
      PACER_RUN_ENVIRONMENT: "BUILDKITE",
    };
    const re = genericEnvironment(env, {}, "/x");
    expect(re.label).toBe("Jenkins");
    expect(re.name).toBe("BUILDKITE");
    expect(re.repositoryProvider).toBe("GITLAB");
    expect(re.metadata).toMatchObject({ ref: "refs/pull/5/merge", headRef: "fix", baseRef: "main", event: "pull_request" });
  });

  test("explains how to name the repository when nothing tells it", () => {
    expect(() => genericEnvironment({ PACER_CI_PROVIDER: "X", PACER_COMMIT: "a".repeat(40) }, {}, "/x")).toThrow("Cannot tell which repository");
  });
});
