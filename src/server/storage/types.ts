/**
 * The one interface over the database: the SQLite and PostgreSQL modules implement it with the
 * same queries where the dialects agree and their own where they differ. Every method may throw
 * {@link DatabaseUnavailable}; the HTTP layer turns that into 503 (the uploader retries 5xx).
 *
 * @module
 */
import type { PartResults, PartState, Project, Run, RunFilter, RunPart } from "../model.ts";
import type { JobQueue } from "../queue/types.ts";

/** The database cannot be reached: the request may succeed later. */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "DatabaseUnavailable";
  }
}

/** Another upload (different metadata) already holds this run part. */
export class PartConflict extends Error {
  constructor(readonly partKey: string) {
    super(`Run part "${partKey}" of this run was already uploaded with different metadata`);
    this.name = "PartConflict";
  }
}

export interface TokenRecord {
  id: string;
  /** null for an admin token. */
  projectId: string | null;
  kind: "upload" | "admin";
  label: string | null;
}

/** What an accepted POST /upload creates (or finds again, for a retried request). */
export interface IngestRequest {
  projectId: string;
  /** sha256 of the exact metadata bytes: a retried POST finds its part again. */
  metadataHash: string;
  metadata: string;
  branch: string;
  baseBranch: string | null;
  commit: string;
  mode: string;
  event: string;
  machineKey: string;
  machine: string;
  /** CI run id: uploads of one CI run, mode and commit merge into one run. */
  ciRunId: string | null;
  /** Tells the parts of a run apart (run part id and run index). */
  partKey: string;
  profileMd5: string;
  encoding: string | null;
  /** sha256 of the upload URL's secret. */
  secretHash: string;
}

export interface IngestOutcome {
  runId: string;
  partId: string;
  /** false when a retried POST found the part it created before. */
  created: boolean;
  state: PartState;
}

export interface Storage {
  readonly dialect: "sqlite" | "postgres";
  /** The job queue, in the same database. */
  readonly queue: JobQueue;
  /** Applies the numbered migrations not applied yet; returns their names. */
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;

  createProject(p: Omit<Project, "id" | "createdAt">): Promise<Project>;
  getProject(owner: string, repo: string): Promise<Project | undefined>;
  getProjectById(id: string): Promise<Project | undefined>;
  listProjects(): Promise<Project[]>;

  addToken(t: { projectId: string | null; kind: "upload" | "admin"; hash: string; label: string | null }): Promise<TokenRecord>;
  findToken(hash: string): Promise<TokenRecord | undefined>;

  /** Creates branch, commit, run and part as needed, in one transaction; idempotent on the metadata hash. */
  ingest(r: IngestRequest): Promise<IngestOutcome>;
  /** The part an upload URL names, with the hash of its secret. */
  getPart(partId: string): Promise<(RunPart & { secretHash: string; projectId: string }) | undefined>;
  /** Archive stored: the part is queued for processing (part state and job in one transaction). */
  archiveReceived(partId: string, size: number): Promise<void>;
  savePartResults(partId: string, results: PartResults): Promise<void>;
  partFailed(partId: string, error: string): Promise<void>;

  listRuns(projectId: string, f: RunFilter): Promise<Run[]>;
  getRun(projectId: string, runId: string): Promise<Run | undefined>;
  /** The processed results of every part of the run. */
  runResults(runId: string): Promise<PartResults[]>;
  /** The upload metadata (JSON text) of the run's first part: where its pull request number is. */
  runMetadata(runId: string): Promise<string | undefined>;
  /** The id of the pull-request comment kept for this project, pull request and mode. */
  prComment(projectId: string, pr: number, mode: string): Promise<string | undefined>;
  /** Records (or, with null, forgets) that comment's id. */
  setPrComment(projectId: string, pr: number, mode: string, commentId: string | null): Promise<void>;
  /** Each run's value of one benchmark, oldest first. */
  benchmarkHistory(projectId: string, uri: string, f: RunFilter): Promise<Array<{ run: Run; results: PartResults[] }>>;
}
