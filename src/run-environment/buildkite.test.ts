import { describe, expect, test } from "bun:test";
import { buildkiteEnvironment } from "./buildkite.ts";

/** Variables of a Buildkite job (names and formats from Buildkite's environment-variable docs). */
function buildkiteEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    BUILDKITE: "true",
    BUILDKITE_REPO: "git@github.com:acme/widgets.git",
    BUILDKITE_BRANCH: "main",
    BUILDKITE_COMMIT: "83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d",
    BUILDKITE_PULL_REQUEST: "false",
    BUILDKITE_AGENT_NAME: "agent-1",
    BUILDKITE_ORGANIZATION_SLUG: "acme",
    BUILDKITE_PIPELINE_SLUG: "widgets",
    ...extra,
  };
}

describe("buildkiteEnvironment()", () => {
  test("reads a branch build without a checkout", () => {
    expect(buildkiteEnvironment(buildkiteEnv({}), {})).toEqual({
      name: "BUILDKITE",
      kind: "buildkite",
      label: "Buildkite",
      repositoryProvider: "GITHUB",
      commitHash: "83a20ec058e2fb00e7fa4558c4c6e81e2dcf253d",
      metadata: {
        ref: "refs/heads/main",
        headRef: null,
        baseRef: null,
        owner: "acme",
        repository: "widgets",
        event: "push",
        sender: null,
        ghData: null,
        glData: null,
        repositoryRootPath: "/buildkite/builds/agent-1/acme/widgets/",
      },
      runPart: null,
      tokenPolicy: "required",
    });
  });

  test("reads a pull request build from an https remote", () => {
    const re = buildkiteEnvironment(
      buildkiteEnv({
        BUILDKITE_REPO: "https://github.com/acme/widgets.git",
        BUILDKITE_PULL_REQUEST: "123",
        BUILDKITE_BRANCH: "feat/x",
        BUILDKITE_PULL_REQUEST_BASE_BRANCH: "main",
      }),
      { root: "/work/widgets" },
    );
    expect(re.metadata).toMatchObject({ ref: "refs/pull/123/merge", headRef: "feat/x", baseRef: "main", event: "pull_request", repositoryRootPath: "/work/widgets/" });
  });

  test("refuses a repository that is not on GitHub", () => {
    expect(() => buildkiteEnvironment(buildkiteEnv({ BUILDKITE_REPO: "git@gitlab.com:acme/widgets.git" }), {})).toThrow('"gitlab.com" is not supported');
  });
});
