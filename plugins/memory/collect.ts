/**
 * `collect` of the memory instrument: gathers the events of both trackers, writes the CodSpeed
 * artifacts (`results/<pid>.MemtrackArtifact.msgpack`, `results/ExecutionTimestamps.msgpack`),
 * checks every artifact in `results/` reads back, and computes the per-benchmark table.
 *
 * @module
 */
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PacerError, type Measurement, type PluginContext, type RunOutcome } from "../../src/index.ts";
import { readArtifact, writeArtifact } from "./artifact.ts";
import { readRecord, writeRecord, type MemoryRecord } from "./run-record.ts";
import type { MemEvent } from "./event.ts";
import { readEventDir, readProcessTree, readSetupErrors } from "./preload-events.ts";
import { protocolV1Error, protocolV1Message } from "./protocol-v1.ts";
import type { MemoryRunState } from "./state.ts";
import { memoryStats, sortByTime } from "./stats.ts";
import { eventsInWindow, type ProcessTree } from "./windows.ts";

/** The accounting rules, printed under the table (and stated in README.md). */
export const ACCOUNTING_NOTES = [
  "Counted between StartBenchmark and StopBenchmark, in the benchmark's process and its children",
  "A realloc counts as one allocation of its new size; the block it replaces is released, not counted as a free",
  "Freeing (or reallocating) memory allocated before the window counts as a free but lowers no live bytes: peak starts at 0 at the window's start",
];

function errnoName(errno: number): string {
  return errno === 28 ? "no space left on device" : errno === 27 ? "file too large" : errno === 122 ? "disk quota exceeded" : "see errno(3)";
}

/** Root pid of each tracked pid: the ancestor whose parent is not tracked. */
function rootOf(tree: ProcessTree, pid: number): number {
  let p = pid;
  for (let guard = 0; guard < 1000; guard++) {
    const parent = tree.get(p);
    if (parent === undefined || !tree.has(parent)) return p;
    p = parent;
  }
  return p;
}

function wholeRunUri(ctx: PluginContext<unknown>): string {
  return ctx.plan.kind === "exec" ? (ctx.plan.targets[0]?.uri ?? "command") : ctx.plan.command;
}

/** Collects the run's memory measurement. */
/**
 * The live half: reads what the trackers recorded (temp folder, bpftrace), writes one artifact per
 * process tree into `results/` and records the run in `memory.run.json`.
 */
async function recordMemory(ctx: PluginContext<unknown>, outcome: RunOutcome, state: MemoryRunState): Promise<MemoryRecord> {
  const notes: string[] = [];
  const recordings = readEventDir(state.eventsDir);
  const tree: ProcessTree = readProcessTree(state.eventsDir);
  const events: MemEvent[] = [];
  let lost = 0;
  for (const r of recordings) {
    if (!tree.has(r.pid)) tree.set(r.pid, r.ppid);
    for (const e of r.events) events.push(e);
    lost += r.lost + r.torn;
    if (r.storageErrno) {
      const msg = `Process ${r.pid} stopped recording: its event file could not grow (errno ${r.storageErrno}, ${errnoName(r.storageErrno)}); later events were lost`;
      ctx.log.warn(msg);
      notes.push(msg);
    }
  }
  for (const { pid, message } of readSetupErrors(state.eventsDir)) {
    const msg = `Process ${pid} recorded nothing: ${message}`;
    ctx.log.warn(msg);
    notes.push(msg);
  }
  if (state.bpftrace) {
    const out = await state.bpftrace.stop();
    state.bpftrace = undefined;
    for (const [pid, ppid] of out.parents) if (!tree.has(pid)) tree.set(pid, ppid);
    for (const e of out.events) events.push(e);
    lost += out.lost;
  }
  sortByTime(events);
  if (lost > 0) {
    const msg = `${lost} allocation events were lost (tracker buffers full): the numbers below are incomplete`;
    ctx.log.warn(msg);
    notes.push(msg);
  }

  const results = join(ctx.profileFolder, "results");
  mkdirSync(results, { recursive: true });
  const byRoot = new Map<number, MemEvent[]>();
  for (const e of events) {
    const root = rootOf(tree, e.pid);
    const list = byRoot.get(root) ?? [];
    list.push(e);
    byRoot.set(root, list);
  }
  const written = new Set<string>();
  for (const [root, list] of byRoot) {
    const name = `${root}.MemtrackArtifact.msgpack`;
    writeArtifact(join(results, name), list, ctx.libs);
    written.add(name);
  }
  ctx.log.info(`Wrote ${events.length} memtrack events to disk`);
  // Artifacts pacer did not just write (an earlier run in the same --profile-folder, another
  // tracker) are uploaded with the run: say so when one cannot be read.
  for (const name of readdirSync(results).filter((n) => n.includes("MemtrackArtifact") && !written.has(n))) {
    const read = readArtifact(join(results, name), ctx.libs);
    if (!read.ok) {
      const msg = `Memory artifact "${name}" is malformed: ${read.error}`;
      ctx.log.warn(msg);
      notes.push(msg);
    }
  }
  const record: MemoryRecord = {
    allowEmpty: ctx.flags.allowEmpty,
    planKind: ctx.plan.kind,
    wholeRunUri: wholeRunUri(ctx),
    artifacts: [...written],
    tree,
    windows: state.windows.windows,
    choices: state.choices,
    notes,
    lost,
    v1Pings: state.v1Pings,
    integration: outcome.integration ?? state.integration,
  };
  writeRecord(ctx.profileFolder, record);
  return record;
}

