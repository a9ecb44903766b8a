/**
 * Opening the history's SQLite file: for writing when possible, else for reading with the reason it
 * is read-only.
 *
 * @module
 */
import { Database, constants } from "bun:sqlite";
import { PacerError, errorMessage } from "../errors.ts";
import { readOnlyError, readOnlyReason } from "./read-only.ts";
import { migrate } from "./schema.ts";

/**
 * Opens the database for writing (creating it, WAL journal, migrations); when that fails because the
 * history is read-only, opens it for reading so `runs`, `compare` and `report` still work, and says
 * it is read-only (never that it should be removed) when even that fails.
 */
export function openDatabase(path: string): { db: Database; readOnly?: string } {
  let db: Database | undefined;
  try {
    db = new Database(path, { create: true, strict: true });
    // WAL: a writer killed mid-transaction leaves the database at its last commit, and readers
    // (`pacer runs` during a run) never block the writer. NORMAL sync is crash-safe under WAL.
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
    migrate(db, path);
    return { db };
  } catch (err) {
    db?.close();
    if (err instanceof PacerError) throw err;
    const reason = readOnlyReason(path, err);
    if (!reason) {
      throw new PacerError("E_IO", `Cannot open history "${path}": ${errorMessage(err)}`, {
        hint: "Check the file is a pacer history database, or remove it to start a new history",
        cause: err,
      });
    }
    return { db: openForReading(path, reason), readOnly: reason };
  }
}

/**
 * Read-only opening. Where SQLite cannot create the -shm file a WAL database needs even for reading
 * (a read-only mount, a folder this user may not write), the file is opened `immutable`: a run
 * closed cleanly leaves everything in the main file, and a reader never changes it. (Should its
 * owner write it at the same moment, a read may fail; the file itself is never at risk.)
 */
function openForReading(path: string, reason: string): Database {
  const uri = `file:${encodeURI(path).replace(/\?/g, "%3F").replace(/#/g, "%23")}?immutable=1`;
  const attempts = [
    () => new Database(path, { readonly: true, strict: true }),
    () => new Database(uri, constants.SQLITE_OPEN_READONLY | constants.SQLITE_OPEN_URI),
  ];
  let last: unknown;
  for (const attempt of attempts) {
    let db: Database | undefined;
    try {
      db = attempt();
      db.exec("PRAGMA busy_timeout = 5000;");
      migrate(db, path);
      return db;
    } catch (err) {
      db?.close();
      if (err instanceof PacerError) throw err;
      last = err;
    }
  }
  throw readOnlyError(path, reason, `pacer cannot open it (SQLite: ${errorMessage(last)})`, last);
}
