/** Builds profile folders and CI environments for the upload end-to-end tests. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stderr } from "../../src/log/console-out.ts";

const made: string[] = [];

export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanupTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A walltime-like profile folder: results JSON, a log, a 3 MiB binary file and a symlink. */
export function makeProfileFolder(opts: { logText?: string } = {}): string {
  const dir = tempDir("pacer-profile-");
  mkdirSync(join(dir, "results"));
  // One benchmark in the integrations' results format: `pacer upload` re-reads the folder through the
  // walltime instrument first and refuses a folder without results.
  const stats = { min_ns: 900, max_ns: 2000, mean_ns: 1100, stdev_ns: 50, q1_ns: 1000, median_ns: 1050, q3_ns: 1100, rounds: 100, total_time: 0.00011, iter_per_round: 1 };
  const results = { creator: { name: "pacer", version: "0.1.0", pid: 4242 }, instrument: { type: "walltime" }, benchmarks: [{ name: "fib", uri: "b.ts::fib", stats }] };
  writeFileSync(join(dir, "results", "4242.json"), JSON.stringify(results));
  writeFileSync(join(dir, "runner.log"), opts.logText ?? "benchmark output\n");
  const bin = Buffer.alloc(3 * 2 ** 20);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 2654435761) >>> 24;
  writeFileSync(join(dir, "perf.pipedata"), bin);
  symlinkSync("results/4242.json", join(dir, "latest.json"));
  return dir;
}

export const EVENTS = join(import.meta.dir, "../fixtures/github-events");
export const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

/** GitHub Actions variables of a job, isolated from the real machine (config dir, retry timing). */
export function githubEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = tempDir("pacer-home-");
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    PACER_HTTP_RETRY_BASE_MS: "1",
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: "Codertocat/Hello-World",
    GITHUB_EVENT_NAME: "push",
    GITHUB_EVENT_PATH: join(EVENTS, "push.json"),
    GITHUB_REF: "refs/heads/master",
    GITHUB_RUN_ID: "7044765741",
    GITHUB_JOB: "codspeed",
    GITHUB_SHA: SHA,
    GITHUB_WORKSPACE: home,
    GITHUB_ACTOR: "Codertocat",
    GITHUB_ACTOR_ID: "21031067",
    ...extra,
  };
}

/** Captures what the logger prints while `fn` runs. */
export async function captureStderr<T>(fn: () => Promise<T>): Promise<{ result?: T; error?: unknown; output: string }> {
  const original = stderr.write;
  let output = "";
  stderr.write = (chunk) => {
    output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  };
  try {
    return { result: await fn(), output };
  } catch (error) {
    return { error, output };
  } finally {
    stderr.write = original;
  }
}
