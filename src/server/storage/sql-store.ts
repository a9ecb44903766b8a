/**
 * The queries both dialects share, over Bun's SQL client (`import { SQL } from "bun"`, one API for
 * `sqlite://` and `postgres://`). sqlite.ts and postgres.ts open the connection and supply what
 * differs: the migration lock, the job claim, which errors mean "database unavailable".
 *
 * @module
 */
import type { SQL } from "bun";
import type { PartResults, Project, Run, RunFilter } from "../model.ts";
import type { JobQueue } from "../queue/types.ts";
import { newId } from "./ids.ts";
import { MIGRATIONS, statements } from "./migrations/index.ts";
import { partOf, projectOf, resultsOf, runOf, tokenOf } from "./rows.ts";
import { DatabaseUnavailable, PartConflict, type IngestOutcome, type IngestRequest, type Storage, type TokenRecord } from "./types.ts";

export interface Dialect {
  name: "sqlite" | "postgres";
  /** Runs `fn` in a transaction that holds the migration lock (one migrator at a time). */
  migrationLock(db: SQL, fn: (tx: SQL) => Promise<void>): Promise<void>;
  /** Whether `err` means the database cannot be reached (→ 503), not a bad query. */
  unavailable(err: unknown): boolean;
  queue(db: SQL, guard: <T>(fn: () => Promise<T>) => Promise<T>): JobQueue;
}

type Row = Record<string, unknown>;

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown; message?: unknown } | undefined;
  return String(e?.errno) === "23505" || /23505|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)|UNIQUE constraint failed|duplicate key/i.test(`${String(e?.code ?? "")} ${String(e?.message ?? "")}`);
}

/** The status filter in SQL, as rows.ts's `statusOf` derives it, so LIMIT applies after it. */
function statusWhere(db: SQL, status: RunFilter["status"]) {
  switch (status) {
    case "FAILURE": return db`WHERE q.failed > 0`;
    case "COMPLETED": return db`WHERE q.parts > 0 AND q.processed = q.parts`;
    case "PENDING": return db`WHERE q.failed = 0 AND q.awaiting = q.parts`;
    case "PROCESSING": return db`WHERE q.failed = 0 AND q.awaiting < q.parts AND q.processed < q.parts`;
    default: return db``;
  }
}

export class SqlStorage implements Storage {
  readonly dialect: "sqlite" | "postgres";
  readonly queue: JobQueue;

  constructor(private readonly db: SQL, private readonly d: Dialect) {
    this.dialect = d.name;
    this.queue = d.queue(db, (fn) => this.guard(fn));
  }

