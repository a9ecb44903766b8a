/**
 * Processing workers: claim a job, unpack the part's archive, read it through `readProfile`, store
 * the results. A failure is retried with backoff; a profile that cannot be read fails at once and
 * the run says why. Workers of several processes share the queue in the database.
 *
 * @module
 */
import { hostname } from "node:os";
import type { BlobStore } from "../blobs/types.ts";
import { GitHubError } from "../github/api.ts";
import { feedbackSubject, type Feedback } from "../github/feedback.ts";
import type { ServerLog } from "../http/log.ts";
import { executorOfMode } from "../model.ts";
import { MAX_ATTEMPTS, retryDelay, type Job } from "../queue/types.ts";
import { newId } from "../storage/ids.ts";
import type { Storage } from "../storage/types.ts";
import { withExtracted } from "./extract-archive.ts";
import { readProfile, UnreadableProfile } from "./read-profile.ts";

export interface WorkerDeps {
  storage: Storage;
  blobs: BlobStore;
  log: ServerLog;
  leaseMs: number;
  maxBytes: number;
  /** Idle wait between empty claims. */
  pollMs?: number;
  retryBaseMs?: number;
  /** Pull-request feedback, when the server is configured for GitHub. */
  feedback?: Feedback;
}

class Permanent extends Error {}

/** zlib and zstd decoding errors (`Z_DATA_ERROR`…, "incorrect header check"), tar-stream's format errors. */
function isCorruptArchive(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return /^Z_|^ERR_ZLIB|ZSTD/.test(String(e?.code ?? "")) || /invalid tar header|unexpected end of data|incorrect header check|unknown frame descriptor|zstd/i.test(String(e?.message ?? ""));
}

async function processJob(d: WorkerDeps, job: Job): Promise<void> {
  const part = await d.storage.getPart(job.subject);
  if (!part) throw new Permanent(`Run part "${job.subject}" does not exist`);
  const run = await d.storage.getRun(part.projectId, part.runId);
  if (!run) throw new Permanent(`Run "${part.runId}" does not exist`);
  const body = await d.blobs.get(part.blobKey);
  const profile = await withExtracted(body, part.encoding, d.maxBytes * 4, (folder) => readProfile(folder, executorOfMode(run.mode))).catch((err: unknown) => {
    // A corrupt archive stays corrupt: no retry. Anything else (the store, the disk) may pass.
    if (isCorruptArchive(err)) throw new UnreadableProfile(`The archive cannot be unpacked: ${(err as Error).message}`);
    throw err;
  });
  await d.storage.savePartResults(part.id, { ...profile, mode: profile.mode || run.mode });
  await queueFeedback(d, part.projectId, part.runId);
}

/**
 * Once every part of the run is done, its feedback becomes a job of its own (retried, surviving a
 * restart). Queued before this part's job completes: a crash in between reprocesses the part and
 * queues it then; the queue keeps one job per run.
 */
async function queueFeedback(d: WorkerDeps, projectId: string, runId: string): Promise<void> {
  if (!d.feedback) return;
  const run = await d.storage.getRun(projectId, runId);
  if (run && (run.status === "COMPLETED" || run.status === "FAILURE") && (await d.feedback.wanted(runId))) {
    await d.storage.queue.enqueue("pr-feedback", feedbackSubject(projectId, runId));
  }
}

async function feedbackJob(d: WorkerDeps, worker: string, job: Job): Promise<void> {
  try {
    if (!d.feedback) throw new Permanent("GitHub feedback is not configured on this server");
    await d.feedback.send(job.subject);
    await d.storage.queue.complete(job.id, worker);
  } catch (err) {
    // GitHub down or refusing: logged with its status and message, retried; the run is not touched.
    const reason = err instanceof Error ? err.message : String(err);
    const final = err instanceof Permanent || (err instanceof GitHubError && !err.retryable) || job.attempts >= MAX_ATTEMPTS;
    d.log.warn(`Pull-request feedback for run "${job.subject.split("/")[1]}" failed (attempt ${job.attempts}${final ? ", final" : ""}): ${reason}`);
    await d.storage.queue.fail(job.id, worker, reason, final ? undefined : retryDelay(job.attempts, d.retryBaseMs)).catch(() => {});
  }
}

async function runOne(d: WorkerDeps, worker: string, job: Job): Promise<void> {
  const renew = setInterval(() => d.storage.queue.renew(job.id, worker, d.leaseMs).catch(() => {}), Math.max(50, d.leaseMs / 3));
  if (job.kind === "pr-feedback") {
    await feedbackJob(d, worker, job).finally(() => clearInterval(renew));
    return;
  }
  try {
    if (job.attempts > MAX_ATTEMPTS) throw new Permanent(`Gave up after ${MAX_ATTEMPTS} attempts`);
    await processJob(d, job);
    await d.storage.queue.complete(job.id, worker);
    d.log.info(`Processed run part "${job.subject}" (attempt ${job.attempts})`);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const final = err instanceof Permanent || err instanceof UnreadableProfile || job.attempts >= MAX_ATTEMPTS;
    d.log.warn(`Processing run part "${job.subject}" failed (attempt ${job.attempts}${final ? ", final" : ""}): ${reason}`);
    try {
      if (final) {
        await d.storage.partFailed(job.subject, reason);
        const part = await d.storage.getPart(job.subject);
        if (part) await queueFeedback(d, part.projectId, part.runId);
      }
      await d.storage.queue.fail(job.id, worker, reason, final ? undefined : retryDelay(job.attempts, d.retryBaseMs));
    } catch (inner) {
      // The database is gone too: the lease runs out and another attempt picks the job up.
      d.log.warn(`Cannot record the failure of job "${job.id}": ${inner instanceof Error ? inner.message : String(inner)}`);
    }
  } finally {
    clearInterval(renew);
  }
}

export interface Workers {
  stop(): Promise<void>;
  /** Resolves when a claim found nothing to do (tests). */
  idle(): Promise<void>;
}

export function startWorkers(d: WorkerDeps, count: number): Workers {
  let stopping = false;
  let wake: (() => void) | undefined;
  const idleWaiters: Array<() => void> = [];
  const loop = async (n: number) => {
    const worker = `${hostname()}:${process.pid}:${n}:${newId().slice(-6)}`;
    let failures = 0;
    while (!stopping) {
      let job: Job | undefined;
      try {
        job = await d.storage.queue.claim(worker, d.leaseMs);
        if (failures) d.log.info(`Claiming jobs again after ${failures} failed attempt${failures > 1 ? "s" : ""}`);
        failures = 0;
      } catch (err) {
        // One line per outage, and a growing pause: a database that is down is not hammered.
        if (failures++ === 0) d.log.warn(`Cannot claim a job: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (job) {
        await runOne(d, worker, job);
        continue;
      }
      for (const w of idleWaiters.splice(0)) w();
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, failures ? Math.min(5000, (d.pollMs ?? 200) * 2 ** failures) : (d.pollMs ?? 200));
        wake = () => (clearTimeout(t), ok());
      });
    }
  };
  const loops = Array.from({ length: count }, (_, i) => loop(i));
  return {
    async stop() {
      stopping = true;
      wake?.();
      await Promise.all(loops);
    },
    idle: () => new Promise<void>((ok) => idleWaiters.push(ok)),
  };
}
