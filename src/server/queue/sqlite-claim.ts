/**
 * The claim on SQLite: one UPDATE whose subquery picks the job. SQLite runs a write statement
 * under the database's write lock, so two claims (threads or processes) never take the same job.
 *
 * @module
 */
import type { ClaimStatement } from "./sql-queue.ts";

export const sqliteClaim: ClaimStatement = async (db, worker, now, until) =>
  (await db`UPDATE jobs SET state = 'running', locked_by = ${worker}, locked_until = ${until}, attempts = attempts + 1, updated_at = ${now}
    WHERE id = (SELECT id FROM jobs
      WHERE (state = 'queued' AND run_after <= ${now}) OR (state = 'running' AND locked_until < ${now})
      ORDER BY run_after, id LIMIT 1)
    RETURNING id, kind, subject, attempts`) as Array<Record<string, unknown>>;
