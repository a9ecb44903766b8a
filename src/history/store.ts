/**
 * The run history: one SQLite file (WAL journal) holding every run, its metrics as rows for the
 * history charts, and a compressed copy of each benchmark's profile (folded stacks) so reports of
 * old runs work after their profile folder is gone.
 *
 * @module
 */
import type { Database } from "bun:sqlite";
import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import { isAbsolute, join } from "node:path";
import { PacerError } from "../errors.ts";
import type { RunRecord } from "../results/run-record.ts";
import { isAlive, processStartTime } from "./liveness.ts";
import { openDatabase } from "./open-db.ts";
import { readOnlyError, readOnlyReason } from "./read-only.ts";
import { RUN_COLUMNS, fromRow, toRow, type RunRow } from "./row.ts";

/** One point of a benchmark's metric over the recorded runs. */
export interface SeriesPoint {
  runId: string;
  startedAt: string;
  commit: string | null;
  branch: string | null;
  value: number;
}

/** Folded stacks bigger than this are not copied into the store (the profile folder keeps them). */
const MAX_PROFILE_BYTES = 8 * 2 ** 20;

const INSERT = `INSERT OR REPLACE INTO runs (${RUN_COLUMNS.join(", ")}) VALUES (${RUN_COLUMNS.map((c) => "$" + c).join(", ")})`;

export class HistoryStore {
  readonly path: string;
  /** Why the history cannot be written, when it was opened for reading only. */
  readonly readOnly: string | undefined;
  private readonly db: Database;
  private readonly host = os.hostname();
  /** Runs whose `begin` was refused as read-only: their `finish` is skipped, the warning was given. */
  private readonly refused = new Set<string>();

  constructor(path: string) {
    this.path = path;
    const opened = openDatabase(path);
    this.db = opened.db;
    this.readOnly = opened.readOnly;
    if (!this.readOnly) this.markAbandoned();
  }

  /**
   * Runs a write for `record`; a history that is, or became (remounted, chmod), read-only throws
   * the read-only error once per run: the run's later writes are skipped.
   */
  private write(record: RunRecord, fn: () => void): void {
    if (this.refused.has(record.id)) return;
    const refuse = (reason: string, cause?: unknown): never => {
      this.refused.add(record.id);
      throw readOnlyError(this.path, reason, "this run is not saved in it", cause);
    };
    if (this.readOnly) refuse(this.readOnly);
    try {
      fn();
    } catch (err) {
      const reason = readOnlyReason(this.path, err);
      if (reason) refuse(reason, err);
      throw err;
    }
  }

  /** Runs left `running` by a process that is gone (killed, crashed) become `partial`. */
  markAbandoned(): number {
    const rows = this.db.query("SELECT id, host, pid, pid_start FROM runs WHERE status = 'running'").all() as Pick<RunRow, "id" | "host" | "pid" | "pid_start">[];
    const dead = rows.filter((r) => r.host === this.host && !isAlive(r.pid, r.pid_start));
    const mark = this.db.query("UPDATE runs SET status = 'partial' WHERE id = ? AND status = 'running'");
    this.db.transaction(() => dead.forEach((r) => mark.run(r.id)))();
    return dead.length;
  }

  /** Records `record` as started by this process. */
  begin(record: RunRecord): void {
    this.write(record, () => {
      const row = toRow({ ...record, status: "running" }, { host: this.host, pid: process.pid, pidStart: processStartTime(process.pid) });
      this.db.query(INSERT).run(row as unknown as Record<string, string | number | null>);
    });
  }

  /** Stores the final state of `record`, its metrics and its profiles in one transaction. */
  finish(record: RunRecord): void {
    this.write(record, () => this.store(record));
  }

