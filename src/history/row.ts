/**
 * Conversion between a {@link RunRecord} and its `runs` row.
 *
 * @module
 */
import type { Measurement } from "../plugin/types.ts";
import type { MachineFingerprint, RunRecord } from "../results/run-record.ts";

export interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  mode: string;
  kind: string;
  command: string;
  cwd: string;
  profile_folder: string;
  exit_code: number | null;
  git_commit: string | null;
  git_branch: string | null;
  git_dirty: number;
  git_root: string | null;
  machine: string;
  measurements: string;
  runner_version: string;
  host: string;
  pid: number;
  pid_start: string | null;
}

export const RUN_COLUMNS = [
  "id", "started_at", "finished_at", "status", "mode", "kind", "command", "cwd", "profile_folder",
  "exit_code", "git_commit", "git_branch", "git_dirty", "git_root", "machine", "measurements",
  "runner_version", "host", "pid", "pid_start",
] as const;

export function toRow(r: RunRecord, owner: { host: string; pid: number; pidStart: string | null }): RunRow {
  return {
    id: r.id,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
    status: r.status,
    mode: r.mode,
    kind: r.kind,
    command: r.command,
    cwd: r.cwd,
    profile_folder: r.profileFolder,
    exit_code: r.exitCode,
    git_commit: r.git.commit,
    git_branch: r.git.branch,
    git_dirty: r.git.dirty ? 1 : 0,
    git_root: r.git.root,
    machine: JSON.stringify(r.machine),
    measurements: JSON.stringify(r.measurements),
    runner_version: r.runnerVersion,
    host: owner.host,
    pid: owner.pid,
    pid_start: owner.pidStart,
  };
}

export function fromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as RunRecord["status"],
    mode: row.mode,
    kind: row.kind as RunRecord["kind"],
    command: row.command,
    cwd: row.cwd,
    profileFolder: row.profile_folder,
    exitCode: row.exit_code,
    git: { commit: row.git_commit, branch: row.git_branch, dirty: row.git_dirty === 1, root: row.git_root },
    machine: JSON.parse(row.machine) as MachineFingerprint,
    measurements: JSON.parse(row.measurements) as Measurement[],
    runnerVersion: row.runner_version,
  };
}
