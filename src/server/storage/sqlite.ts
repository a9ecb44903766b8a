/**
 * The embedded default: one SQLite file in the data directory, in WAL mode (readers never wait
 * for the writer, a kill at any moment leaves it sound), with a busy timeout so a second process
 * (`pacer serve token create` while the server runs) waits instead of failing.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SQL } from "bun";
import { SqlQueue } from "../queue/sql-queue.ts";
import { sqliteClaim } from "../queue/sqlite-claim.ts";
import { SqlStorage, type Dialect } from "./sql-store.ts";

const dialect: Dialect = {
  name: "sqlite",
  // BEGIN IMMEDIATE takes the write lock first: two migrators cannot both see "not applied".
  migrationLock: (db, fn) => db.begin("IMMEDIATE", fn) as Promise<void>,
  unavailable: (err) => /SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|CONNECTION_CLOSED)|disk I\/O|database is locked|Connection closed/i.test(String((err as { code?: string })?.code ?? "") + " " + String((err as Error)?.message ?? err)),
  queue: (db, guard) => new SqlQueue(db, sqliteClaim, guard),
};

export async function openSqlite(url: string): Promise<SqlStorage> {
  const path = url.replace(/^sqlite:\/\//, "");
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new SQL(url);
  await db.unsafe("PRAGMA journal_mode = WAL");
  await db.unsafe("PRAGMA busy_timeout = 10000");
  await db.unsafe("PRAGMA foreign_keys = ON");
  return new SqlStorage(db, dialect);
}
