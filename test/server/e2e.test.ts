/**
 * End to end with the compiled binary, per backend: `dist/pacer serve` on a loopback port, a project
 * token from `serve token create`, a tinybench suite in a git repo on two commits (the second makes
 * `fib` slower), each uploaded by `dist/pacer run` under GitHub Actions variables (a push on main,
 * then a pull request), then the server's compare, `pacer compare --server --check`, and the run
 * report the uploader polls.
 *
 * Simulation mode when valgrind is installed (deterministic counts); else walltime, where the
 * slowdown (fib 12 → fib 22, ~100×) dwarfs any noise of a loaded machine.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchRepo, SLOWED, STEADY, type BenchRepo } from "../helpers/bench-repo.ts";
import { pullRequestEnv, pushEnv } from "../helpers/github-env.ts";
import { runPacer } from "../helpers/pacer.ts";
import { apiJson, backendMissing, BACKENDS, createToken, serverStorage, startServe, waitRunsDone, type Serve, type ServerStorage } from "../helpers/results-server.ts";

const MODE = Bun.which("valgrind") ? "simulation" : "walltime";
const PROJECT = "acme/bench";

describe.each(BACKENDS)("pacer serve end to end (%s)", (backend) => {
  const missing = backendMissing(backend);
  let st: ServerStorage;
  let serve: Serve;
  let token: string;
  let repo: BenchRepo;
  let profiles: string;
  const results: Record<string, { code: number | null; out: string }> = {};

  beforeAll(async () => {
    if (missing) return;
    profiles = mkdtempSync(join(tmpdir(), "pacer-e2e-profiles-"));
    st = await serverStorage(backend);
    token = await createToken(st, PROJECT);
    serve = await startServe(st);
    repo = benchRepo();
    const run = async (name: string, sha: string, pr: boolean, runId: string) => {
      const r = await runPacer(
        ["run", "--mode", MODE, "--profile-folder", join(profiles, name), "--upload-url", serve.uploadUrl, "--api-url", serve.apiUrl, "--token", token, "--", "node", "bench.mjs"],
        { binary: true, cwd: repo.dir, env: { ...(pr ? pullRequestEnv(repo, sha, runId) : pushEnv(repo, sha, runId)), PACER_HISTORY: "0" }, timeoutMs: 280_000 },
      );
      results[name] = { code: r.code, out: r.stdout + r.stderr };
    };
    const base = repo.commit(12, "suite");
    await run("push", base, false, "1001");
    repo.checkout("changes", true);
    const head = repo.commit(22, "fib is slower");
    await run("pr", head, true, "1002");
    // The same results uploaded from a developer machine (no CI variables, no base ref): the uploader
    // polls the run report (FetchLocalRunReport) and prints it, compared with the default branch.
    const local = await runPacer(["upload", "--profile-folder", join(profiles, "pr"), "--upload-url", serve.uploadUrl, "--api-url", serve.apiUrl, "--token", token], {
      binary: true,
      cwd: repo.dir,
      env: { PACER_HISTORY: "0" },
      timeoutMs: 280_000,
    });
    results.local = { code: local.code, out: local.stdout + local.stderr };
  }, 600_000);

  afterAll(async () => {
    if (missing) return;
    await serve?.stop();
    await st?.remove();
    repo?.remove();
    if (profiles) rmSync(profiles, { recursive: true, force: true });
  });

  test.skipIf(!!missing)(`the three uploads are accepted and processed${missing ? ` (skipped: ${missing})` : ""}`, async () => {
    expect(results.push?.code, results.push?.out).toBe(0);
    expect(results.pr?.code, results.pr?.out).toBe(0);
    expect(results.local?.code, results.local?.out).toBe(0);
    const runs = await waitRunsDone(serve, PROJECT, 3, token);
    expect(runs.map((r) => [r.branch, r.status]).sort()).toEqual([["changes", "COMPLETED"], ["changes", "COMPLETED"], ["main", "COMPLETED"]]);
    expect(results.push!.out + results.pr!.out + results.local!.out).not.toContain(token);
    expect(serve.logs()).not.toContain(token);
  }, 180_000);

  test.skipIf(!!missing)("the run report the uploader polls shows the impact against the default branch", () => {
    // pacer prints the processed report (src/upload/show-report.ts) after a local upload. CodSpeed's
    // impact is positive when faster: fib 12 → 22 is a large negative one.
    const impact = /Impact: (-?\d+)%/.exec(results.local!.out);
    expect(impact, results.local!.out).not.toBeNull();
    expect(Number(impact![1])).toBeLessThan(-100);
    expect(results.local!.out).toContain(`${SLOWED}: `);
  });

  test.skipIf(!!missing)("the API's compare picks main's run as the base and names the slowed benchmark", async () => {
    const runs = await waitRunsDone(serve, PROJECT, 3, token);
    // Newest first: the pull request's run is the older of the two on "changes".
    const pr = runs.filter((r) => r.branch === "changes").at(-1)!;
    const main = runs.find((r) => r.branch === "main")!;
    const c = await apiJson<{ base: { run: { id: string } | null; reason: string }; verdict: string; rows: Array<{ name: string; verdict: string }>; regressions: Array<{ name: string }> }>(
      `${serve.url}/api/v1/projects/${PROJECT}/runs/${pr.id}/compare`,
      token,
    );
    expect(c.status).toBe(200);
    expect(c.body.base.run?.id).toBe(main.id);
    expect(c.body.base.reason).toContain("main");
    expect(c.body.verdict).toBe("fail");
    const slowed = c.body.regressions.map((r) => r.name);
    expect(slowed).toContain(SLOWED);
    expect(slowed).not.toContain(STEADY);
  }, 60_000);

  test.skipIf(!!missing)("pacer compare --server --check fails naming the slowed benchmark", async () => {
    const r = await runPacer(["compare", "--server", serve.url, "--token", token, "--check"], {
      binary: true,
      cwd: repo.dir,
      env: { PACER_HISTORY: "0" },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain("regressed beyond the threshold");
    expect(r.stderr).toContain(`${SLOWED} (`);
    expect(r.stderr).not.toContain(`${STEADY} (`);
    expect(r.stdout + r.stderr).not.toContain(token);
  }, 60_000);

  test.skipIf(!!missing)("pacer runs --server lists the three runs", async () => {
    const r = await runPacer(["runs", "--server", serve.url, "--json"], { binary: true, cwd: repo.dir, env: { PACER_SERVER_TOKEN: token } });
    expect(r.code, r.stderr).toBe(0);
    const runs = (JSON.parse(r.stdout) as { runs: Array<{ branch: string }> }).runs;
    expect(runs.map((x) => x.branch).sort()).toEqual(["changes", "changes", "main"]);
  }, 60_000);
});
