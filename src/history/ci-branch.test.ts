import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { branchFor, ciBranchOf } from "./ci-branch.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-ci-branch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEAD = "a".repeat(40), BASE = "b".repeat(40), MERGE = "c".repeat(40), OTHER = "d".repeat(40);
const eventPath = join(dir, "event.json");
writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7, head: { sha: HEAD }, base: { sha: BASE } } }));
const pr = { GITHUB_ACTIONS: "true", GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: eventPath, GITHUB_SHA: MERGE, GITHUB_HEAD_REF: "feat", GITHUB_BASE_REF: "main", GITHUB_REF: "refs/pull/7/merge" };

describe("ciBranchOf in a pull_request job", () => {
  test("the merge commit and the PR head are the head branch", () => {
    expect(ciBranchOf(MERGE, pr)).toBe("feat");
    expect(ciBranchOf(HEAD, pr)).toBe("feat");
  });
  test("the base commit checked out in the same job is the base branch, not GITHUB_HEAD_REF", () => {
    expect(ciBranchOf(BASE, pr)).toBe("main");
  });
  test("any other commit is claimed for no branch", () => {
    expect(ciBranchOf(OTHER, pr)).toBeNull();
  });
  test("an unreadable event file still names the head by GITHUB_SHA", () => {
    const env = { ...pr, GITHUB_EVENT_PATH: join(dir, "missing.json") };
    expect(ciBranchOf(MERGE, env)).toBe("feat");
    expect(ciBranchOf(BASE, env)).toBeNull();
  });
});

test("a push job names the pushed branch for GITHUB_SHA only", () => {
  const push = { GITHUB_ACTIONS: "true", GITHUB_SHA: BASE, GITHUB_REF: "refs/heads/main" };
  expect(ciBranchOf(BASE, push)).toBe("main");
  expect(ciBranchOf(OTHER, push)).toBeNull();
  expect(ciBranchOf(BASE, { ...push, GITHUB_REF: "refs/tags/v1" })).toBeNull();
});

test("outside GitHub Actions nothing is guessed", () => {
  expect(ciBranchOf(MERGE, { ...pr, GITHUB_ACTIONS: undefined })).toBeNull();
});

test("branchFor: PACER_BRANCH overrides, then the symbolic ref, then the CI guess", () => {
  expect(branchFor("local", BASE, { ...pr, PACER_BRANCH: "forced" })).toBe("forced");
  expect(branchFor("local", BASE, pr)).toBe("local");
  expect(branchFor(null, BASE, pr)).toBe("main");
  expect(branchFor(null, null, pr)).toBeNull();
});
