/**
 * A server run as the local compare code's {@link RunRecord}, so `compare --server` renders and gates
 * with exactly the code `pacer compare` uses.
 *
 * @module
 */
import type { Measurement } from "../plugin/types.ts";
import type { MachineFingerprint, RunRecord } from "../results/run-record.ts";
import type { RunDetail, ServerRun } from "./schemas.ts";

const STATUS: Record<string, RunRecord["status"]> = { COMPLETED: "ok", FAILURE: "failed", PENDING: "running", PROCESSING: "running" };

function machine(m: ServerRun["machine"]): MachineFingerprint {
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

/** The measurements of every part, one table per instrument (a sharded run's parts side by side). */
function merged(d: RunDetail): Measurement[] {
  // Columns are display-only (units, labels) and not checked field by field: the diff reads metrics.
  const all = (d.measurements ?? d.results?.flatMap((r) => r.measurements) ?? []) as unknown as Measurement[];
  const byInstrument = new Map<string, Measurement>();
  for (const m of all) {
    const have = byInstrument.get(m.instrument);
    if (have) have.benchmarks.push(...m.benchmarks);
    else byInstrument.set(m.instrument, { ...m, title: m.title ?? m.instrument, columns: m.columns ?? [], benchmarks: [...m.benchmarks] });
  }
  return [...byInstrument.values()];
}

export function toRunRecord(d: RunDetail, serverUrl: string): RunRecord {
  const r = d.run;
  const started = typeof r.createdAt === "number" ? new Date(r.createdAt).toISOString() : r.createdAt;
  return {
    id: r.id,
    startedAt: started,
    finishedAt: started,
    status: STATUS[r.status] ?? "partial",
    mode: r.mode,
    kind: "integration",
    command: `${serverUrl} run ${r.id}`,
    cwd: "",
    profileFolder: "",
    exitCode: null,
    git: { commit: r.commit, branch: r.branch, dirty: false, root: null },
    machine: machine(r.machine),
    measurements: merged(d),
    runnerVersion: "",
  };
}
