/**
 * `walltime.run.json`: the perf session facts and the benchmark timeline a walltime run leaves in
 * the profile folder, so `collect` can fold `perf.pipedata` again later, or in a copy of the folder
 * (paths relative to it), without the run.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type * as valibot from "valibot";
import { readRunRecord, writeRunRecord } from "../../../src/toolkit/run-record.ts";
import type { TimelineEvent } from "./benchmark-windows.ts";
import type { WalltimeState } from "./state.ts";
import type { Unwinding } from "../perf/unwinding.ts";
import type { ExecutionTimestamps, RunOutcome } from "../../../src/index.ts";

export const RUN_FILE = "walltime.run.json";

/** What the perf half of collect needs, without the live control channel. */
export interface RecordedPerf {
  /** Relative to the profile folder. */
  pipedata: string;
  unwinding: Unwinding;
  compression: boolean;
  events?: string;
  nodePaths?: string[];
  /** The perf executable the run used (perf script must match the recording's perf). */
  binary: string;
}

/**
 * What a deferred run (`deferProfile`) leaves for the offline collect that finishes it: the
 * integration and the FIFO timestamps `perf.metadata` is made of. Absent once the folder is complete.
 */
export interface PendingArtifacts {
  integration?: { name: string; version: string };
  timestamps?: ExecutionTimestamps;
  /** Pids whose jitdump symbols are not yet in their `perf-<pid>.map`. */
  jitPids?: number[];
}

export interface WalltimeRecord {
  allowEmpty: boolean;
  benchmarkPids: number[];
  perf?: RecordedPerf;
  timeline: TimelineEvent[];
  pending?: PendingArtifacts;
}

/** The part of a run's outcome the perf artifacts are made of. */
export function pendingOf(outcome: RunOutcome): PendingArtifacts {
  return { integration: outcome.integration, timestamps: outcome.timestamps };
}

/** The record of a live run (not yet written). */
export function recordOf(state: WalltimeState, folder: string, allowEmpty: boolean, benchmarkPids: number[], binary: string): WalltimeRecord {
  const s = state.perf;
  const perf = s && { pipedata: relative(folder, s.pipedata), unwinding: s.unwinding, compression: s.compression, events: s.events, nodePaths: s.nodePaths, binary };
  return { allowEmpty, benchmarkPids, perf, timeline: state.timeline };
}

export function writeRecord(folder: string, r: WalltimeRecord): void {
  const timeline = r.timeline.map((e) => ({ ...e, ns: e.ns.toString() }));
  const ts = r.pending?.timestamps;
  const timestamps = ts && { uriByTs: ts.uriByTs.map(([t, uri]) => [t.toString(), uri]), markers: ts.markers.map((m) => ({ type: m.type, ns: m.timestampNs.toString() })) };
  const pending = r.pending && { integration: r.pending.integration, timestamps, jitPids: r.pending.jitPids };
  writeRunRecord(folder, RUN_FILE, { version: 1, ...r, timeline, pending });
}

function schema(v: typeof valibot) {
  const ns = v.pipe(v.string(), v.regex(/^\d+$/), v.transform((s: string) => BigInt(s)));
  const event = v.variant("kind", [
    v.object({ kind: v.literal("start"), ns }),
    v.object({ kind: v.literal("stop"), ns }),
    v.object({ kind: v.literal("executed"), ns, uri: v.string(), pid: v.number() }),
  ]);
  const perf = v.object({
    // Inside the folder: a record naming another file is not followed.
    pipedata: v.pipe(v.string(), v.check((p) => !p.startsWith("/") && !p.split("/").includes(".."), "must be inside the profile folder")),
    unwinding: v.picklist(["fp", "dwarf"]),
    compression: v.boolean(),
    events: v.optional(v.string()),
    nodePaths: v.optional(v.array(v.string())),
    binary: v.string(),
  });
  const timestamps = v.object({
    uriByTs: v.array(v.pipe(v.tuple([ns, v.string()]), v.transform(([t, uri]): [bigint, string] => [t, uri]))),
    markers: v.array(v.pipe(v.object({ type: v.picklist(["SampleStart", "SampleEnd", "BenchmarkStart", "BenchmarkEnd"]), ns }), v.transform((m) => ({ type: m.type, timestampNs: m.ns })))),
  });
  const pending = v.object({ integration: v.optional(v.object({ name: v.string(), version: v.string() })), timestamps: v.optional(timestamps), jitPids: v.optional(v.array(v.number())) });
  return v.object({ version: v.literal(1), allowEmpty: v.boolean(), benchmarkPids: v.array(v.number()), perf: v.optional(perf), timeline: v.array(event), pending: v.optional(pending) });
}

/**
 * Reads the record of `folder`; an E_RESULTS error when it is malformed. A folder without one was
 * made by another runner (CodSpeed's, uploaded to a pacer server): its integrations' results are
 * read as they are, without a perf session to fold.
 */
export function readRecord(v: typeof valibot, folder: string, allowEmpty = false): WalltimeRecord {
  if (!existsSync(join(folder, RUN_FILE))) return { allowEmpty, benchmarkPids: [], timeline: [] };
  const { version: _, ...rest } = readRunRecord(folder, RUN_FILE, schema(v));
  return rest;
}
