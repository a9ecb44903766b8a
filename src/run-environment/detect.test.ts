import { expect, test } from "bun:test";
import { detectKind } from "./detect.ts";

test.each([
  [{ BUILDKITE: "true", GITHUB_ACTIONS: "true" }, "buildkite"],
  [{ GITHUB_ACTIONS: "true" }, "github-actions"],
  [{ GITLAB_CI: "true" }, "gitlab-ci"],
  [{ CIRCLECI: "true" }, "generic"],
  [{ JENKINS_URL: "https://ci" }, "generic"],
  [{ PACER_CI_PROVIDER: "mirror" }, "generic"],
  [{ CI: "true" }, "local"],
  [{}, "local"],
])("detectKind(%o) is %s", (env, kind) => {
  expect(detectKind(env)).toBe(kind as never);
});
