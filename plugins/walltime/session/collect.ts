/**
 * `collect()`: the perf profile (when perf ran) and the integration's results JSON, as the
 * "Walltime Instrument" table.
 *
 * @module
 */
import { relative } from "node:path";
import type { Measurement, PluginContext, RunOutcome } from "../../../src/index.ts";
import { walltimeMeasurement } from "../results/measurement.ts";
import { matchProfiles } from "../results/match-profiles.ts";
import { collectPerfProfile, folderJitSymbols, keepSymbolMaps, perfDataNote, writeFolded, type WindowProfile } from "./perf-profile.ts";
import { readResultsDir, type ResultsFile } from "../results/results-json.ts";
import { distinctUris } from "../results/duplicate-uris.ts";
import { EXEC_COLUMNS, execDetail, execMetrics, RELATIVE_COLUMN, relativeNotes, type ExecRounds } from "../results/exec-detail.ts";
import { keepNodeFiles } from "../node/node-files.ts";
import { appendJitSymbols } from "../symbols/perf-maps.ts";
import { pendingOf, readRecord, recordOf, writeRecord, type RecordedPerf, type WalltimeRecord } from "./run-record.ts";
import type { WalltimeState } from "./state.ts";

/**
 * Live (`state` given): records the run into `walltime.run.json`, keeps node's files, writes the
 * perf artifacts, then measures. Offline (`state` undefined): measures the folder from its record
 * and files alone, with the same result (perf script runs again on `perf.pipedata`). Offline only
 * `profileFolder`, `log` and `libs` of `ctx` are read.
 *
 * `perf script` costs most of a short run (about a second on node's binary, however few the
 * samples), so a live run that uploads nothing (`flags.deferProfile`) leaves it, the folded stacks
 * and the upload's symbol files for the offline collect a report or upload asks for: the record
 * keeps what those files are made of (`pending`), and that collect writes them and drops it.
 */
