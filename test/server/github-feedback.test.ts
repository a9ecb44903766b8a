/**
 * Pull-request feedback end to end: the compiled `dist/pacer serve` configured for GitHub, real
 * runs uploaded by `dist/pacer run` / `pacer upload` under GitHub Actions variables (a push on main,
 * then two pushes to pull request #2), and a STAND-IN FOR GITHUB'S REST API on a loopback port
 * (test/server/_github-stand-in.ts; GitHub itself cannot be reached here) recording every request.
 *
 * Shows: one check run per push with the right conclusion and a link to the run page, one comment
 * created then edited (never a second one), a GitHub 500 retried, then after a restart as a GitHub
 * App: the JWT verified by the stand-in, the installation token used, and a comment someone deleted
 * (404) created again exactly once.
 *
 * Walltime mode: the slowdown of the first pull-request push (fib 12 → fib 22, ~100×) dwarfs noise.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchRepo, type BenchRepo } from "../helpers/bench-repo.ts";
import { pullRequestEnv, pushEnv } from "../helpers/github-env.ts";
import { runPacer } from "../helpers/pacer.ts";
import { backendMissing, BACKENDS, createToken, serverStorage, startServe, type Serve, type ServerStorage } from "../helpers/results-server.ts";
import { startGitHubStandIn, type StandIn } from "./_github-stand-in.ts";

const GH_TOKEN = "ghp_standInToken0123456789abcdefABCDEF";
const APP_ID = "4242";
const INSTALLATION_TOKEN = "ghs_standInInstallation0123456789abcdef";

async function until<T>(what: string, fn: () => T | undefined, logs: () => string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; server log:\n${logs()}`);
    await Bun.sleep(100);
  }
}

describe.each(BACKENDS)("pull-request feedback to GitHub (%s)", (backend) => {
  const missing = backendMissing(backend);
  let gh: StandIn;
  let st: ServerStorage;
  let serve: Serve;
  let token: string;
  let repo: BenchRepo;
  let profiles: string;
  const shas: Record<string, string> = {};
  const outs: Record<string, { code: number | null; out: string }> = {};
  const env = (url: string) => ({ PACER_SERVE_GITHUB_TOKEN: GH_TOKEN, PACER_SERVE_GITHUB_API_URL: url, PACER_SERVE_JOB_RETRY_BASE_MS: "200" });

  const run = async (name: string, sha: string, pr: boolean, runId: string) => {
    const r = await runPacer(
      ["run", "--mode", "walltime", "--profile-folder", join(profiles, name), "--upload-url", serve.uploadUrl, "--api-url", serve.apiUrl, "--token", token, "--", "node", "bench.mjs"],
      { binary: true, cwd: repo.dir, env: { ...(pr ? pullRequestEnv(repo, sha, runId) : pushEnv(repo, sha, runId)), PACER_HISTORY: "0" }, timeoutMs: 280_000 },
    );
    outs[name] = { code: r.code, out: r.stdout + r.stderr };
  };
  const checkRunsOf = (sha: string) => gh.checkRuns.filter((c) => c.head_sha === sha);

  beforeAll(async () => {
    if (missing) return;
    gh = startGitHubStandIn({ token: GH_TOKEN });
    profiles = mkdtempSync(join(tmpdir(), "pacer-ghfb-profiles-"));
    st = await serverStorage(backend);
    token = await createToken(st, "acme/bench");
    serve = await startServe(st, { env: env(gh.url) });
    repo = benchRepo();
    shas.base = repo.commit(12, "suite");
    await run("push", shas.base, false, "3001");
    await until("the push's check run", () => checkRunsOf(shas.base!)[0], serve.logs);
    repo.checkout("changes", true);
    shas.slow = repo.commit(22, "fib is slower");
    // GitHub has a bad moment on this push's check run: the job is retried with backoff.
    gh.failNext("POST", /\/check-runs$/, 500, 1);
    await run("pr1", shas.slow, true, "3002");
    await until("the first PR push's check run", () => checkRunsOf(shas.slow!)[0], serve.logs);
    shas.fixed = repo.commit(12, "fib is fast again");
    await run("pr2", shas.fixed, true, "3003");
    await until("the second PR push's check run", () => checkRunsOf(shas.fixed!)[0], serve.logs);
  }, 600_000);

  afterAll(async () => {
    if (missing) return;
    await serve?.stop();
    await gh?.stop();
    await st?.remove();
    repo?.remove();
    if (profiles) rmSync(profiles, { recursive: true, force: true });
  });

  test.skipIf(!!missing)(`the runs are uploaded and each push gets exactly one check run with its verdict${missing ? ` (skipped: ${missing})` : ""}`, async () => {
    for (const o of Object.values(outs)) expect(o.code, o.out).toBe(0);
    await Bun.sleep(1500); // a duplicate, if any, would arrive now
    expect(gh.checkRuns.map((c) => [c.head_sha, c.name, c.status])).toEqual([
      [shas.base, "pacer (walltime)", "completed"],
      [shas.slow, "pacer (walltime)", "completed"],
      [shas.fixed, "pacer (walltime)", "completed"],
    ]);
    // No base for the first push; the ~100× slowdown fails. The third push's microsecond timings
    // on a loaded 2-core machine may pass or not: only that it has a verdict is asserted.
    expect(gh.checkRuns.slice(0, 2).map((c) => c.conclusion)).toEqual(["neutral", "failure"]);
    expect(["success", "failure"]).toContain(String(checkRunsOf(shas.fixed!)[0]!.conclusion));
    const slow = checkRunsOf(shas.slow!)[0]!;
    expect(String(slow.details_url)).toMatch(new RegExp(`^${serve.url}/acme/bench/runs/[0-9a-z]+$`));
    const output = slow.output as { title: string; summary: string };
    expect(output.title).toContain("against main");
    expect(output.summary).toContain("| ❌ | fib |");
    expect(output.summary).toContain(String(slow.details_url));
  });

  test.skipIf(!!missing)("a GitHub 500 is logged with its status and message and retried", () => {
    const posts = gh.requests.filter((r) => r.method === "POST" && r.path === "/repos/acme/bench/check-runs");
    expect(posts.map((r) => r.status)).toEqual([201, 500, 201, 201]);
    expect(serve.logs()).toMatch(/Pull-request feedback for run "[0-9a-z]+" failed \(attempt 1\): GitHub answered 500 to POST \/repos\/acme\/bench\/check-runs: Stand-in: injected server error/);
  });

  test.skipIf(!!missing)("pull request #2 has one comment: created on the first push, edited on the second", () => {
    const calls = gh.requests.filter((r) => r.path.includes("/issues/")).map((r) => `${r.method} ${r.path} ${r.status}`);
    const [only] = [...gh.comments.values()];
    expect(gh.comments.size).toBe(1);
    expect(calls).toEqual([
      "GET /repos/acme/bench/issues/2/comments?per_page=100&page=1 200", // nothing stored yet: look for the marker
      "POST /repos/acme/bench/issues/2/comments 201",
      // The retry after the 500 edits the comment it made, it does not add one.
      `PATCH /repos/acme/bench/issues/comments/${only!.id} 200`,
      `PATCH /repos/acme/bench/issues/comments/${only!.id} 200`,
    ]);
    expect(only!.body.startsWith("<!-- pacer:walltime -->\n## pacer: walltime run")).toBe(true);
    // The edit holds the second push's summary, compared with main.
    expect(only!.body).toContain(`changes\\@${shas.fixed!.slice(0, 7)}`);
    expect(only!.body).toMatch(/against \S+ \\\(main\\@/);
    for (const r of gh.requests) expect(r.authorization).toBe(`Bearer ${GH_TOKEN}`);
  });

  test.skipIf(!!missing)("the token is never logged; the startup line says how the server talks to GitHub", () => {
    expect(serve.logs()).not.toContain(GH_TOKEN);
    expect(serve.logs()).toContain(`pull-request feedback to ${gh.url} as a token (***)`);
  });

  test.skipIf(!!missing)("as a GitHub App after a restart: JWT verified, installation token used, a deleted comment created again once", async () => {
    await serve.stop();
    await gh.stop();
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyFile = join(profiles, "app.pem");
    writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    const previous = [...gh.comments.values()];
    gh = startGitHubStandIn({ app: { id: APP_ID, publicKey, installationToken: INSTALLATION_TOKEN, installationId: 77 } });
    // The new stand-in starts empty: the comment pacer stored the id of was deleted on GitHub.
    serve = await startServe(st, {
      env: { PACER_SERVE_GITHUB_APP_ID: APP_ID, PACER_SERVE_GITHUB_APP_PRIVATE_KEY_FILE: keyFile, PACER_SERVE_GITHUB_API_URL: gh.url, PACER_SERVE_JOB_RETRY_BASE_MS: "200" },
    });
    const up = await runPacer(["upload", "--profile-folder", join(profiles, "pr2"), "--upload-url", serve.uploadUrl, "--api-url", serve.apiUrl, "--token", token], {
      binary: true, cwd: repo.dir, env: { ...pullRequestEnv(repo, shas.fixed!, "3004"), PACER_HISTORY: "0" }, timeoutMs: 120_000,
    });
    expect(up.code, up.stdout + up.stderr).toBe(0);
    await until("the app's check run", () => gh.checkRuns[0], serve.logs);
    await Bun.sleep(1000);
    expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /repos/acme/bench/installation 200",
      "POST /app/installations/77/access_tokens 201",
      `PATCH /repos/acme/bench/issues/comments/${previous[0]!.id} 404`,
      "POST /repos/acme/bench/issues/2/comments 201",
      "POST /repos/acme/bench/check-runs 201",
    ]);
    expect(gh.requests.slice(0, 2).every((r) => r.authorization.split(".").length === 3)).toBe(true);
    for (const r of gh.requests.slice(2)) expect(r.authorization).toBe(`Bearer ${INSTALLATION_TOKEN}`);
    expect(gh.comments.size).toBe(1);
    expect(gh.checkRuns.map((c) => c.head_sha)).toEqual([shas.fixed]);
    expect(serve.logs()).toContain(`pull-request feedback to ${gh.url} as GitHub App ${APP_ID}`);
    expect(serve.logs()).not.toContain(INSTALLATION_TOKEN);
  }, 180_000);
});
