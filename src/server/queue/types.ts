/**
 * The durable job queue: jobs live in the database, so they survive a restart and any number of
 * server processes share them. A claim is one atomic statement and holds a lease; a worker that
 * dies loses its lease and another takes the job over.
 *
 * @module
 */

export type JobKind = "process-part" | "pr-feedback";

export interface Job {
  id: string;
  /** `process-part`: a part's archive; `pr-feedback`: a finished run's check run and comment. */
  kind: JobKind;
  /** The run part to process, or `{projectId}/{runId}` for feedback. */
  subject: string;
  attempts: number;
}

export interface JobQueue {
  /** Takes the oldest due job for `worker`, holding it for `leaseMs`; undefined when none is due. */
  claim(worker: string, leaseMs: number): Promise<Job | undefined>;
  /** Extends the lease of a job still being worked on. */
  renew(jobId: string, worker: string, leaseMs: number): Promise<void>;
  complete(jobId: string, worker: string): Promise<void>;
  /** Records why the attempt failed; retried after `retryInMs`, or failed for good when undefined. */
  fail(jobId: string, worker: string, error: string, retryInMs: number | undefined): Promise<void>;
  /** Queues a job due now; a second one for the same kind and subject is not added. */
  enqueue(kind: JobKind, subject: string): Promise<void>;
  /** Jobs not finished yet (queued or held), for health and tests. */
  pending(): Promise<number>;
}

/** Attempts before a job fails for good, and the backoff between them. */
export const MAX_ATTEMPTS = 5;
export function retryDelay(attempt: number, baseMs = 1000): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 5 * 60_000);
}
