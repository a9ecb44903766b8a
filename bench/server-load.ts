/**
 * Load on `pacer serve`: N concurrent uploads of a ~M MB profile archive (default 50 × 20 MB),
 * against the embedded SQLite and against a private PostgreSQL. Each upload speaks the protocol with
 * pacer's own client code (metadata POST, then archive PUT, src/upload/*), as a distinct GitHub
 * Actions run; then every run must be processed and carry the benchmark results of the archive.
 * Prints ingest throughput, p50/p99 latency of one upload (POST + PUT) and the server's peak RSS
 * (VmHWM), which stays far below N × M when archives stream.
 *
 *   bun bench/server-load.ts                      # after `npm run build`
 *   PACER_LOAD_UPLOADS=10 PACER_LOAD_MB=5 PACER_LOAD_BACKENDS=sqlite bun bench/server-load.ts
 *   PACER_LOAD_PROFILE=<a profile folder> …   # skip the `pacer exec` that makes one
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environmentFrom } from "../src/run-environment/detect.ts";
import { readGitFacts } from "../src/run-environment/git-facts.ts";
import { systemInfo } from "../src/system/info.ts";
import { createProfileArchive } from "../src/upload/archive.ts";
import { buildUploadMetadata } from "../src/upload/metadata.ts";
import { putArchive } from "../src/upload/put-archive.ts";
import { requestUploadSlot } from "../src/upload/request-slot.ts";
import { RUNNER_IDENTITY } from "../src/upload/upload-profile.ts";
import { benchRepo } from "../test/helpers/bench-repo.ts";
import { pushEnv } from "../test/helpers/github-env.ts";
import { BINARY } from "../test/helpers/pacer.ts";
import { postgresMissing } from "../test/helpers/postgres.ts";
import { apiJson, createToken, serverStorage, startServe, waitRunsDone, type Backend } from "../test/helpers/results-server.ts";

const UPLOADS = Number(process.env.PACER_LOAD_UPLOADS ?? 50);
const MB = Number(process.env.PACER_LOAD_MB ?? 20);
const BACKENDS = (process.env.PACER_LOAD_BACKENDS ?? "sqlite,postgres").split(",") as Backend[];
if (!existsSync(BINARY)) throw new Error('Missing "dist/pacer": run `npm run build` first');

const size = (bytes: number) => (bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

function vmHwmMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/**
 * A real walltime profile folder (`pacer exec`, or a copy of `PACER_LOAD_PROFILE` made beforehand)
 * plus M MB of incompressible padding.
 */
async function makeArchive(dir: string) {
  const profile = join(dir, "profile");
  if (process.env.PACER_LOAD_PROFILE) {
    cpSync(process.env.PACER_LOAD_PROFILE, profile, { recursive: true });
    writeFileSync(join(profile, "padding.bin"), randomBytes(MB * 2 ** 20));
    return createProfileArchive(profile, { encoding: "gzip", dir });
  }
  const r = Bun.spawnSync([BINARY, "exec", "--disable-perf", "--max-rounds", "3", "--warmup-time", "0", "--skip-upload", "--profile-folder", profile, "--", "true"], { stdout: "ignore", stderr: "pipe", env: { ...process.env, PACER_HISTORY: "0" } });
  if (r.exitCode !== 0) throw new Error(`pacer exec failed: ${r.stderr}`);
  writeFileSync(join(profile, "padding.bin"), randomBytes(MB * 2 ** 20));
  return createProfileArchive(profile, { encoding: "gzip", dir });
}

async function load(backend: Backend): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "pacer-load-"));
  const repo = benchRepo();
  const sha = repo.commit(12, "suite");
  const st = await serverStorage(backend);
  try {
    const token = await createToken(st, "acme/bench");
    const serve = await startServe(st, { env: { PACER_SERVE_WORKERS: "2" } });
    const archive = await makeArchive(work);
    const git = await readGitFacts(repo.dir);
    const retry = { retries: 3, stallMs: 60_000, baseDelayMs: 500 };
    const hints = { auth: "check the token", retry: "retry" };
    const latencies: number[] = [];
    const uploadOne = async (i: number) => {
      const env = { ...process.env, ...pushEnv(repo, sha, `${90000 + i}`) };
      const re = environmentFrom(env, git, repo.dir);
      const metadata = buildUploadMetadata({ environment: re, runPart: re.runPart, tokenless: false, archive, executor: "walltime", system: systemInfo(), allowEmpty: false, runner: RUNNER_IDENTITY });
      const start = performance.now();
      const slot = await requestUploadSlot(serve.uploadUrl, JSON.stringify(metadata), token, retry, hints);
      await putArchive(slot.uploadUrl, archive, retry, hints.retry);
      return performance.now() - start;
    };
    // One upload on an idle server first: the latency the burst is measured against.
    const aloneMs = await uploadOne(-1);
    await waitRunsDone(serve, "acme/bench", 1, token);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: UPLOADS }, async (_, i) => latencies.push(await uploadOne(i))));
    const ingestS = (performance.now() - t0) / 1000;
    const runs = (await waitRunsDone(serve, "acme/bench", UPLOADS + 1, token, 30 * 60_000)).filter((r) => r.commit === sha);
    const processedS = (performance.now() - t0) / 1000;
    let verified = 0;
    for (const run of runs) {
      const d = await apiJson<{ record: { measurements: Array<{ benchmarks: unknown[] }> } }>(`${serve.url}/api/v1/projects/acme/bench/runs/${run.id}`, token);
      const ms = d.body.record?.measurements ?? [];
      if (run.status === "COMPLETED" && ms.some((m) => m.benchmarks.length > 0)) verified++;
    }
    const hwm = vmHwmMb(serve.proc.pid);
    await serve.stop();
    const totalMb = (UPLOADS * archive.size) / 2 ** 20;
    console.log(`${backend}: ${UPLOADS} concurrent uploads × ${size(archive.size)} archive`);
    console.log(`  ingest: ${ingestS.toFixed(1)} s, ${(totalMb / ingestS).toFixed(1)} MB/s, ${(UPLOADS / ingestS).toFixed(2)} uploads/s`);
    console.log(`  one upload alone on an idle server: ${(aloneMs / 1000).toFixed(2)} s`);
    console.log(`  upload latency (POST + PUT) in the burst: p50 ${(pct(latencies, 50) / 1000).toFixed(2)} s, p99 ${(pct(latencies, 99) / 1000).toFixed(2)} s`);
    console.log(`  all processed after ${processedS.toFixed(1)} s (${(UPLOADS / processedS).toFixed(2)} runs/s); verified ${verified}/${UPLOADS + 1}`);
    console.log(`  server peak RSS (VmHWM): ${hwm.toFixed(0)} MB (the archives total ${size(UPLOADS * archive.size)})`);
    if (verified !== UPLOADS + 1) throw new Error(`${UPLOADS - verified} run(s) not processed with results`);
  } finally {
    await st.remove();
    repo.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const b of BACKENDS) {
  const why = b === "postgres" ? postgresMissing() : null;
  if (why) {
    console.log(`${b}: skipped (${why})`);
    continue;
  }
  await load(b);
}
