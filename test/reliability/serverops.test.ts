// Reliability cases of the results-server client (`compare --server`, `runs --server`), reproduced
// for real from source (see docs/reliability/serverops.md). Server-side faults: test/server/faults.test.ts.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPacer } from "../helpers/pacer.ts";
import { freePort } from "../helpers/postgres.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-serverops-rel-"));
// A git repository on a branch (compare --server's head is this branch's latest run), no remote.
Bun.spawnSync(["git", "init", "-q", "-b", "feature", dir]);
const cfgDir = mkdtempSync(join(tmpdir(), "pacer-serverops-cfg-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cfgDir, { recursive: true, force: true });
});
const FAST = { PACER_HTTP_RETRY_BASE_MS: "10" };

test("an unreachable server: exit 1 naming it, after retries, no stack, the token and URL password masked", async () => {
  const port = freePort();
  const r = await runPacer(["compare", "--server", `http://ops:pw-secret-77@127.0.0.1:${port}`, "--project", "acme/bench", "--token", "tok-secret-12345", "--check"], { cwd: dir, env: FAST });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Cannot reach the results server "http://ops:`);
  expect(r.stderr).toContain("connection refused");
  expect(r.stderr).toContain("hint: Check --server / PACER_SERVER_URL");
  expect(r.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  expect(r.stdout + r.stderr).not.toContain("tok-secret-12345");
  expect(r.stdout + r.stderr).not.toContain("pw-secret-77");
}, 60_000);

// A loopback HTTP server that is not a pacer server (it answers 404 to everything).
test("a server that answers 404 (not a pacer server, or the wrong project) is an error naming the project", async () => {
  const srv = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => Response.json({ error: "Project not found" }, { status: 404 }) });
  try {
    const r = await runPacer(["runs", "--server", `http://127.0.0.1:${srv.port}`, "--project", "acme/nope"], { cwd: dir, env: FAST });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The results server has no run list at "http://127.0.0.1:${srv.port}/api/v1/projects/acme/nope/runs?limit=20": Project not found`);
    expect(r.stderr).toContain(`hint: Check the project name ("acme/nope"; --project)`);
  } finally {
    srv.stop(true);
  }
}, 60_000);

test("a server.token in pacer.yml is refused before any request, without echoing it", async () => {
  writeFileSync(join(cfgDir, "pacer.yml"), "server:\n  url: http://127.0.0.1:9\n  token: pst_committed-secret-999\n");
  const r = await runPacer(["runs"], { cwd: cfgDir, env: FAST });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("server.token: a token does not belong in the config file");
  expect(r.stderr).not.toContain("committed-secret-999");
  expect(r.stderr).not.toContain("Cannot reach");
}, 60_000);

test("no project can be told (no --project, no origin remote): a usage error with the next step", async () => {
  const r = await runPacer(["runs", "--server", "http://127.0.0.1:9"], { cwd: dir, env: { ...FAST, GITHUB_REPOSITORY: "", PACER_SERVER_PROJECT: "" } });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("Cannot tell which project to read from the results server");
  expect(r.stderr).toContain("hint: Pass --project OWNER/REPO or set PACER_SERVER_PROJECT");
}, 60_000);
