import { describe, expect, test } from "bun:test";
import { localEnvironment, NO_COMMIT } from "./local.ts";

describe("localEnvironment()", () => {
  test("reads the repository from the origin remote", () => {
    const re = localEnvironment({}, { commit: "b".repeat(40), branch: "main", root: "/src/app", remoteUrl: "git@github.com:acme/app.git" }, "/src/app/sub");
    expect(re).toEqual({
      name: "LOCAL",
      kind: "local",
      label: "local",
      repositoryProvider: "GITHUB",
      commitHash: "b".repeat(40),
      metadata: {
        ref: "b".repeat(40),
        headRef: "main",
        baseRef: null,
        owner: "acme",
        repository: "app",
        event: "local",
        sender: null,
        ghData: null,
        glData: null,
        repositoryRootPath: "/src/app/",
      },
      runPart: null,
      tokenPolicy: "required",
    });
  });

  test("without git: placeholder commit, working directory as root, repository left to the API", () => {
    const re = localEnvironment({}, {}, "/tmp/x");
    expect(re.commitHash).toBe(NO_COMMIT);
    expect(re.repositoryProvider).toBe("PROJECT");
    expect(re.metadata).toMatchObject({ owner: "", repository: "", repositoryRootPath: "/tmp/x/" });
  });

  test("PACER_REPOSITORY overrides the remote", () => {
    const re = localEnvironment({ PACER_REPOSITORY: "acme/other", PACER_REPOSITORY_PROVIDER: "gitlab" }, { remoteUrl: "git@github.com:acme/app.git" }, "/x");
    expect(re.metadata).toMatchObject({ owner: "acme", repository: "other" });
    expect(re.repositoryProvider).toBe("GITLAB");
  });

  test("rejects a remote on an unsupported host", () => {
    expect(() => localEnvironment({}, { remoteUrl: "https://bitbucket.org/acme/app.git" }, "/x")).toThrow('"bitbucket.org" is not supported');
  });
});
