/**
 * PostgreSQL, for several server processes over one database. Migrations take a transaction-level
 * advisory lock, so servers started together migrate one after the other.
 *
 * @module
 */
import { SQL } from "bun";
import { SqlQueue } from "../queue/sql-queue.ts";
import { postgresClaim } from "../queue/postgres-claim.ts";
import { SqlStorage, type Dialect } from "./sql-store.ts";

/** Any fixed number: it names "pacer's migrations" among the database's advisory locks. */
const MIGRATION_LOCK = 7_270_613;

/** Connection-level failures (server down, restarting, refusing): the request may succeed later. */
function unavailable(err: unknown): boolean {
  const e = err as { code?: string; errno?: string; message?: string } | undefined;
  const code = String(e?.code ?? e?.errno ?? "");
  if (/^(ERR_POSTGRES_(CONNECTION|CONNECTION_CLOSED|CONNECTION_REFUSED|CONNECTION_TIMEOUT|IDLE_TIMEOUT|LIFETIME_TIMEOUT|TLS)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)/.test(code)) return true;
  // 57P01 admin shutdown, 57P03 cannot connect now, 53300 too many connections, 08xxx connection exceptions.
  const sqlstate = String((err as { errno?: string })?.errno ?? "");
  if (/^(57P0[1-3]|53300|08)/.test(sqlstate)) return true;
  return /connection (closed|refused|terminated)|ECONNREFUSED|Failed to connect/i.test(String(e?.message ?? ""));
}

const dialect: Dialect = {
  name: "postgres",
  migrationLock: (db, fn) =>
    db.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await fn(tx);
    }) as Promise<void>,
  unavailable,
  queue: (db, guard) => new SqlQueue(db, postgresClaim, guard),
};

export function openPostgres(url: string): SqlStorage {
  // Short timeouts: a database that is down answers 503 quickly rather than holding requests.
  const db = new SQL(url, { max: 10, connectionTimeout: 5, idleTimeout: 30 });
  return new SqlStorage(db, dialect);
}
