/**
 * Pull-request feedback faults, with the server in process (`createServer`) over embedded SQLite and
 * a STAND-IN FOR GITHUB'S REST API on a loopback port (test/server/_github-stand-in.ts): a run that
 * cannot be processed still gets its failing check run, a 4xx GitHub will keep refusing is not
 * retried, and without GitHub configured nothing is queued.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { hashToken, newToken } from "../../src/server/auth/tokens.ts";
import { removeDataDir, startServer, type TestServer } from "../server/_server.ts";
import { startGitHubStandIn, type StandIn } from "../server/_github-stand-in.ts";

const GH_TOKEN = "ghp_reliability0123456789";
let server: TestServer | undefined;
let gh: StandIn | undefined;

afterEach(async () => {
  await server?.stop();
  if (server) removeDataDir(server);
  await gh?.stop();
  server = gh = undefined;
});

/** Uploads a "gzip" archive that is not gzip for pull request #5: its part fails for good. */
async function uploadCorrupt(s: TestServer): Promise<string> {
  const project = await s.storage.createProject({ owner: "acme", repo: "bench", defaultBranch: "main", public: false, allowTokenless: false });
  const token = newToken();
  await s.storage.addToken({ projectId: project.id, kind: "upload", hash: hashToken(token), label: null });
  const archive = Buffer.from("this is not a gzip stream");
  const profileMd5 = createHash("md5").update(archive).digest("base64");
  const metadata = {
    version: 8, tokenless: false, profileMd5, profileEncoding: "gzip", runner: { name: "pacer", version: "0.1.0", executor: "walltime" },
    commitHash: "c".repeat(40), ref: "refs/pull/5/merge", headRef: "feat", baseRef: "main", owner: "acme", repository: "bench", event: "pull_request",
    ghData: { runId: "777", job: "bench" },
  };
  const res = await fetch(`${s.url}/upload`, { method: "POST", headers: { authorization: token }, body: JSON.stringify(metadata) });
  const { uploadUrl, runId } = (await res.json()) as { uploadUrl: string; runId: string };
  const put = await fetch(uploadUrl, { method: "PUT", body: archive });
  expect(put.status).toBe(200);
  return runId;
}

async function until<T>(fn: () => T | undefined, logs: () => string): Promise<T> {
  const end = Date.now() + 30_000;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out; log:\n${logs()}`);
    await Bun.sleep(50);
  }
}

describe("pull-request feedback faults", () => {
  test("a run whose archive cannot be unpacked gets a failing check run saying why", async () => {
    gh = startGitHubStandIn({ token: GH_TOKEN });
    server = await startServer("", { github: { apiUrl: gh.url, token: GH_TOKEN }, jobRetryBaseMs: 50 });
    const runId = await uploadCorrupt(server);
    const check = await until(() => gh!.checkRuns[0], () => server!.logs.join(""));
    expect(check).toMatchObject({ head_sha: "c".repeat(40), conclusion: "failure", external_id: runId, output: { title: "The run could not be processed" } });
    expect(String((check.output as { summary: string }).summary)).toContain("The archive cannot be unpacked");
    expect([...gh.comments.values()].map((c) => c.issue)).toEqual([5]);
  });

  test("GitHub's 422 is logged once with its message and not retried", async () => {
    gh = startGitHubStandIn({ token: GH_TOKEN });
    gh.failNext("POST", /\/check-runs$/, 422, 10);
    server = await startServer("", { github: { apiUrl: gh.url, token: GH_TOKEN }, jobRetryBaseMs: 50 });
    await uploadCorrupt(server);
    await until(() => (server!.logs.some((l) => l.includes("Pull-request feedback")) ? true : undefined), () => server!.logs.join(""));
    await Bun.sleep(500); // a retry, if any, would be due by now
    expect(gh.requests.filter((r) => r.path.endsWith("/check-runs")).map((r) => r.status)).toEqual([422]);
    expect(server.logs.join("")).toMatch(/failed \(attempt 1, final\): GitHub answered 422 to POST \/repos\/acme\/bench\/check-runs: Stand-in: injected server error/);
    expect(server.logs.join("")).not.toContain(GH_TOKEN);
  });

  test("without GitHub configured no feedback job is queued", async () => {
    server = await startServer("");
    await uploadCorrupt(server);
    await until(() => (server!.logs.some((l) => l.includes("final")) ? true : undefined), () => server!.logs.join(""));
    await server.workers?.idle();
    expect(await server.storage.queue.pending()).toBe(0);
    expect(server.logs.join("")).not.toContain("Pull-request feedback");
    expect(server.logs.join("")).toContain("no pull-request feedback");
  });
});
