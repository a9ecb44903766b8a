/**
 * The SQLite schema of the run history and its migrations. `PRAGMA user_version` holds the schema
 * version so an older pacer refuses a database written by a newer one instead of misreading it.
 *
 * @module
 */
import type { Database } from "bun:sqlite";
import { PacerError } from "../errors.ts";

export const SCHEMA_VERSION = 1;

// Each entry upgrades from version i to i + 1. Append only; never edit a shipped migration.
const MIGRATIONS: string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     status TEXT NOT NULL,
     mode TEXT NOT NULL,
     kind TEXT NOT NULL,
     command TEXT NOT NULL,
     cwd TEXT NOT NULL,
     profile_folder TEXT NOT NULL,
     exit_code INTEGER,
     git_commit TEXT,
     git_branch TEXT,
     git_dirty INTEGER NOT NULL,
     git_root TEXT,
     machine TEXT NOT NULL,
     measurements TEXT NOT NULL,
     runner_version TEXT NOT NULL,
     host TEXT NOT NULL,
     pid INTEGER NOT NULL,
     pid_start TEXT
   );
   CREATE INDEX runs_branch ON runs (git_branch, started_at);
   CREATE INDEX runs_commit ON runs (git_commit, started_at);
   CREATE TABLE metrics (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     instrument TEXT NOT NULL,
     uri TEXT NOT NULL,
     name TEXT NOT NULL,
     metric TEXT NOT NULL,
     value REAL NOT NULL,
     PRIMARY KEY (run_id, instrument, uri, metric)
   );
   CREATE INDEX metrics_series ON metrics (instrument, uri, metric);
   CREATE TABLE profiles (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     instrument TEXT NOT NULL,
     uri TEXT NOT NULL,
     kind TEXT NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (run_id, instrument, uri, kind)
   );`,
];

/** Brings `db` to {@link SCHEMA_VERSION}; throws when the file was written by a newer pacer. */
export function migrate(db: Database, path: string): void {
  const row = db.query("PRAGMA user_version").get() as { user_version: number } | null;
  const current = row?.user_version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new PacerError("E_IO", `Cannot open history "${path}": schema version ${current} is newer than ${SCHEMA_VERSION}`, {
      hint: "Upgrade pacer, or pass another history path",
    });
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    })();
  }
}
