/**
 * Scale-out: the server keeps no state that matters in process, so several instances over one
 * database share the work.
 *
 * 1. Queue level, per backend: two storages opened separately (two connection pools, as two processes
 *    have) on one database, 40 queued parts, 8 workers from both claiming at once: every job is
 *    claimed exactly once (the claim is one atomic statement: FOR UPDATE SKIP LOCKED on PostgreSQL).
 * 2. Process level: two `dist/pacer serve` on one PostgreSQL and one S3 bucket (s3rver stand-in),
 *    a burst of uploads split between them: every run is processed, each part by exactly one job.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStorage } from "../../src/server/storage/open.ts";
import type { Storage } from "../../src/server/storage/types.ts";
import { benchRepo, type BenchRepo } from "../helpers/bench-repo.ts";
import { pushEnv } from "../helpers/github-env.ts";
import { hasBinary, runPacer } from "../helpers/pacer.ts";
import { postgresMissing, startPostgres, type Postgres } from "../helpers/postgres.ts";
import { apiJson, BACKENDS, createToken, serverStorage, startServe, waitRunsDone, type Serve, type ServerStorage } from "../helpers/results-server.ts";
import { s3Client, s3Missing, startS3, type S3Stand } from "../helpers/s3-server.ts";

const PARTS = 40;

describe.each(BACKENDS)("job queue shared by two storages (%s)", (backend) => {
  const missing = backend === "postgres" ? postgresMissing() : null;
  let pg: Postgres | undefined;
  let dir: string;
  let a: Storage;
  let b: Storage;

  beforeAll(async () => {
    if (missing) return;
    dir = mkdtempSync(join(tmpdir(), "pacer-queue-"));
    pg = backend === "postgres" ? await startPostgres() : undefined;
    const url = pg ? pg.url : `sqlite://${join(dir, "pacer.db")}`;
    a = await openStorage(url);
    await a.migrate();
    b = await openStorage(url);
    const project = await a.createProject({ owner: "acme", repo: "bench", defaultBranch: "main", public: false, allowTokenless: false });
    for (let i = 0; i < PARTS; i++) {
      const out = await a.ingest({
        projectId: project.id, metadataHash: `h${i}`, metadata: "{}", branch: "main", baseBranch: null, commit: `c${i}`, mode: "walltime",
        event: "push", machineKey: "m", machine: "{}", ciRunId: `ci${i}`, partKey: "p", profileMd5: "x", encoding: "gzip", secretHash: `s${i}`,
      });
      await a.archiveReceived(out.partId, 1);
    }
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pg?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.skipIf(!!missing)(`every job is claimed exactly once by 8 concurrent workers${missing ? ` (skipped: ${missing})` : ""}`, async () => {
    const claimed: string[] = [];
    const worker = async (s: Storage, name: string) => {
      for (;;) {
        const job = await s.queue.claim(name, 60_000);
        if (!job) return;
        claimed.push(job.subject);
        await s.queue.complete(job.id, name);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => worker(i % 2 ? b : a, `w${i}`)));
    expect(claimed.length).toBe(PARTS);
    expect(new Set(claimed).size).toBe(PARTS);
    expect(await a.queue.pending()).toBe(0);
  }, 120_000);
});

const procMissing = !hasBinary() ? "dist/pacer is missing: run `npm run build` first" : (postgresMissing() ?? s3Missing());

describe.skipIf(!!procMissing)(`two pacer serve processes on one PostgreSQL and one bucket${procMissing ? ` (skipped: ${procMissing})` : ""}`, () => {
  const BURST = 12;
  let s3: S3Stand;
  let st: ServerStorage;
  let servers: Serve[] = [];
  let nodeDirs: string[] = [];
  let token: string;
  let profile: string;
  let repo: BenchRepo;
  let sha: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), "pacer-scale-profile-"));
    s3 = await startS3();
    st = await serverStorage("postgres", { s3 });
    token = await createToken(st, "acme/bench");
    repo = benchRepo();
    sha = repo.commit(12, "suite");
    // Each process has its own data dir: nothing is shared but the database and the bucket.
    nodeDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "pacer-scale-node-")));
    servers = await Promise.all(nodeDirs.map((dataDir) => startServe(st, { dataDir, env: { PACER_SERVE_WORKERS: "2" } })));
    const made = await runPacer(["exec", "--disable-perf", "--max-rounds", "3", "--warmup-time", "0", "--profile-folder", profile, "--skip-upload", "--", "true"], { binary: true });
    expect(made.code, made.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of nodeDirs) rmSync(d, { recursive: true, force: true });
    await st?.remove();
    await s3?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    repo?.remove();
  });

  test("a burst of uploads split between them: every run processed, each part once", async () => {
    const uploads = Array.from({ length: BURST }, (_, i) =>
      runPacer(["run", "--skip-run", "--mode", "walltime", "--profile-folder", profile, "--upload-url", servers[i % 2]!.uploadUrl, "--api-url", servers[i % 2]!.apiUrl, "--token", token], {
        binary: true,
        cwd: repo.dir,
        // A distinct CI run id per upload: separate runs, not retries of one.
        env: { PACER_HISTORY: "0", ...pushEnv(repo, sha, `${3000 + i}`) },
      }),
    );
    const done = await Promise.all(uploads);
    for (const r of done) expect(r.code, r.stderr).toBe(0);
    const runs = await waitRunsDone(servers[0]!, "acme/bench", BURST, token);
    expect(runs.length).toBe(BURST);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    // Both processes answer the same state.
    const other = await apiJson<{ runs: unknown[] }>(`${servers[1]!.url}/api/v1/projects/acme/bench/runs?limit=500`, token);
    expect(other.body.runs.length).toBe(BURST);
    // Count rows: one job per part, each done after exactly one attempt.
    const sql = new Bun.SQL(st.pg!.url);
    const jobs = await sql`SELECT state, attempts FROM jobs`;
    const parts = await sql`SELECT count(*)::int AS n FROM part_results`;
    await sql.close();
    expect(jobs.length).toBe(BURST);
    expect(jobs.every((j: { state: string; attempts: number }) => j.state === "done" && Number(j.attempts) === 1)).toBe(true);
    expect(parts[0].n).toBe(BURST);
    // The archives are in the one bucket, none left at a temporary key.
    const keys = ((await s3Client(s3).list({ prefix: "archives/" })).contents ?? []).map((c) => c.key);
    expect(keys.filter((k) => !k.startsWith("archives/tmp/")).length).toBe(BURST);
    expect(keys.filter((k) => k.startsWith("archives/tmp/"))).toEqual([]);
  }, 300_000);
});