/** The folder half: the measurement from the artifacts and the record alone. */
function measureMemory(ctx: Pick<PluginContext<unknown>, "profileFolder" | "log" | "libs">, r: MemoryRecord): Measurement {
  const notes = [...r.notes];
  const events: MemEvent[] = [];
  for (const name of r.artifacts) {
    const read = readArtifact(join(ctx.profileFolder, "results", name), ctx.libs);
    if (!read.ok) throw new PacerError("E_RESULTS", `Cannot read memory artifact "${name}": ${read.error}`, { hint: "The profile folder was changed after the run: run the benchmarks again" });
    for (const e of read.events) events.push(e);
  }
  sortByTime(events);
  if (r.v1Pings > 0) {
    // Fails only when nothing was measured: a v2 process of the same run may have benchmarks.
    if (r.windows.length === 0 && !r.allowEmpty) throw protocolV1Error(r.integration);
    notes.push(protocolV1Message(r.integration));
  }
  if (events.length === 0 && !r.allowEmpty) {
    throw new PacerError("E_RESULTS", "No allocation events were recorded", {
      hint:
        r.windows.length === 0 && r.planKind === "integration"
          ? "No CodSpeed integration opened a benchmark window: use `pacer exec --mode memory -- <cmd>` to measure a plain command"
          : "Check that the benchmark allocates between StartBenchmark and StopBenchmark, or pass --allow-empty",
    });
  }
  const windows = r.windows.length > 0 ? r.windows : [{ startNs: 0n, uri: r.wholeRunUri }];
  if (r.windows.length === 0) notes.push("No integration reported benchmarks: the whole command is one benchmark");
  const benchmarks: Measurement["benchmarks"] = [];
  for (const w of windows) {
    if (!w.uri) {
      ctx.log.warn("A benchmark window was never named by the integration (no CurrentBenchmark): skipped");
      continue;
    }
    const stats = memoryStats(eventsInWindow(events, w, r.tree));
    benchmarks.push({ name: w.uri.split("::").slice(1).join("::") || w.uri, uri: w.uri, metrics: { ...stats }, detail: { pid: w.pid, lostEventsInRun: r.lost } });
  }
  return {
    instrument: "memory",
    title: "Memory",
    columns: [
      { key: "peak_bytes", label: "Peak memory", unit: "bytes" },
      { key: "total_allocated_bytes", label: "Total allocated", unit: "bytes" },
      { key: "alloc_count", label: "Allocations", unit: "count" },
    ],
    benchmarks,
    notes: [...r.choices, ...ACCOUNTING_NOTES, ...notes],
  };
}

/**
 * Live (`state` given): records the run into the profile folder, then measures the folder; offline
 * (`state` undefined): measures the folder from its record, with the same result.
 */
export async function collectMemory(ctx: PluginContext<unknown>, outcome: RunOutcome, state: MemoryRunState | undefined): Promise<Measurement | undefined> {
  const record = state ? await recordMemory(ctx, outcome, state) : readRecord(ctx.libs.valibot, ctx.profileFolder);
  return measureMemory(ctx, record);
}
