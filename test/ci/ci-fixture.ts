/**
 * What the CI workflow tests share: a release folder made by scripts/release.ts (x64 only) served on
 * loopback, a copy of this action whose action/checksums.txt release.ts filled, and a throw-away repo
 * whose benchmark is a C loop with a known instruction count (N iterations, a constant in loop.c).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/pacer.ts";
import type { Job } from "./workflow-runner.ts";

export const hasValgrind = Bun.which("valgrind") !== null && Bun.which("gcc") !== null && Bun.which("make") !== null;

export function git(cwd: string, ...args: string[]): string {
  const r = Bun.spawnSync(["git", "-c", "user.name=pacer", "-c", "user.email=pacer@example.com", ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.toString().trim();
}

export interface Release { dir: string; actionPath: string; url: string; stop(): void }

/** Builds the release into `root`, copies the action beside it and serves the release on loopback. */
export async function makeRelease(root: string): Promise<Release> {
  const actionPath = join(root, "action-checkout");
  mkdirSync(actionPath);
  for (const f of ["action.yml", "action", "install.sh"]) cpSync(join(ROOT, f), join(actionPath, f), { recursive: true });
  const dir = join(root, "release");
  const p = Bun.spawnSync([process.execPath, "scripts/release.ts", "--x64-only", "--out", dir, "--action-dir", join(actionPath, "action")], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`release failed: ${p.stderr}`);
  // Mirror layout: <base>/download/v<version>/<asset> and <base>/latest/download/<asset>.
  const server = Bun.spawn([process.execPath, join(import.meta.dir, "mirror-server.ts"), dir], { stdout: "pipe", stderr: "inherit" });
  const chunk = await server.stdout.getReader().read();
  const port = new TextDecoder().decode(chunk.value).trim();
  return { dir, actionPath, url: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}

export function loopSource(n: number): string {
  return `int main(void) { volatile unsigned long s = 0; for (unsigned long i = 0; i < ${n}UL; i++) s += i; return 0; }\n`;
}

export interface Repo { dir: string; base: string; remove(): void }

/** A repo on `main` with the loop at `baseN`; `pr(n)` commits a PR head on `changes` and returns its sha. */
export function makeRepo(root: string, baseN: number): Repo {
  const dir = join(root, "repo");
  mkdirSync(dir);
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "loop.c"), loopSource(baseN));
  writeFileSync(join(dir, "Makefile"), "bench:\n\tgcc -O0 -o loop loop.c\n");
  writeFileSync(join(dir, "codspeed.yml"), "benchmarks:\n  - name: loop\n    exec: ./loop\n");
  writeFileSync(join(dir, ".gitignore"), "loop\n");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "base");
  return { dir, base: git(dir, "rev-parse", "HEAD"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function commitPr(repo: Repo, n: number, note: string): string {
  git(repo.dir, "checkout", "-q", "-B", "changes", repo.base);
  writeFileSync(join(repo.dir, "loop.c"), loopSource(n));
  writeFileSync(join(repo.dir, "NOTES"), note);
  git(repo.dir, "add", ".");
  git(repo.dir, "commit", "-q", "-m", note);
  const sha = git(repo.dir, "rev-parse", "HEAD");
  git(repo.dir, "checkout", "-q", "--detach", sha);
  return sha;
}

/** The job of a pull_request (`changes` → `main`) or push event, with a real event payload file. */
export function jobFor(o: { root: string; repo: Repo; release: Release; cacheDir: string; event: "pull_request" | "push"; sha: string; runId: string; extraEnv?: Record<string, string> }): Job {
  const fixture = JSON.parse(readFileSync(join(ROOT, "test/fixtures/github-events/pull-request.json"), "utf8"));
  const event = o.event === "pull_request"
    ? { ...fixture, pull_request: { ...fixture.pull_request, head: { ...fixture.pull_request.head, sha: o.sha, ref: "changes" }, base: { ...fixture.pull_request.base, sha: o.repo.base, ref: "main" } } }
    : { ref: "refs/heads/main", after: o.sha, repository: fixture.repository };
  const runnerTemp = mkdtempSync(join(o.root, "runner-temp-"));
  const eventPath = join(runnerTemp, "event.json");
  writeFileSync(eventPath, JSON.stringify(event));
  const pr = o.event === "pull_request";
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root",
    // The job's temp folder, removed with the test's: pacer's default profile folder goes there.
    TMPDIR: runnerTemp,
    CI: "true", GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: fixture.repository.full_name, GITHUB_RUN_ID: o.runId, GITHUB_JOB: "benchmarks",
    GITHUB_ACTOR: "octocat", GITHUB_EVENT_NAME: o.event, GITHUB_EVENT_PATH: eventPath, GITHUB_SHA: o.sha,
    GITHUB_REF: pr ? "refs/pull/2/merge" : "refs/heads/main", GITHUB_REF_NAME: pr ? "2/merge" : "main",
    ...(pr ? { GITHUB_HEAD_REF: "changes", GITHUB_BASE_REF: "main" } : {}),
    ...o.extraEnv,
  };
  return { workspace: o.repo.dir, actionPath: o.release.actionPath, cacheDir: o.cacheDir, runnerTemp, env, event };
}
