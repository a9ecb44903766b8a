/**
 * The claim on PostgreSQL: `FOR UPDATE SKIP LOCKED` makes concurrent claims (any number of
 * server processes) each take a different job without waiting for one another.
 *
 * @module
 */
import type { ClaimStatement } from "./sql-queue.ts";

export const postgresClaim: ClaimStatement = async (db, worker, now, until) =>
  (await db`UPDATE jobs SET state = 'running', locked_by = ${worker}, locked_until = ${until}, attempts = attempts + 1, updated_at = ${now}
    WHERE id = (SELECT id FROM jobs
      WHERE (state = 'queued' AND run_after <= ${now}) OR (state = 'running' AND locked_until < ${now})
      ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, subject, attempts`) as Array<Record<string, unknown>>;
