import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { githubActionsEnvironment } from "./github-actions.ts";

const EVENTS = join(import.meta.dir, "../../test/fixtures/github-events");
const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

/** The variables a GitHub-hosted runner sets for a job (values as GitHub formats them). */
function actionsEnv(event: string, payload: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: "Codertocat/Hello-World",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: join(EVENTS, payload),
    GITHUB_RUN_ID: "7044765741",
    GITHUB_JOB: "codspeed",
    GITHUB_SHA: SHA,
    GITHUB_WORKSPACE: "/home/runner/work/Hello-World/Hello-World",
    GITHUB_ACTOR: "Codertocat",
    GITHUB_ACTOR_ID: "21031067",
    ...extra,
  };
}

describe("githubActionsEnvironment()", () => {
  test("reads a push event without a checkout (commit from GITHUB_SHA, root from GITHUB_WORKSPACE)", () => {
    const re = githubActionsEnvironment(actionsEnv("push", "push.json", { GITHUB_REF: "refs/heads/master", GITHUB_BASE_REF: "" }), {});
    expect(re).toEqual({
      name: "GITHUB_ACTIONS",
      kind: "github-actions",
      label: "GitHub Actions",
      repositoryProvider: "GITHUB",
      commitHash: SHA,
      metadata: {
        ref: "refs/heads/master",
        headRef: null,
        baseRef: "",
        owner: "Codertocat",
        repository: "Hello-World",
        event: "push",
        sender: { id: "21031067", login: "Codertocat" },
        ghData: { runId: "7044765741", job: "codspeed" },
        glData: null,
        repositoryRootPath: "/home/runner/work/Hello-World/Hello-World/",
      },
      runPart: { runId: "7044765741", runPartId: "codspeed", jobName: "codspeed", metadata: {} },
      tokenPolicy: "optional",
      isPrivate: false,
      isFork: false,
    });
  });

  test("reads a same-repository pull request: head ref is the branch", () => {
    const env = actionsEnv("pull_request", "pull-request.json", { GITHUB_REF: "refs/pull/2/merge", GITHUB_BASE_REF: "master", GITHUB_HEAD_REF: "changes" });
    const re = githubActionsEnvironment(env, { commit: "5bd77cb0da72bef094893ed45fb793ff16ecfbe3", root: "/src/hello" });
    expect(re.commitHash).toBe("5bd77cb0da72bef094893ed45fb793ff16ecfbe3");
    expect(re.metadata).toEqual({
      ref: "refs/pull/2/merge",
      headRef: "changes",
      baseRef: "master",
      owner: "Codertocat",
      repository: "Hello-World",
      event: "pull_request",
      sender: { id: "21031067", login: "Codertocat" },
      ghData: { runId: "7044765741", job: "codspeed" },
      glData: null,
      repositoryRootPath: "/src/hello/",
    });
    expect(re.isFork).toBe(false);
    expect(re.isPrivate).toBe(false);
  });

  test("names the head of a fork pull request <fork owner>:<branch>", () => {
    const env = actionsEnv("pull_request", "pull-request-fork.json", {
      GITHUB_REF: "refs/pull/2/merge",
      GITHUB_BASE_REF: "master",
      GITHUB_ACTOR: "octocat",
      GITHUB_ACTOR_ID: "5346",
    });
    const re = githubActionsEnvironment(env, {});
    expect(re.metadata.headRef).toBe("octocat:changes");
    expect(re.metadata.sender).toEqual({ id: "5346", login: "octocat" });
    expect(re.isFork).toBe(true);
  });

  test("reports a private repository from the event payload", () => {
    const env = actionsEnv("pull_request", "pull-request-private.json", { GITHUB_REF: "refs/pull/2/merge", GITHUB_BASE_REF: "master" });
    expect(githubActionsEnvironment(env, {}).isPrivate).toBe(true);
  });

  test("builds the run part from the matrix and strategy the action exports", () => {
    const env = actionsEnv("push", "push.json", {
      GITHUB_REF: "refs/heads/master",
      GH_MATRIX: '{"python":"3.12","os":"ubuntu"}',
      GH_STRATEGY: '{"fail-fast":true,"job-index":0,"job-total":2,"max-parallel":2}',
    });
    expect(githubActionsEnvironment(env, {}).runPart).toEqual({
      runId: "7044765741",
      runPartId: 'codspeed-{"python":"3.12","os":"ubuntu"}-{"job-index":0,"job-total":2}',
      jobName: "codspeed",
      metadata: { "job-index": 0, "job-total": 2, os: "ubuntu", python: "3.12" },
    });
  });

  test("rejects an event CodSpeed does not support", () => {
    const env = actionsEnv("release", "push.json", { GITHUB_REF: "refs/tags/v1" });
    expect(() => githubActionsEnvironment(env, {})).toThrow('Event "release" is not supported by CodSpeed');
  });

  test("names the missing variable", () => {
    const env = actionsEnv("push", "push.json");
    expect(() => githubActionsEnvironment(env, {})).toThrow('"GITHUB_REF" is not set');
  });
});
