/**
 * The results server against each backend (SQLite; PostgreSQL with PACER_TEST_POSTGRES_URL):
 * pacer's real uploader (`uploadProfile`, the code `pacer upload` runs) over loopback HTTP, real
 * archives, the real job queue and workers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { uploadProfile } from "../../src/upload/index.ts";
import { hashToken, newToken } from "../../src/server/auth/tokens.ts";
import { captureStderr, cleanupTempDirs, EVENTS, githubEnv, tempDir } from "../upload/_profile.ts";
import { BACKENDS } from "./_backends.ts";
import { cleanupProfiles, eventually, removeDataDir, simulationProfile, startServer, type TestServer } from "./_server.ts";

const MAIN_SHA = "1111111111111111111111111111111111111111";
const PR_SHA = "2222222222222222222222222222222222222222";

function pushEnv(token: string, extra: Record<string, string> = {}) {
  return githubEnv({ CODSPEED_TOKEN: token, GITHUB_SHA: MAIN_SHA, GITHUB_RUN_ID: "100", ...extra });
}
function prEnv(token: string, extra: Record<string, string> = {}) {
  return githubEnv({
    CODSPEED_TOKEN: token, GITHUB_SHA: PR_SHA, GITHUB_RUN_ID: "200", GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: join(EVENTS, "pull-request.json"), GITHUB_REF: "refs/pull/2/merge", GITHUB_HEAD_REF: "changes", GITHUB_BASE_REF: "master", ...extra,
  });
}

describe.each(BACKENDS)("pacer serve on $name", (backend) => {
  let db: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let token: string;
  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
  const upload = (folder: string, env: NodeJS.ProcessEnv, poll = false) =>
    captureStderr(() => uploadProfile({ profileFolder: folder, executor: "valgrind", allowEmpty: false, cwd: tempDir("pacer-cwd-"), env, poll, uploadUrl: `${server.url}/upload`, apiUrl: `${server.url}/graphql` }));
  const runOf = async (id: string) => (await (await api(`/api/v1/projects/Codertocat/Hello-World/runs/${id}`, { headers: { authorization: token } })).json()) as { status: string; error: string | null; parts: number; record: { measurements: Array<{ benchmarks: Array<{ name: string }> }> } };
  const processed = (id: string) => eventually(async () => {
    const r = await runOf(id);
    return r.status === "COMPLETED" || r.status === "FAILURE" ? r : undefined;
  });

  beforeAll(async () => {
    db = await backend.fresh();
    server = await startServer(db.url);
    const project = await server.storage.createProject({ owner: "Codertocat", repo: "Hello-World", defaultBranch: "master", public: false, allowTokenless: false });
    token = newToken();
    await server.storage.addToken({ projectId: project.id, kind: "upload", hash: hashToken(token), label: null });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server);
    await db.drop();
  });
  afterEach(() => {
    cleanupProfiles();
    cleanupTempDirs();
  });

  test("a push on the default branch, then a slower pull request: processed, compared with the push, the slowed benchmark named", async () => {
    const main = await upload(simulationProfile({ fib: 0.001, sort: 0.002 }), pushEnv(token));
    expect(main.error).toBeUndefined();
    expect((await processed(main.result!.runId)).status).toBe("COMPLETED");

    const pr = await upload(simulationProfile({ fib: 0.001, sort: 0.004 }), prEnv(token), true);
    expect(pr.error).toBeUndefined();
    // The report the uploader polled and printed shows the impact of the slowed benchmark (-100%).
    expect(pr.output).toContain("Impact: -100%");

    const res = await api(`/api/v1/projects/Codertocat/Hello-World/runs/${pr.result!.runId}/compare`, { headers: { authorization: token } });
    expect(res.status).toBe(200);
    const c = (await res.json()) as { verdict: string; base: { run: { id: string }; strategy: string; reason: string }; regressions: Array<{ name: string; change: number }> };
    expect(c.base.run.id).toBe(main.result!.runId);
    expect(c.base.strategy).toBe("nearest-earlier");
    expect(c.base.reason).toContain(`base branch "master"`);
    expect(c.verdict).toBe("fail");
    expect(c.regressions.map((r) => r.name)).toEqual(["sort"]);
    expect(c.regressions[0]!.change).toBeCloseTo(1, 5);

    const runs = (await (await api(`/api/v1/projects/Codertocat/Hello-World/runs?branch=changes`, { headers: { authorization: token } })).json()) as { runs: Array<{ id: string; baseBranch: string }> };
    expect(runs.runs.map((r) => r.id)).toEqual([pr.result!.runId]);
    expect(runs.runs[0]!.baseBranch).toBe("master");

    const hist = (await (await api(`/api/v1/projects/Codertocat/Hello-World/benchmarks/${encodeURIComponent("bench/app.bench.ts::sort")}/history`, { headers: { authorization: token } })).json()) as { points: Array<{ headline: { value: number } }> };
    expect(hist.points.map((p) => p.headline.value)).toEqual([0.002, 0.004]);
  });

  test("zstd and uncompressed archives are processed; the uploaded config's thresholds decide the verdict", async () => {
    const base = await upload(simulationProfile({ fib: 0.001 }), pushEnv(token, { GITHUB_RUN_ID: "500", GITHUB_SHA: "e".repeat(40), PACER_ARCHIVE_ENCODING: "zstd" }));
    expect((await processed(base.result!.runId)).status).toBe("COMPLETED");
    // +50 %, allowed by the repository config carried in the profile folder.
    const head = await upload(simulationProfile({ fib: 0.0015 }, { config: "thresholds:\n  default: 60%\n" }), pushEnv(token, { GITHUB_RUN_ID: "501", GITHUB_SHA: "f".repeat(40), PACER_ARCHIVE_ENCODING: "none" }));
    expect((await processed(head.result!.runId)).status).toBe("COMPLETED");
    const c = (await (await api(`/api/v1/projects/Codertocat/Hello-World/runs/${head.result!.runId}/compare?base=${base.result!.runId}`, { headers: { authorization: token } })).json()) as { verdict: string; thresholds: { source: string; default: number } };
    expect(c).toMatchObject({ verdict: "pass", thresholds: { source: "upload", default: 0.6 } });
  });

  test("a local run (no CI, no remote) lands in its token's project and the report is polled", async () => {
    const env = { PATH: process.env.PATH, HOME: tempDir("pacer-home-"), CODSPEED_TOKEN: token, PACER_HTTP_RETRY_BASE_MS: "1" };
    const local = await upload(simulationProfile({ fib: 0.001 }), env, true);
    expect(local.error).toBeUndefined();
    expect(local.output).toContain("Linked repository: Codertocat/Hello-World");
    expect(local.output).toMatch(/fib: /);
  });

  test("?base= compares with the named run; an unknown one is 404", async () => {
    const a = await upload(simulationProfile({ fib: 0.001 }), pushEnv(token, { GITHUB_RUN_ID: "300" }));
    const b = await upload(simulationProfile({ fib: 0.001 }), pushEnv(token, { GITHUB_RUN_ID: "301", GITHUB_SHA: "3".repeat(40) }));
    await processed(a.result!.runId);
    await processed(b.result!.runId);
    const c = (await (await api(`/api/v1/projects/Codertocat/Hello-World/runs/${b.result!.runId}/compare?base=${a.result!.runId}`, { headers: { authorization: token } })).json()) as { verdict: string; base: { strategy: string } };
    expect(c).toMatchObject({ verdict: "pass", base: { strategy: "explicit" } });
    expect((await api(`/api/v1/projects/Codertocat/Hello-World/runs/${b.result!.runId}/compare?base=nope`, { headers: { authorization: token } })).status).toBe(404);
  });

  test("the parts of a sharded matrix job merge into one run", async () => {
    const matrix = (i: number) => ({ GITHUB_RUN_ID: "400", GITHUB_SHA: "4".repeat(40), GH_MATRIX: `{"shard":${i}}`, GH_STRATEGY: `{"job-index":${i},"job-total":2}` });
    const p0 = await upload(simulationProfile({ a: 0.001 }), pushEnv(token, matrix(0)));
    const p1 = await upload(simulationProfile({ b: 0.002 }), pushEnv(token, matrix(1)));
    expect(p1.result!.runId).toBe(p0.result!.runId);
    const run = await processed(p0.result!.runId);
    expect(run.parts).toBe(2);
    expect(run.record.measurements[0]!.benchmarks.map((b) => b.name).sort()).toEqual(["a", "b"]);
  });

  test("a retried POST after a lost reply finds the same run: no duplicate", async () => {
    const folder = simulationProfile({ fib: 0.001 });
    const body = JSON.stringify({
      repositoryProvider: "GITHUB", version: 8, tokenless: false, profileMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", profileEncoding: null,
      runner: { name: "pacer", version: "0.1.0", instruments: [], executor: "valgrind" }, runEnvironment: "GITHUB_ACTIONS", runPart: null,
      commitHash: "5".repeat(40), allowEmpty: false, ref: "refs/heads/master", headRef: null, baseRef: null, owner: "Codertocat", repository: "Hello-World",
      event: "push", sender: null, ghData: null, glData: null, repositoryRootPath: folder,
    });
    const post = () => api("/upload", { method: "POST", body, headers: { authorization: token, "content-type": "application/json" } }).then((r) => r.json() as Promise<{ runId: string; uploadUrl: string }>);
    const first = await post();
    const second = await post();
    expect(second.runId).toBe(first.runId);
    // The first URL is void once the retry got a new one; the new one takes the (empty) archive.
    expect((await fetch(first.uploadUrl, { method: "PUT", body: "" })).status).toBe(403);
    expect((await fetch(second.uploadUrl, { method: "PUT", body: "" , headers: { "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==" } })).status).toBe(200);
    // A retried PUT of an archive already stored is accepted and changes nothing.
    expect((await fetch(second.uploadUrl, { method: "PUT", body: "" })).status).toBe(200);
    const runs = (await (await api(`/api/v1/projects/Codertocat/Hello-World/runs?commit=${"5".repeat(40)}`, { headers: { authorization: token } })).json()) as { runs: unknown[] };
    expect(runs.runs).toHaveLength(1);
  });

  test("ten identical POSTs at once (a retry racing its first attempt) make one run", async () => {
    const body = JSON.stringify({ version: 8, profileMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", runner: { executor: "walltime" }, commitHash: "0".repeat(39) + "1", ref: "refs/heads/master", owner: "Codertocat", repository: "Hello-World", event: "push" });
    const replies = await Promise.all(Array.from({ length: 10 }, () => api("/upload", { method: "POST", body, headers: { authorization: token } })));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    const ids = new Set(await Promise.all(replies.map(async (r) => ((await r.json()) as { runId: string }).runId)));
    expect(ids.size).toBe(1);
  });

  test("an archive whose MD5 differs from the metadata is refused and not kept", async () => {
    const body = JSON.stringify({
      version: 8, tokenless: false, profileMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", profileEncoding: null, runner: { executor: "walltime" },
      runPart: null, commitHash: "6".repeat(40), ref: "refs/heads/master", headRef: null, baseRef: null, owner: "Codertocat", repository: "Hello-World", event: "push",
    });
    const slot = (await (await api("/upload", { method: "POST", body, headers: { authorization: token } })).json()) as { uploadUrl: string; runId: string };
    const put = await fetch(slot.uploadUrl, { method: "PUT", body: "not the announced bytes" });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { error: string }).error).toContain("MD5 mismatch");
    expect((await runOf(slot.runId)).status).toBe("PENDING");
  });

  test("a profile that cannot be processed fails the run, and the run says why", async () => {
    const bytes = new TextEncoder().encode("this is not a tar archive at all, just bytes".repeat(20));
    const md5 = new Bun.CryptoHasher("md5").update(bytes).digest("base64");
    const body = JSON.stringify({
      version: 8, profileMd5: md5, profileEncoding: "gzip", runner: { executor: "valgrind" }, runPart: null,
      commitHash: "7".repeat(40), ref: "refs/heads/master", owner: "Codertocat", repository: "Hello-World", event: "push",
    });
    const slot = (await (await api("/upload", { method: "POST", body, headers: { authorization: token } })).json()) as { uploadUrl: string; runId: string };
    expect((await fetch(slot.uploadUrl, { method: "PUT", body: bytes })).status).toBe(200);
    const run = await eventually(async () => {
      const r = await runOf(slot.runId);
      return r.status === "FAILURE" ? r : undefined;
    }, 60_000);
    expect(run.error).toMatch(/header|gzip|incorrect|invalid/i);
    const failed = (await (await api(`/api/v1/projects/Codertocat/Hello-World/runs?status=FAILURE&limit=1`, { headers: { authorization: token } })).json()) as { runs: Array<{ id: string }> };
    expect(failed.runs.map((r) => r.id)).toEqual([slot.runId]);
  }, 90_000);

  test("refused: no token, a wrong token, another project's token; reads of a private project need a token", async () => {
    const other = await server.storage.createProject({ owner: "someone", repo: "else", defaultBranch: "main", public: true, allowTokenless: false });
    const otherToken = newToken();
    await server.storage.addToken({ projectId: other.id, kind: "upload", hash: hashToken(otherToken), label: null });
    const body = JSON.stringify({ version: 8, profileMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", runner: { executor: "walltime" }, commitHash: "8".repeat(40), owner: "Codertocat", repository: "Hello-World", event: "push" });
    const post = (auth?: string) => api("/upload", { method: "POST", body, headers: auth ? { authorization: auth } : {} });
    expect((await post()).status).toBe(401);
    const wrong = await post("pacer_wrong");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("pacer_wrong");
    expect((await post(otherToken)).status).toBe(403);
    expect((await api("/api/v1/projects/Codertocat/Hello-World/runs")).status).toBe(401);
    expect((await api("/api/v1/projects/Codertocat/Hello-World/runs", { headers: { authorization: otherToken } })).status).toBe(403);
    expect((await api("/api/v1/projects/someone/else/runs")).status).toBe(200);
    const listed = (await (await api("/api/v1/projects")).json()) as { projects: Array<{ repo: string }> };
    expect(listed.projects.map((p) => p.repo)).toEqual(["else"]);
    // No token reached the log.
    expect(server.logs.join("")).not.toContain(token);
  });

  test("projects are created over HTTP with an admin token only", async () => {
    const admin = newToken();
    await server.storage.addToken({ projectId: null, kind: "admin", hash: hashToken(admin), label: "ops" });
    const create = (auth: string) => api("/api/v1/projects", { method: "POST", headers: { authorization: auth }, body: JSON.stringify({ owner: "acme", repo: "new-app", public: true }) });
    expect((await create(token)).status).toBe(403);
    const res = await create(admin);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ owner: "acme", repo: "new-app", defaultBranch: "main", public: true, allowTokenless: false });
    const bad = await api("/api/v1/projects", { method: "POST", headers: { authorization: admin }, body: JSON.stringify({ owner: "a b", repo: "x" }) });
    expect(bad.status).toBe(400);
  });

  test("the database going away answers 503 (the uploader retries 5xx)", async () => {
    const db2 = await backend.fresh();
    const s = await startServer(db2.url, { workers: 0 });
    try {
      await s.storage.close();
      const res = await fetch(`${s.url}/api/v1/health`);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
    } finally {
      await s.stop().catch(() => {});
      removeDataDir(s);
      await db2.drop();
    }
  });
});
