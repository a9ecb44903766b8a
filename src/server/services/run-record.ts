/**
 * A stored run as the `RunRecord` pacer's compare engine reads, its parts' measurements merged
 * (the parts of a sharded matrix job each measured some of the benchmarks).
 *
 * @module
 */
import type { Measurement } from "../../plugin/types.ts";
import type { MachineFingerprint, RunRecord } from "../../results/run-record.ts";
import type { PartResults, Run } from "../model.ts";

export function mergeMeasurements(parts: PartResults[]): Measurement[] {
  const out = new Map<string, Measurement>();
  for (const p of parts) {
    for (const m of p.measurements) {
      const seen = out.get(m.instrument);
      if (!seen) {
        out.set(m.instrument, { ...m, benchmarks: [...m.benchmarks] });
        continue;
      }
      const uris = new Set(seen.benchmarks.map((b) => b.uri));
      seen.benchmarks.push(...m.benchmarks.filter((b) => !uris.has(b.uri)));
    }
  }
  return [...out.values()];
}

const STATUS: Record<Run["status"], RunRecord["status"]> = { COMPLETED: "ok", FAILURE: "failed", PENDING: "running", PROCESSING: "running" };

export function toRunRecord(run: Run, parts: PartResults[]): RunRecord {
  const machine = (parts.find((p) => p.machine)?.machine ?? run.machine) as MachineFingerprint;
  const at = new Date(run.createdAt).toISOString();
  return {
    id: run.id,
    startedAt: at,
    finishedAt: run.status === "COMPLETED" ? at : null,
    status: STATUS[run.status],
    mode: run.mode,
    kind: "integration",
    command: "",
    cwd: "",
    profileFolder: "",
    exitCode: null,
    git: { commit: run.commit, branch: run.branch, dirty: false, root: null },
    machine,
    measurements: mergeMeasurements(parts),
    runnerVersion: "",
  };
}

/** The thresholds the upload's repository config carried (the first part that has any). */
export function uploadedThresholds(parts: PartResults[]): unknown {
  return parts.find((p) => p.thresholds !== undefined)?.thresholds;
}
