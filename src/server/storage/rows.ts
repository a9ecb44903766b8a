/**
 * Database rows to model objects. PostgreSQL hands BIGINT back as strings, SQLite as numbers:
 * every number goes through `Number()`.
 *
 * @module
 */
import type { PartResults, Project, Run, RunPart, RunStatus } from "../model.ts";
import type { TokenRecord } from "./types.ts";

type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function projectOf(r: Row): Project {
  return {
    id: str(r.id), owner: str(r.owner), repo: str(r.repo), defaultBranch: str(r.default_branch),
    public: Number(r.public) === 1, allowTokenless: Number(r.allow_tokenless) === 1, createdAt: Number(r.created_at),
  };
}

export function tokenOf(r: Row): TokenRecord {
  return { id: str(r.id), projectId: optStr(r.project_id), kind: r.kind === "admin" ? "admin" : "upload", label: optStr(r.label) };
}

/** A run's status from its parts: any failed → FAILURE, any waiting → PENDING/PROCESSING. */
export function statusOf(total: number, processed: number, failed: number, awaiting: number): RunStatus {
  if (failed > 0) return "FAILURE";
  if (total > 0 && processed === total) return "COMPLETED";
  return awaiting === total ? "PENDING" : "PROCESSING";
}

/** Expects the columns of `RUN_COLUMNS` (sql-store.ts). */
export function runOf(r: Row): Run {
  return {
    id: str(r.id), projectId: str(r.project_id), branch: str(r.branch), baseBranch: optStr(r.base_branch), commit: str(r.sha),
    mode: str(r.mode), event: str(r.event), machineKey: str(r.machine_key), machine: JSON.parse(str(r.machine)),
    ciRunId: optStr(r.ci_run_id), createdAt: Number(r.created_at),
    status: statusOf(Number(r.parts), Number(r.processed), Number(r.failed), Number(r.awaiting)),
    error: optStr(r.error), parts: Number(r.parts),
  };
}

export function partOf(r: Row): RunPart & { secretHash: string; projectId: string } {
  return {
    id: str(r.id), runId: str(r.run_id), partKey: str(r.part_key), state: str(r.state) as RunPart["state"],
    blobKey: str(r.blob_key), encoding: optStr(r.encoding), profileMd5: str(r.profile_md5), error: optStr(r.error),
    secretHash: str(r.secret_hash), projectId: str(r.project_id),
  };
}

export function resultsOf(r: Row): PartResults {
  return {
    mode: str(r.mode),
    measurements: JSON.parse(str(r.measurements)),
    ...(r.thresholds ? { thresholds: JSON.parse(str(r.thresholds)) } : {}),
    ...(r.machine ? { machine: JSON.parse(str(r.machine)) } : {}),
  };
}