  private store(record: RunRecord): void {
    const status = record.status === "running" ? "ok" : record.status;
    const final = { ...record, status, finishedAt: record.finishedAt ?? new Date().toISOString() } as RunRecord;
    const owner = this.db.query("SELECT host, pid, pid_start FROM runs WHERE id = ?").get(record.id) as Pick<RunRow, "host" | "pid" | "pid_start"> | null;
    const row = toRow(final, owner ? { host: owner.host, pid: owner.pid, pidStart: owner.pid_start } : { host: this.host, pid: process.pid, pidStart: null });
    const profiles = collectProfiles(final);
    const insertMetric = this.db.query("INSERT OR REPLACE INTO metrics (run_id, instrument, uri, name, metric, value) VALUES (?, ?, ?, ?, ?, ?)");
    const insertProfile = this.db.query("INSERT OR REPLACE INTO profiles (run_id, instrument, uri, kind, data) VALUES (?, ?, ?, ?, ?)");
    this.db.transaction(() => {
      this.db.query(INSERT).run(row as unknown as Record<string, string | number | null>);
      this.db.query("DELETE FROM metrics WHERE run_id = ?").run(final.id);
      for (const m of final.measurements) {
        for (const b of m.benchmarks) {
          for (const [k, v] of Object.entries(b.metrics)) {
            if (typeof v === "number" && Number.isFinite(v)) insertMetric.run(final.id, m.instrument, b.uri, b.name, k, v);
          }
        }
      }
      for (const p of profiles) insertProfile.run(final.id, p.instrument, p.uri, p.kind, p.data);
    })();
  }

  /** Runs, newest first. */
  list(opts: { limit?: number; branch?: string; status?: RunRecord["status"]; commit?: string } = {}): RunRecord[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (opts.branch !== undefined) (where.push("git_branch = ?"), params.push(opts.branch));
    if (opts.status !== undefined) (where.push("status = ?"), params.push(opts.status));
    if (opts.commit !== undefined) (where.push("substr(git_commit, 1, ?) = ?"), params.push(opts.commit.length, opts.commit));
    const sql = `SELECT * FROM runs ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY started_at DESC, id DESC LIMIT ?`;
    params.push(opts.limit ?? -1);
    return (this.db.query(sql).all(...params) as RunRow[]).map(fromRow);
  }

  /** The run with id `id`, or the only run whose id starts with `id`. */
  byId(id: string): RunRecord | undefined {
    const exact = this.db.query("SELECT * FROM runs WHERE id = ?").get(id) as RunRow | null;
    if (exact) return fromRow(exact);
    if (id.length < 4) return undefined;
    const rows = this.db.query("SELECT * FROM runs WHERE substr(id, 1, ?) = ? LIMIT 2").all(id.length, id) as RunRow[];
    if (rows.length > 1) throw new PacerError("E_USAGE", `Run id prefix "${id}" is ambiguous`, { hint: "Give more characters of the id (see `pacer runs`)" });
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Values of one metric of one benchmark over finished runs, oldest first. */
  series(instrument: string, uri: string, metric: string, opts: { limit?: number; until?: string } = {}): SeriesPoint[] {
    const rows = this.db.query(
      `SELECT r.id AS runId, r.started_at AS startedAt, r.git_commit AS "commit", r.git_branch AS branch, m.value AS value
         FROM metrics m JOIN runs r ON r.id = m.run_id
        WHERE m.instrument = ? AND m.uri = ? AND m.metric = ? AND r.status = 'ok' AND r.started_at <= ?
        ORDER BY r.started_at DESC LIMIT ?`,
    ).all(instrument, uri, metric, opts.until ?? "9999", opts.limit ?? 50) as SeriesPoint[];
    return rows.reverse();
  }

  /** A stored profile (e.g. `folded` stacks text) of one benchmark of a run. */
  profile(runId: string, instrument: string, uri: string, kind: string): string | undefined {
    const row = this.db.query("SELECT data FROM profiles WHERE run_id = ? AND instrument = ? AND uri = ? AND kind = ?").get(runId, instrument, uri, kind) as { data: Uint8Array<ArrayBuffer> } | null;
    return row ? new TextDecoder().decode(Bun.gunzipSync(row.data)) : undefined;
  }

  /** `PRAGMA integrity_check` result: `ok` when the file is sound. */
  integrity(): string {
    const row = this.db.query("PRAGMA integrity_check").get() as { integrity_check: string };
    return row.integrity_check;
  }

  close(): void {
    this.db.close();
  }
}

interface ProfileBlob {
  instrument: string;
  uri: string;
  kind: string;
  data: Uint8Array;
}

function collectProfiles(r: RunRecord): ProfileBlob[] {
  const out: ProfileBlob[] = [];
  for (const m of r.measurements) {
    for (const b of m.benchmarks) {
      const folded = b.detail?.folded;
      if (typeof folded !== "string") continue;
      const file = isAbsolute(folded) ? folded : join(r.profileFolder, folded);
      if (!existsSync(file) || statSync(file).size > MAX_PROFILE_BYTES) continue;
      out.push({ instrument: m.instrument, uri: b.uri, kind: "folded", data: Bun.gzipSync(readFileSync(file)) });
    }
  }
  return out;
}