export async function collect(ctx: PluginContext<unknown>, outcome: RunOutcome, state?: WalltimeState): Promise<Measurement | undefined> {
  let record: WalltimeRecord;
  if (state) {
    state.collected = true;
    const binary = String(ctx.probed?.features.perf?.value ?? "perf").split(" ")[0]!;
    record = recordOf(state, ctx.profileFolder, ctx.flags.allowEmpty, outcome.benchmarkPids, binary);
    writeRecord(ctx.profileFolder, record);
  } else {
    record = readRecord(ctx.libs.valibot, ctx.profileFolder, ctx.flags.allowEmpty);
  }
  const notes: string[] = [];
  let windows: WindowProfile[] = [];
  let deferred = false;
  if (record.perf) {
    try {
      ({ windows, deferred } = await perfWindows(ctx, record, record.perf, outcome, notes, state));
    } catch (err) {
      // As in the reference, a perf data problem costs the profile, not the results.
      ctx.log.error(`Cannot process the perf data: ${(err as Error).message}`);
    }
  }
  let files: ResultsFile[] = [];
  try {
    files = readResultsDir(ctx.libs.valibot, ctx.profileFolder, record.allowEmpty);
  } finally {
    // Processes perf did not profile (no perf, no FIFO events, bad results) leave node's files too.
    if (state) keepNodeFiles(ctx, state.cwd, files.map((f) => f.results.creator.pid), record.perf ? outcome.benchmarkPids : []);
  }
  if (files.length === 0) {
    ctx.log.info("No walltime results (allowed by --allow-empty)");
    return undefined;
  }
  const execRounds = new Map<string, ExecRounds>();
  for (const { results } of files) {
    const m = results.metadata;
    const shelled = m?.exec?.benchmarks.some((b) => b.shell_overhead_ns > 0);
    if (m?.spawn_overhead_ns !== undefined) {
      notes.push(`Spawn overhead: ${(m.spawn_overhead_ns / 1e3).toFixed(0)} µs per round (median of ${m.spawn_overhead_samples ?? "several"} runs of "true"), included in every round time${shelled ? " of a command spawned directly" : ""}`);
    }
    for (const [shell, ns] of Object.entries(m?.shell_overhead_ns ?? {})) {
      notes.push(`Shell overhead: ${(ns / 1e3).toFixed(0)} µs per round (median of ${m?.shell_overhead_samples ?? "several"} runs of "${shell} ''"), subtracted from the round times of shell commands`);
    }
    for (const b of m?.exec?.benchmarks ?? []) execRounds.set(`${results.creator.pid} ${b.uri}`, b);
    notes.push(...relativeNotes(m?.exec?.benchmarks ?? []));
  }
  // Named relative to the folder, so a copy of the folder measures the same.
  const reported = files.flatMap(({ file, results }) => results.benchmarks.map((bench) => ({ file: relative(ctx.profileFolder, file), creator: results.creator, bench })));
  // Profiles pair with the URIs the integration sent, so they are matched before the renaming.
  const profiles = matchProfiles(reported.map((e) => ({ pid: e.creator.pid, name: e.bench.name, uri: e.bench.uri })), windows);
  const all = distinctUris(reported, ctx.log.warn);
  const entries = all.map((e, i) => {
    const p = profiles[i];
    const profile = p ? { folded: writeFolded(ctx.profileFolder, e.bench.uri, i, p.counts), samples: p.samples, fifoUri: p.uri } : {};
    const rounds = execRounds.get(`${e.creator.pid} ${reported[i]!.bench.uri}`);
    return { bench: e.bench, extra: rounds && execMetrics(rounds), detail: { resultsFile: e.file, creator: e.creator, ...profile, ...(rounds && execDetail(rounds)) } };
  });
  const compared = [...execRounds.values()].some((r) => r.relative);
  const measurement = walltimeMeasurement(entries, notes, execRounds.size ? [...EXEC_COLUMNS, ...(compared ? [RELATIVE_COLUMN] : [])] : []);
  return deferred ? { ...measurement, profilePending: true } : measurement;
}

/**
 * The perf half of collect: the profile of each benchmark window, or (a live run that defers its
 * profile) only the symbol maps kept and the record marked `pending`. Offline, a pending record's
 * jitdump symbols go into the perf maps first; once the profile is made the mark is dropped.
 */
async function perfWindows(ctx: PluginContext<unknown>, record: WalltimeRecord, perf: RecordedPerf, outcome: RunOutcome, notes: string[], state?: WalltimeState): Promise<{ windows: WindowProfile[]; deferred: boolean }> {
  if (state?.perf) {
    const deferring = ctx.flags.deferProfile === true;
    const kept = keepSymbolMaps(ctx, record.benchmarkPids, state.perf.cwd, deferring);
    if (deferring) {
      writeRecord(ctx.profileFolder, { ...record, pending: { ...pendingOf(outcome), jitPids: kept.left } });
      const note = perfDataNote(ctx, perf);
      if (note) notes.push(note);
      return { windows: [], deferred: true };
    }
    return { windows: await collectPerfProfile(ctx, perf, record.timeline, record.benchmarkPids, notes, kept.jit, pendingOf(outcome)), deferred: false };
  }
  const jit = folderJitSymbols(ctx.profileFolder, record.benchmarkPids);
  let pending = record.pending;
  if (pending?.jitPids?.length) {
    appendJitSymbols(ctx.profileFolder, jit, pending.jitPids);
    // Said at once: a collect that fails after this must not append them twice.
    writeRecord(ctx.profileFolder, { ...record, pending: (pending = { ...pending, jitPids: [] }) });
  }
  const windows = await collectPerfProfile(ctx, perf, record.timeline, record.benchmarkPids, notes, jit, pending);
  if (pending) writeRecord(ctx.profileFolder, { ...record, pending: undefined });
  return { windows, deferred: false };
}
