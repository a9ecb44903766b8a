/**
 * The dashboard's HTML from an in-process server over real uploads (pacer's uploader, the
 * server's processing): hostile branch and benchmark names come out escaped, unknown things are
 * 404 pages, private projects need the token (header, cookie, or `?token=` once, never echoed).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { uploadProfile } from "../../src/upload/index.ts";
import { hashToken, newToken } from "../../src/server/auth/tokens.ts";
import { captureStderr, cleanupTempDirs, EVENTS, githubEnv, tempDir } from "../upload/_profile.ts";
import { BACKENDS } from "./_backends.ts";
import { cleanupProfiles, eventually, removeDataDir, simulationProfile, startServer, type TestServer } from "./_server.ts";

const HOSTILE_BENCH = `<img src=x onerror="alert(1)">`;
const HOSTILE_BRANCH = `</code><script>alert("b")</script>`;
const sqlite = BACKENDS.find((b) => b.name === "sqlite")!;

describe("dashboard pages", () => {
  let db: { url: string; drop(): Promise<void> };
  let server: TestServer;
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { authorization: token, ...headers }, redirect: "manual" });
  const upload = (folder: string, env: NodeJS.ProcessEnv) =>
    captureStderr(() => uploadProfile({ profileFolder: folder, executor: "valgrind", allowEmpty: false, cwd: tempDir("pacer-cwd-"), env, poll: false, uploadUrl: `${server.url}/upload`, apiUrl: `${server.url}/graphql` }));
  let prRun = "";

  beforeAll(async () => {
    db = await sqlite.fresh();
    server = await startServer(db.url);
    const project = await server.storage.createProject({ owner: "Codertocat", repo: "Hello-World", defaultBranch: "master", public: false, allowTokenless: false });
    token = newToken();
    await server.storage.addToken({ projectId: project.id, kind: "upload", hash: hashToken(token), label: null });
    await upload(simulationProfile({ [HOSTILE_BENCH]: 0.001 }), githubEnv({ CODSPEED_TOKEN: token, GITHUB_SHA: "1".repeat(40), GITHUB_RUN_ID: "100" }));
    // The branch comes from the event payload: a copy whose head ref is hostile.
    const event = join(tempDir("pacer-event-"), "pull-request.json");
    writeFileSync(event, readFileSync(join(EVENTS, "pull-request.json"), "utf8").replaceAll('"ref": "changes"', `"ref": ${JSON.stringify(HOSTILE_BRANCH)}`));
    await upload(
      simulationProfile({ [HOSTILE_BENCH]: 0.003 }),
      githubEnv({
        CODSPEED_TOKEN: token, GITHUB_SHA: "2".repeat(40), GITHUB_RUN_ID: "200", GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: event, GITHUB_REF: "refs/pull/2/merge", GITHUB_HEAD_REF: HOSTILE_BRANCH, GITHUB_BASE_REF: "master",
      }),
    );
    prRun = await eventually(async () => {
      const runs = (await server.storage.listRuns(project.id, {})).filter((r) => r.status === "COMPLETED");
      return runs.length === 2 ? runs.find((r) => r.branch !== "master")?.id : undefined;
    });
  });
  afterAll(async () => {
    await server.stop();
    removeDataDir(server);
    await db.drop();
    cleanupProfiles();
    cleanupTempDirs();
  });

  const noRawHostile = (html: string) => {
    expect(html).not.toContain(HOSTILE_BENCH);
    expect(html).not.toContain(HOSTILE_BRANCH);
    expect(html).not.toContain("<script>alert");
    expect(html.match(/<script>/g)?.length).toBe(1); // the page's own script only
  };

  test("the project page escapes a hostile branch name and lists its regression", async () => {
    const r = await get("/Codertocat/Hello-World");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await r.text();
    noRawHostile(html);
    expect(html).toContain("&lt;/code&gt;&lt;script&gt;alert(&quot;b&quot;)&lt;/script&gt;");
    expect(html).toMatch(/<ul class="regressions"><li><a href="\/Codertocat\/Hello-World\/runs\//);
  });

  test("the run page escapes a hostile benchmark name, in text and in its link", async () => {
    const html = await (await get(`/Codertocat/Hello-World/runs/${prRun}`)).text();
    noRawHostile(html);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain(`href="/Codertocat/Hello-World/benchmarks/${encodeURIComponent(`bench/app.bench.ts::${HOSTILE_BENCH}`)}"`);
    expect(html).toMatch(/<tr class="regression">/);
  });

  test("the benchmark page of a hostile uri renders, escaped, with one linked point per run", async () => {
    const r = await get(`/Codertocat/Hello-World/benchmarks/${encodeURIComponent(`bench/app.bench.ts::${HOSTILE_BENCH}`)}`);
    expect(r.status).toBe(200);
    const html = await r.text();
    noRawHostile(html);
    expect(html.match(/<a class="point" href="\/Codertocat\/Hello-World\/runs\//g)?.length).toBe(2);
  });

  test("unknown project, run, benchmark and compare runs are 404 pages", async () => {
    for (const path of ["/nobody/nothing", "/Codertocat/Hello-World/runs/nope", "/Codertocat/Hello-World/benchmarks/nope", `/Codertocat/Hello-World/compare?base=nope&head=${prRun}`]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get("content-type")).toContain("text/html");
      expect(await r.text()).toContain("<h1>Not found</h1>");
    }
    expect((await get("/Codertocat/Hello-World/compare")).status).toBe(400);
  });

  test("a private project: 401 without a token; ?token= becomes an HttpOnly cookie and leaves the address", async () => {
    const anon = await fetch(`${server.url}/Codertocat/Hello-World`);
    expect(anon.status).toBe(401);
    expect(await anon.text()).not.toContain(token);
    const swap = await fetch(`${server.url}/Codertocat/Hello-World?token=${token}`, { redirect: "manual" });
    expect(swap.status).toBe(303);
    expect(swap.headers.get("location")).toBe("/Codertocat/Hello-World");
    const cookie = swap.headers.get("set-cookie")!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    const page = await fetch(`${server.url}/Codertocat/Hello-World`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(token);
    expect((await fetch(`${server.url}/Codertocat/Hello-World`, { headers: { cookie: "pacer_token=wrong" } })).status).toBe(401);
  });

  test("the root lists only readable projects; the API and upload paths still answer as before", async () => {
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain("Hello-World");
    expect(await (await get("/")).text()).toContain(`href="/Codertocat/Hello-World"`);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/upload`, { method: "POST", body: "{}" })).status).not.toBe(404);
    expect((await get("/api/v1/projects/Codertocat/Hello-World/runs")).headers.get("content-type")).toContain("json");
  });
});
