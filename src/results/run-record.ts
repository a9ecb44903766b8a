/**
 * The record of one pacer run, saved locally after every run (no account, no network).
 *
 * @module
 */
import type { Measurement, RunOutcome } from "../plugin/types.ts";

export interface GitInfo {
  commit: string | null;
  branch: string | null;
  dirty: boolean;
  root: string | null;
}

/** Machine facts that make two runs comparable (or not). */
export interface MachineFingerprint {
  cpuModel: string;
  cores: number;
  kernel: string;
  os: string;
  libc: string | null;
  node: string | null;
  tools: Record<string, string>;
}

export interface RunRecord {
  /** Unique id, sortable by time (`YYYYMMDD-HHMMSS-<random>`). */
  id: string;
  startedAt: string;
  finishedAt: string | null;
  /** `running` while in progress; a run killed half-way stays `running` until the store marks it `partial`. */
  status: "running" | "ok" | "failed" | "partial";
  mode: string;
  kind: "integration" | "exec";
  command: string;
  cwd: string;
  profileFolder: string;
  exitCode: number | null;
  git: GitInfo;
  machine: MachineFingerprint;
  measurements: Measurement[];
  runnerVersion: string;
  /** Why a `failed` or `partial` run ended: the message pacer printed. */
  error?: string;
  /**
   * How the benchmark command ended, for reading the profile folder again without the run
   * (`collect` offline); the FIFO timestamps are in `ExecutionTimestamps.msgpack`. Only in
   * `pacer-run.json`, not in the history.
   */
  outcome?: Omit<RunOutcome, "timestamps">;
}
