/**
 * The durable job queue on each backend: concurrent claims never take one job twice, jobs survive
 * a server restart, a worker that dies mid-job loses its lease and the job completes elsewhere.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { hashToken, newToken } from "../../src/server/auth/tokens.ts";
import { openStorage } from "../../src/server/storage/open.ts";
import { uploadProfile } from "../../src/upload/index.ts";
import { captureStderr, cleanupTempDirs, githubEnv, tempDir } from "../upload/_profile.ts";
import { BACKENDS } from "./_backends.ts";
import { cleanupProfiles, eventually, removeDataDir, simulationProfile, startServer } from "./_server.ts";

describe.each(BACKENDS)("job queue on $name", (backend) => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await backend.fresh();
  });
  afterAll(async () => {
    await db.drop();
  });
  afterEach(() => {
    cleanupProfiles();
    cleanupTempDirs();
  });

  test("200 jobs claimed by 8 concurrent claimers over 2 connections: each exactly once", async () => {
    const a = await openStorage(db.url);
    const b = await openStorage(db.url);
    try {
      await a.migrate();
      await b.migrate();
      const p = await a.createProject({ owner: "q", repo: "claims", defaultBranch: "main", public: false, allowTokenless: false });
      for (let i = 0; i < 200; i++) {
        const out = await a.ingest({ projectId: p.id, metadataHash: `h${i}`, metadata: "{}", branch: "main", baseBranch: null, commit: `c${i}`, mode: "walltime", event: "push", machineKey: "m", machine: "{}", ciRunId: null, partKey: `k${i}`, profileMd5: "x", encoding: null, secretHash: "s" });
        await a.archiveReceived(out.partId, 0);
      }
      const seen: string[] = [];
      const claimer = async (s: typeof a, name: string) => {
        for (;;) {
          const job = await s.queue.claim(name, 60_000);
          if (!job) return;
          seen.push(job.subject);
          await s.queue.complete(job.id, name);
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, i) => claimer(i % 2 ? a : b, `w${i}`)));
      expect(seen.length).toBe(200);
      expect(new Set(seen).size).toBe(200);
      expect(await a.queue.pending()).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  test("a job that keeps failing is retried with backoff, then fails for good and the run says why", async () => {
    const dataDir = tempDir("pacer-serve-retry-");
    const first = await startServer(db.url, { workers: 0 }, dataDir);
    const project = await first.storage.createProject({ owner: "r", repo: "retry", defaultBranch: "main", public: true, allowTokenless: false });
    const token = newToken();
    await first.storage.addToken({ projectId: project.id, kind: "upload", hash: hashToken(token), label: null });
    const env = githubEnv({ CODSPEED_TOKEN: token, GITHUB_REPOSITORY: "r/retry", GITHUB_SHA: "d".repeat(40) });
    const up = await captureStderr(() => uploadProfile({ profileFolder: simulationProfile({ fib: 0.001 }), executor: "valgrind", allowEmpty: false, cwd: tempDir("pacer-cwd-"), env, poll: false, uploadUrl: `${first.url}/upload`, apiUrl: `${first.url}/graphql` }));
    expect(up.error).toBeUndefined();
    await first.stop();
    // The archive disappears from the store (a lost disk, a bucket lifecycle rule): every attempt fails.
    rmSync(join(dataDir, "blobs"), { recursive: true, force: true });
    const second = await startServer(db.url, { workers: 1, jobRetryBaseMs: 20 }, dataDir);
    try {
      const run = await eventually(async () => {
        const r = (await (await fetch(`${second.url}/api/v1/projects/r/retry/runs/${up.result!.runId}`)).json()) as { status: string; error: string };
        return r.status === "FAILURE" ? r : undefined;
      });
      expect(run.error).toMatch(/ENOENT|no such file/i);
      const log = second.logs.join("");
      for (const n of [1, 2, 3, 4]) expect(log).toContain(`(attempt ${n}):`);
      expect(log).toContain("(attempt 5, final)");
    } finally {
      await second.stop();
      removeDataDir(second);
    }
  }, 60_000);

  test("an archive stored by a server without workers is processed after a restart; a dead worker's job is taken over", async () => {
    const dataDir = tempDir("pacer-serve-restart-");
    // First process: ingests only (as if it was killed before processing).
    const first = await startServer(db.url, { workers: 0 }, dataDir);
    const project = await first.storage.createProject({ owner: "r", repo: "restart", defaultBranch: "main", public: true, allowTokenless: false });
    const token = newToken();
    await first.storage.addToken({ projectId: project.id, kind: "upload", hash: hashToken(token), label: null });
    const env = githubEnv({ CODSPEED_TOKEN: token, GITHUB_REPOSITORY: "r/restart", GITHUB_SHA: "c".repeat(40) });
    const up = await captureStderr(() => uploadProfile({ profileFolder: simulationProfile({ fib: 0.001 }), executor: "valgrind", allowEmpty: false, cwd: tempDir("pacer-cwd-"), env, poll: false, uploadUrl: `${first.url}/upload`, apiUrl: `${first.url}/graphql` }));
    expect(up.error).toBeUndefined();
    // A worker claims the job and dies holding it (its lease is short).
    const dead = await first.storage.queue.claim("dead-worker", 300);
    expect(dead).toBeDefined();
    await first.stop();

    const second = await startServer(db.url, { workers: 1, jobLeaseMs: 2000 }, dataDir);
    try {
      const run = await eventually(async () => {
        const r = (await (await fetch(`${second.url}/api/v1/projects/r/restart/runs/${up.result!.runId}`)).json()) as { status: string };
        return r.status === "COMPLETED" ? r : undefined;
      });
      expect(run.status).toBe("COMPLETED");
      expect(second.logs.join("")).toContain("attempt 2");
    } finally {
      await second.stop();
      removeDataDir(second);
    }
  }, 60_000);
});
