/**
 * The local run history: every `pacer run`/`pacer exec` is recorded in `.pacer/history.db` (SQLite)
 * at the repository root, for `pacer runs`, `pacer compare` and `pacer report`.
 *
 * @example
 * ```ts
 * const history = openHistory({ cwd: process.cwd() });
 * history.begin(record);            // status `running`, before the benchmark starts
 * history.finish({ ...record, status: "ok", measurements });
 * const base = history.get("main"); // latest ok run of branch main (or a run id, a commit, `latest`)
 * history.close();
 * ```
 *
 * @module
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { RunRecord } from "../results/run-record.ts";
import { findGitRoot } from "../system/git.ts";
import { resolveCommit } from "./git.ts";
import { readOnlyError, readOnlyReason } from "./read-only.ts";
import { HistoryStore, type SeriesPoint } from "./store.ts";

export type { SeriesPoint } from "./store.ts";

export interface History {
  /** Inserts `record` with status `running`; call before the benchmark starts. */
  begin(record: RunRecord): void;
  /** Stores the final record (status `ok`/`failed`), its metrics and profiles. */
  finish(record: RunRecord): void;
  /** Runs, newest first. */
  list(opts?: { limit?: number; branch?: string }): RunRecord[];
  /** A run by id (or unique id prefix), `latest`, `latest~N`, branch name or git commit/ref. */
  get(idOrRef: string): RunRecord | undefined;
  /** Values of one metric of one benchmark over finished runs, oldest first. */
  series(instrument: string, uri: string, metric: string, opts?: { limit?: number; until?: string }): SeriesPoint[];
  /** A profile copied into the store at `finish` (`kind` `folded`: folded stacks text). */
  profile(runId: string, instrument: string, uri: string, kind: string): string | undefined;
  /** Absolute path of the database file. */
  readonly path: string;
  close(): void;
}

/** Default location: `<git root or cwd>/.pacer/history.db` (the root found by its `.git`, no git spawned). */
export function defaultHistoryPath(cwd: string): string {
  return join(findGitRoot(cwd) ?? resolve(cwd), ".pacer", "history.db");
}

/**
 * Opens (creating if needed) the history database. Runs left `running` by a dead process are
 * marked `partial` on open.
 */
export function openHistory(opts: { cwd: string; path?: string }): History {
  const path = opts.path ? resolve(opts.cwd, opts.path) : defaultHistoryPath(opts.cwd);
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
    if (!opts.path && !existsSync(join(dir, ".gitignore"))) writeFileSync(join(dir, ".gitignore"), "*\n");
  } catch (err) {
    // A read-only folder: a history already in it can still be read, so let the store decide.
    if (!existsSync(path)) {
      const reason = readOnlyReason(path, err);
      if (reason) throw readOnlyError(path, reason, "pacer cannot create it", err);
      throw err;
    }
  }
  const store = new HistoryStore(path);
  return {
    path,
    begin: (r) => store.begin(r),
    finish: (r) => store.finish(r),
    list: (o) => store.list(o),
    get: (ref) => resolveRun(store, opts.cwd, ref),
    series: (i, u, m, o) => store.series(i, u, m, o),
    profile: (r, i, u, k) => store.profile(r, i, u, k),
    close: () => store.close(),
  };
}

function resolveRun(store: HistoryStore, cwd: string, ref: string): RunRecord | undefined {
  const latest = /^latest(?:~(\d+))?$/.exec(ref);
  if (latest) return store.list({ status: "ok", limit: Number(latest[1] ?? 0) + 1 })[Number(latest[1] ?? 0)];
  const byId = store.byId(ref);
  if (byId) return byId;
  const onBranch = store.list({ branch: ref, status: "ok", limit: 1 })[0];
  if (onBranch) return onBranch;
  const commit = resolveCommit(cwd, ref) ?? (/^[0-9a-f]{7,40}$/.test(ref) ? ref : null);
  return commit ? store.list({ commit, status: "ok", limit: 1 })[0] : undefined;
}
