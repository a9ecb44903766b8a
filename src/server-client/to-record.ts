/**
 * A server run as the local compare code's {@link RunRecord}, so `compare --server` renders and gates
 * with exactly the code `pacer compare` uses. The server sends the record's shape already; this fills
 * what it may leave out and names where the run came from.
 *
 * @module
 */
import type { Measurement } from "../plugin/types.ts";
import type { MachineFingerprint, RunRecord } from "../results/run-record.ts";
import type { RunDetail } from "./schemas.ts";

const STATUSES: ReadonlySet<string> = new Set(["running", "ok", "failed", "partial"]);

function machine(m: RunDetail["record"]["machine"]): MachineFingerprint {
  const x = (m ?? {}) as Partial<MachineFingerprint>;
  return {
    cpuModel: String(x.cpuModel ?? "unknown"),
    cores: Number(x.cores ?? 0),
    kernel: String(x.kernel ?? "unknown"),
    os: String(x.os ?? "unknown"),
    libc: x.libc ?? null,
    node: x.node ?? null,
    tools: (x.tools ?? {}) as Record<string, string>,
  };
}

export function toRunRecord(d: RunDetail, serverUrl: string): RunRecord {
  const r = d.record;
  return {
    id: r.id,
    startedAt: r.startedAt,
    finishedAt: r.startedAt,
    status: STATUSES.has(r.status) ? (r.status as RunRecord["status"]) : "partial",
    mode: r.mode,
    kind: "integration",
    command: `run ${r.id} on ${serverUrl}`,
    cwd: "",
    profileFolder: "",
    exitCode: null,
    git: { commit: r.git.commit, branch: r.git.branch, dirty: false, root: null },
    machine: machine(r.machine),
    // Columns are display-only (units, labels) and not checked field by field: the diff reads metrics.
    measurements: r.measurements as unknown as Measurement[],
    runnerVersion: "",
  };
}