  /** Maps connection failures to DatabaseUnavailable, so the HTTP layer answers 503. */
  async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof DatabaseUnavailable) && this.d.unavailable(err)) throw new DatabaseUnavailable(err);
      throw err;
    }
  }

  migrate(): Promise<string[]> {
    return this.guard(async () => {
      const applied: string[] = [];
      await this.d.migrationLock(this.db, async (tx) => {
        await tx.unsafe("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
        const done = new Set(((await tx`SELECT name FROM schema_migrations`) as Row[]).map((r) => String(r.name)));
        for (const m of MIGRATIONS) {
          if (done.has(m.name)) continue;
          for (const s of statements(m[this.d.name])) await tx.unsafe(s);
          await tx`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, ${Date.now()})`;
          applied.push(m.name);
        }
      });
      return applied;
    });
  }

  ping(): Promise<void> {
    return this.guard(async () => void (await this.db`SELECT 1 AS one`));
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  createProject(p: Omit<Project, "id" | "createdAt">): Promise<Project> {
    return this.guard(async () => {
      const id = newId();
      const [row] = (await this.db`INSERT INTO projects (id, owner, repo, default_branch, public, allow_tokenless, created_at)
        VALUES (${id}, ${p.owner}, ${p.repo}, ${p.defaultBranch}, ${p.public ? 1 : 0}, ${p.allowTokenless ? 1 : 0}, ${Date.now()})
        ON CONFLICT (owner, repo) DO NOTHING RETURNING *`) as Row[];
      return row ? projectOf(row) : (await this.getProject(p.owner, p.repo))!;
    });
  }

  getProject(owner: string, repo: string): Promise<Project | undefined> {
    return this.guard(async () => {
      // GitHub names are case-insensitive: `Acme/App` and `acme/app` are one project.
      const [row] = (await this.db`SELECT * FROM projects WHERE lower(owner) = ${owner.toLowerCase()} AND lower(repo) = ${repo.toLowerCase()}`) as Row[];
      return row ? projectOf(row) : undefined;
    });
  }

  getProjectById(id: string): Promise<Project | undefined> {
    return this.guard(async () => {
      const [row] = (await this.db`SELECT * FROM projects WHERE id = ${id}`) as Row[];
      return row ? projectOf(row) : undefined;
    });
  }

  listProjects(): Promise<Project[]> {
    return this.guard(async () => ((await this.db`SELECT * FROM projects ORDER BY owner, repo`) as Row[]).map(projectOf));
  }

  addToken(t: { projectId: string | null; kind: "upload" | "admin"; hash: string; label: string | null }): Promise<TokenRecord> {
    return this.guard(async () => {
      const id = newId();
      await this.db`INSERT INTO tokens (id, project_id, kind, hash, label, created_at) VALUES (${id}, ${t.projectId}, ${t.kind}, ${t.hash}, ${t.label}, ${Date.now()})`;
      return { id, projectId: t.projectId, kind: t.kind, label: t.label };
    });
  }

  findToken(hash: string): Promise<TokenRecord | undefined> {
    return this.guard(async () => {
      const [row] = (await this.db`SELECT * FROM tokens WHERE hash = ${hash}`) as Row[];
      return row ? tokenOf(row) : undefined;
    });
  }

  /**
   * Two identical POSTs at once (a client retry racing its first attempt) both reach the insert;
   * the loser's unique violation is retried once and then finds the winner's part.
   */
  async ingest(r: IngestRequest): Promise<IngestOutcome> {
    try {
      return await this.ingestOnce(r);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      try {
        return await this.ingestOnce(r);
      } catch (again) {
        if (isUniqueViolation(again)) throw new PartConflict(r.partKey);
        throw again;
      }
    }
  }

  private ingestOnce(r: IngestRequest): Promise<IngestOutcome> {
    return this.guard(() =>
      this.db.begin(async (tx) => {
        const [seen] = (await tx`SELECT id, run_id, state FROM run_parts WHERE project_id = ${r.projectId} AND metadata_hash = ${r.metadataHash}`) as Row[];
        if (seen) {
          // A retried POST: same part, a fresh upload secret (the old URL is void).
          await tx`UPDATE run_parts SET secret_hash = ${r.secretHash} WHERE id = ${seen.id}`;
          return { runId: String(seen.run_id), partId: String(seen.id), created: false, state: String(seen.state) as IngestOutcome["state"] };
        }
        const now = Date.now();
        await tx`INSERT INTO branches (id, project_id, name) VALUES (${newId()}, ${r.projectId}, ${r.branch}) ON CONFLICT (project_id, name) DO NOTHING`;
        await tx`INSERT INTO commits (id, project_id, sha, first_seen) VALUES (${newId()}, ${r.projectId}, ${r.commit}, ${now}) ON CONFLICT (project_id, sha) DO NOTHING`;
        const [branch] = (await tx`SELECT id FROM branches WHERE project_id = ${r.projectId} AND name = ${r.branch}`) as Row[];
        const [commit] = (await tx`SELECT id FROM commits WHERE project_id = ${r.projectId} AND sha = ${r.commit}`) as Row[];
        const fresh = newId();
        // A run that stands alone is its own group.
        const groupKey = r.ciRunId ? `${r.projectId}|${r.ciRunId}|${r.mode}|${r.commit}` : fresh;
        await tx`INSERT INTO runs (id, project_id, branch_id, commit_id, base_branch, mode, event, machine_key, machine, ci_run_id, group_key, created_at)
          VALUES (${fresh}, ${r.projectId}, ${branch!.id}, ${commit!.id}, ${r.baseBranch}, ${r.mode}, ${r.event}, ${r.machineKey}, ${r.machine}, ${r.ciRunId}, ${groupKey}, ${now})
          ON CONFLICT (group_key) DO NOTHING`;
        const [run] = (await tx`SELECT id FROM runs WHERE group_key = ${groupKey}`) as Row[];
        const runId = String(run!.id);
        const partId = newId();
        const blobKey = `archives/${r.projectId}/${runId}/${partId}.tar${r.encoding === "gzip" ? ".gz" : r.encoding === "zstd" ? ".zst" : ""}`;
        await tx`INSERT INTO run_parts (id, run_id, project_id, part_key, metadata_hash, metadata, profile_md5, encoding, blob_key, secret_hash, state, created_at)
          VALUES (${partId}, ${runId}, ${r.projectId}, ${r.partKey}, ${r.metadataHash}, ${r.metadata}, ${r.profileMd5}, ${r.encoding}, ${blobKey}, ${r.secretHash}, ${"awaiting_archive"}, ${now})`;
        return { runId, partId, created: true, state: "awaiting_archive" as const };
      }),
    );
  }

  getPart(partId: string) {
    return this.guard(async () => {
      const [row] = (await this.db`SELECT * FROM run_parts WHERE id = ${partId}`) as Row[];
      return row ? partOf(row) : undefined;
    });
  }

  archiveReceived(partId: string, size: number): Promise<void> {
    return this.guard(() =>
      this.db.begin(async (tx) => {
        const now = Date.now();
        const [part] = (await tx`UPDATE run_parts SET state = ${"queued"} WHERE id = ${partId} AND state = ${"awaiting_archive"} RETURNING blob_key, profile_md5, encoding`) as Row[];
        if (!part) return;
        await tx`INSERT INTO artifacts (id, part_id, blob_key, size, md5, encoding, created_at) VALUES (${newId()}, ${partId}, ${part.blob_key}, ${size}, ${part.profile_md5}, ${part.encoding}, ${now})`;
        await tx`INSERT INTO jobs (id, kind, subject, state, attempts, run_after, created_at, updated_at)
          VALUES (${newId()}, ${"process-part"}, ${partId}, ${"queued"}, ${0}, ${now}, ${now}, ${now}) ON CONFLICT (kind, subject) DO NOTHING`;
      }),
    );
  }

  savePartResults(partId: string, res: PartResults): Promise<void> {
    return this.guard(() =>
      this.db.begin(async (tx) => {
        const [part] = (await tx`SELECT run_id, project_id FROM run_parts WHERE id = ${partId}`) as Row[];
        if (!part) return;
        // Processing twice (a lease taken over) replaces, never duplicates.
        await tx`DELETE FROM benchmark_results WHERE part_id = ${partId}`;
        await tx`DELETE FROM part_results WHERE part_id = ${partId}`;
        await tx`INSERT INTO part_results (part_id, run_id, mode, measurements, thresholds, machine)
          VALUES (${partId}, ${part.run_id}, ${res.mode}, ${JSON.stringify(res.measurements)}, ${res.thresholds === undefined ? null : JSON.stringify(res.thresholds)}, ${res.machine ? JSON.stringify(res.machine) : null})`;
        for (const m of res.measurements) {
          for (const b of m.benchmarks) {
            await tx`INSERT INTO benchmark_results (part_id, run_id, project_id, instrument, uri, name, metrics)
              VALUES (${partId}, ${part.run_id}, ${part.project_id}, ${m.instrument}, ${b.uri}, ${b.name}, ${JSON.stringify(b.metrics)})
              ON CONFLICT (part_id, instrument, uri) DO NOTHING`;
          }
        }
        await tx`UPDATE run_parts SET state = ${"processed"}, error = ${null}, processed_at = ${Date.now()} WHERE id = ${partId}`;
      }),
    );
  }

  partFailed(partId: string, error: string): Promise<void> {
    return this.guard(async () => void (await this.db`UPDATE run_parts SET state = ${"failed"}, error = ${error} WHERE id = ${partId}`));
  }

  private runQuery(projectId: string, f: RunFilter, extra: SQL.Query<unknown> | undefined) {
    const db = this.db;
    return db`SELECT * FROM (SELECT r.*, b.name AS branch, c.sha,
        (SELECT count(*) FROM run_parts p WHERE p.run_id = r.id) AS parts,
        (SELECT count(*) FROM run_parts p WHERE p.run_id = r.id AND p.state = 'processed') AS processed,
        (SELECT count(*) FROM run_parts p WHERE p.run_id = r.id AND p.state = 'failed') AS failed,
        (SELECT count(*) FROM run_parts p WHERE p.run_id = r.id AND p.state = 'awaiting_archive') AS awaiting,
        (SELECT min(p.error) FROM run_parts p WHERE p.run_id = r.id) AS error
      FROM runs r JOIN branches b ON b.id = r.branch_id JOIN commits c ON c.id = r.commit_id
      WHERE r.project_id = ${projectId}
        ${f.branch !== undefined ? db`AND b.name = ${f.branch}` : db``}
        ${f.commit !== undefined ? db`AND (c.sha = ${f.commit} OR c.sha LIKE ${f.commit.replace(/[%_]/g, "") + "%"})` : db``}
        ${f.mode !== undefined ? db`AND r.mode = ${f.mode}` : db``}
        ${f.before !== undefined ? db`AND r.created_at <= ${f.before}` : db``}
        ${f.machineKey !== undefined ? db`AND r.machine_key = ${f.machineKey}` : db``}
        ${extra ?? db``}) q
      ${statusWhere(db, f.status)}
      ORDER BY q.created_at DESC, q.id DESC LIMIT ${f.limit ?? 50}`;
  }

  listRuns(projectId: string, f: RunFilter): Promise<Run[]> {
    return this.guard(async () => {
      return ((await this.runQuery(projectId, f, undefined)) as Row[]).map(runOf);
    });
  }

  getRun(projectId: string, runId: string): Promise<Run | undefined> {
    return this.guard(async () => {
      const [row] = (await this.runQuery(projectId, { limit: 1 }, this.db`AND r.id = ${runId}`)) as Row[];
      return row ? runOf(row) : undefined;
    });
  }

  runResults(runId: string): Promise<PartResults[]> {
    return this.guard(async () => ((await this.db`SELECT * FROM part_results WHERE run_id = ${runId} ORDER BY part_id`) as Row[]).map(resultsOf));
  }

  runMetadata(runId: string): Promise<string | undefined> {
    return this.guard(async () => {
      const [row] = (await this.db`SELECT metadata FROM run_parts WHERE run_id = ${runId} ORDER BY created_at, id LIMIT 1`) as Row[];
      return row ? String(row.metadata) : undefined;
    });
  }

  prComment(projectId: string, pr: number, mode: string): Promise<string | undefined> {
    return this.guard(async () => {
      const [row] = (await this.db`SELECT comment_id FROM pr_comments WHERE project_id = ${projectId} AND pr_number = ${pr} AND mode = ${mode}`) as Row[];
      return row ? String(row.comment_id) : undefined;
    });
  }

  setPrComment(projectId: string, pr: number, mode: string, commentId: string | null): Promise<void> {
    return this.guard(async () => {
      if (commentId === null) {
        await this.db`DELETE FROM pr_comments WHERE project_id = ${projectId} AND pr_number = ${pr} AND mode = ${mode}`;
        return;
      }
      await this.db`INSERT INTO pr_comments (project_id, pr_number, mode, comment_id, updated_at) VALUES (${projectId}, ${pr}, ${mode}, ${commentId}, ${Date.now()})
        ON CONFLICT (project_id, pr_number, mode) DO UPDATE SET comment_id = excluded.comment_id, updated_at = excluded.updated_at`;
    });
  }

  benchmarkHistory(projectId: string, uri: string, f: RunFilter): Promise<Array<{ run: Run; results: PartResults[] }>> {
    return this.guard(async () => {
      const ids = ((await this.db`SELECT DISTINCT run_id FROM benchmark_results WHERE project_id = ${projectId} AND uri = ${uri}`) as Row[]).map((r) => String(r.run_id));
      if (!ids.length) return [];
      const runs = ((await this.runQuery(projectId, { ...f, limit: f.limit ?? 200 }, this.db`AND r.id IN ${this.db(ids)}`)) as Row[]).map(runOf);
      const out = [];
      for (const run of runs.reverse()) out.push({ run, results: await this.runResults(run.id) });
      return out;
    });
  }
}
