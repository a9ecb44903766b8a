/**
 * The README's three CI workflows (examples/ci/*.yml), run step by step on this machine under the
 * GitHub Actions variables: `run:` steps with bash, this action's composite steps for real (install.sh
 * downloads the binary scripts/release.ts built, from a loopback mirror, and checks it against the
 * checksum embedded in the action). Stand-ins, labelled in workflow-runner.ts: actions/checkout
 * (git checkout in a local repo) and actions/cache (a temp folder). The benchmark is a C loop under
 * valgrind: its instruction count is fixed, so verdicts are too.
 *
 * Run: flock /tmp/pacer-tests.lock bun test test/ci/workflows.test.ts
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasBinary, ROOT } from "../helpers/pacer.ts";
import { createToken, serverStorage, startServe } from "../helpers/results-server.ts";
import { commitPr, hasValgrind, jobFor, makeRelease, makeRepo, type Release } from "./ci-fixture.ts";
import { JobRun } from "./workflow-runner.ts";

const WF = (name: string) => join(ROOT, "examples/ci", name);
const BASE_N = 200_000, SLOW_N = 600_000;
let root = "";
let release: Release;
let runNo = 0;

beforeAll(async () => {
  if (!hasValgrind) return;
  root = mkdtempSync(join(tmpdir(), "pacer-ci-wf-"));
  release = await makeRelease(root);
}, 120_000);
afterAll(() => {
  release?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

function fresh(name: string) {
  const dir = join(root, name);
  mkdirSync(dir);
  const cacheDir = join(dir, "cache");
  mkdirSync(cacheDir);
  return { dir, cacheDir, repo: makeRepo(dir, BASE_N) };
}

function runJob(o: Parameters<typeof jobFor>[0], file: string, extra: { vars?: Record<string, string>; secrets?: Record<string, string> } = {}): JobRun {
  const job = { ...jobFor({ ...o, runId: String(++runNo) }), ...extra };
  job.actionInputs = { "download-url": release.url };
  const r = new JobRun(job);
  r.run(WF(file));
  return r;
}

const last = (r: JobRun) => r.results.at(-1)!;
const describeOut = (r: JobRun) => r.results.map((s) => `--- ${s.name} (exit ${s.code})\n${s.output}`).join("\n");

describe.skipIf(!hasValgrind)("same-job workflow (base and head in one job)", () => {
  test("a PR that triples the loop fails the check step, with the regression in the step summary", () => {
    const { dir, cacheDir, repo } = fresh("same-job-slow");
    const sha = commitPr(repo, SLOW_N, "slower loop");
    const r = runJob({ root: dir, repo, release, cacheDir, event: "pull_request", sha, runId: "" }, "same-job.yml");
    const check = last(r);
    expect(check.name, describeOut(r)).toContain("Check for regressions");
    expect(check.code).not.toBe(0);
    expect(r.summary()).toContain("loop");
    expect(r.summary()).toContain("❌ 1 regression** against");
    expect(r.summary()).toContain("(main\\@");
    if (process.env.PACER_CI_SHOW_SUMMARY) console.log(r.summary());
    expect(r.results.find((s) => s.name.includes("Install pacer"))!.output).toContain("checksum embedded in the action");
  }, 300_000);

  test("an unchanged PR passes the check", () => {
    const { dir, cacheDir, repo } = fresh("same-job-same");
    const sha = commitPr(repo, BASE_N, "notes only");
    const r = runJob({ root: dir, repo, release, cacheDir, event: "pull_request", sha, runId: "" }, "same-job.yml");
    expect(r.results.every((s) => s.code === 0), describeOut(r)).toBe(true);
    expect(last(r).name).toContain("Check for regressions");
    expect(r.summary()).toContain("loop");
  }, 300_000);
});

describe.skipIf(!hasValgrind)("cache workflow (base branch results kept between jobs)", () => {
  test("a push on main saves the history; the PR restores it and its regression fails the check", () => {
    const { dir, cacheDir, repo } = fresh("cache");
    const push = runJob({ root: dir, repo, release, cacheDir, event: "push", sha: repo.base, runId: "" }, "artifact.yml");
    expect(push.results.every((s) => s.code === 0), describeOut(push)).toBe(true);
    expect(last(push).name).toContain("(stand-in)");
    const sha = commitPr(repo, SLOW_N, "slower loop");
    const pr = runJob({ root: dir, repo, release, cacheDir, event: "pull_request", sha, runId: "" }, "artifact.yml");
    expect(last(pr).name, describeOut(pr)).toContain("Check for regressions");
    expect(last(pr).code).not.toBe(0);
    expect(pr.summary()).toContain("❌ 1 regression** against");
      expect(pr.summary()).toContain("(main\\@");
  }, 300_000);
});

describe.skipIf(!hasValgrind || !hasBinary())("server workflow (a real `pacer serve` on loopback)", () => {
  test("main's run is uploaded; the PR's regression, against the base the server picks, fails the check", async () => {
    const { dir, cacheDir, repo } = fresh("server");
    const st = await serverStorage("sqlite");
    const token = await createToken(st, "Codertocat/Hello-World");
    const serve = await startServe(st);
    try {
      const extra = { vars: { PACER_SERVER_URL: serve.url }, secrets: { PACER_SERVER_TOKEN: token } };
      const push = runJob({ root: dir, repo, release, cacheDir, event: "push", sha: repo.base, runId: "" }, "server.yml", extra);
      expect(push.results.every((s) => s.code === 0), describeOut(push)).toBe(true);
      const sha = commitPr(repo, SLOW_N, "slower loop");
      const pr = runJob({ root: dir, repo, release, cacheDir, event: "pull_request", sha, runId: "" }, "server.yml", extra);
      expect(last(pr).name, describeOut(pr)).toContain("Check for regressions");
      expect(last(pr).code).not.toBe(0);
      expect(pr.summary()).toContain("❌ 1 regression** against");
      expect(pr.summary()).toContain("(main\\@");
      if (process.env.PACER_CI_SHOW_SUMMARY) console.log(pr.summary());
      for (const s of [...push.results, ...pr.results]) expect(s.output).not.toContain(token);
      expect(serve.logs()).not.toContain(token);
    } finally {
      await serve.stop();
      await st.remove();
    }
  }, 300_000);
});

test("the README shows each example workflow exactly as the file holds it", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  for (const f of ["server.yml", "same-job.yml", "artifact.yml"]) {
    expect(readme).toContain("```yaml\n" + readFileSync(WF(f), "utf8") + "```");
  }
});
