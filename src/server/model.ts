/**
 * The server's data model: project → branch → commit → run (one per CI run and mode; the parts of
 * a sharded matrix job merge into it) → run parts (one upload each, with its archive) → results.
 *
 * @module
 */
import type { Measurement } from "../plugin/types.ts";
import type { MachineFingerprint } from "../results/run-record.ts";
import { BUILTIN_MODES } from "../plugin/builtin-modes.ts";
import { executorOf, findMode } from "../plugin/modes.ts";

export interface Project {
  id: string;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Reads without a token. */
  public: boolean;
  /** Tokenless uploads (public fork pull requests), when the server allows them too. */
  allowTokenless: boolean;
  createdAt: number;
}

/** What the status of a run derives from: the states of its parts. */
export type PartState = "awaiting_archive" | "queued" | "processed" | "failed";

/** The CodSpeed report statuses the runner polls for. */
export type RunStatus = "PENDING" | "PROCESSING" | "COMPLETED" | "FAILURE";

export interface Run {
  id: string;
  projectId: string;
  branch: string;
  /** The branch a pull request targets; null for pushes and local runs. */
  baseBranch: string | null;
  commit: string;
  mode: string;
  event: string;
  /** Hash of what makes machines comparable (CPU, cores, architecture, OS). */
  machineKey: string;
  machine: MachineFingerprint;
  ciRunId: string | null;
  createdAt: number;
  status: RunStatus;
  /** Why a part failed, when one did. */
  error: string | null;
  parts: number;
}

export interface RunPart {
  id: string;
  runId: string;
  partKey: string;
  state: PartState;
  blobKey: string;
  encoding: string | null;
  profileMd5: string;
  error: string | null;
}

/** What processing found in one uploaded profile folder. */
export interface PartResults {
  mode: string;
  measurements: Measurement[];
  /** The repository config's `thresholds`, when the upload carried a config file. */
  thresholds?: unknown;
  machine?: MachineFingerprint;
}

export interface RunFilter {
  branch?: string;
  commit?: string;
  mode?: string;
  status?: RunStatus;
  /** Only runs created at or before this time (ms). */
  before?: number;
  machineKey?: string;
  limit?: number;
}

/** A mode's name (`--mode`); the modes themselves are declared by the instruments. */
export type ModeName = string;

/** The runner's executor name (upload metadata) as the mode that declares it. */
export function modeOfExecutor(executor: string): ModeName {
  return BUILTIN_MODES.find((m) => executorOf(m) === executor)?.name ?? executor;
}

/** A mode's executor name, as its instrument declares it. */
export function executorOfMode(mode: string): string {
  const spec = findMode(mode, BUILTIN_MODES);
  return spec ? executorOf(spec) : mode;
}
