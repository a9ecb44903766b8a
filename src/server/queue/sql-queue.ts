/**
 * The job queue in the server's database. Every statement but the claim is the same in both
 * dialects; the claim is passed in (sqlite-claim.ts, postgres-claim.ts).
 *
 * @module
 */
import type { SQL } from "bun";
import { newId } from "../storage/ids.ts";
import type { Job, JobKind, JobQueue } from "./types.ts";

type Row = Record<string, unknown>;

/** One atomic statement that marks the oldest due job as held by `worker` until `until` and returns it. */
export type ClaimStatement = (db: SQL, worker: string, now: number, until: number) => Promise<Row[]>;

export class SqlQueue implements JobQueue {
  constructor(
    private readonly db: SQL,
    private readonly claimStatement: ClaimStatement,
    private readonly guard: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  claim(worker: string, leaseMs: number): Promise<Job | undefined> {
    return this.guard(async () => {
      const now = Date.now();
      const [row] = await this.claimStatement(this.db, worker, now, now + leaseMs);
      if (!row) return undefined;
      return { id: String(row.id), kind: row.kind === "pr-feedback" ? "pr-feedback" : "process-part", subject: String(row.subject), attempts: Number(row.attempts) };
    });
  }

  renew(jobId: string, worker: string, leaseMs: number): Promise<void> {
    return this.guard(async () => {
      await this.db`UPDATE jobs SET locked_until = ${Date.now() + leaseMs} WHERE id = ${jobId} AND locked_by = ${worker} AND state = 'running'`;
    });
  }

  complete(jobId: string, worker: string): Promise<void> {
    return this.guard(async () => {
      await this.db`UPDATE jobs SET state = 'done', locked_by = NULL, locked_until = NULL, updated_at = ${Date.now()} WHERE id = ${jobId} AND locked_by = ${worker}`;
    });
  }

  fail(jobId: string, worker: string, error: string, retryInMs: number | undefined): Promise<void> {
    return this.guard(async () => {
      const now = Date.now();
      const state = retryInMs === undefined ? "failed" : "queued";
      await this.db`UPDATE jobs SET state = ${state}, last_error = ${error}, run_after = ${now + (retryInMs ?? 0)},
        locked_by = NULL, locked_until = NULL, updated_at = ${now} WHERE id = ${jobId} AND locked_by = ${worker}`;
    });
  }

  enqueue(kind: JobKind, subject: string): Promise<void> {
    return this.guard(async () => {
      const now = Date.now();
      await this.db`INSERT INTO jobs (id, kind, subject, state, attempts, run_after, created_at, updated_at)
        VALUES (${newId()}, ${kind}, ${subject}, ${"queued"}, ${0}, ${now}, ${now}, ${now}) ON CONFLICT (kind, subject) DO NOTHING`;
    });
  }

  pending(): Promise<number> {
    return this.guard(async () => {
      const [row] = (await this.db`SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')`) as Row[];
      return Number(row!.n);
    });
  }
}
