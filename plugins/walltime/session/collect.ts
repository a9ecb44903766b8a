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
import { collectPerfProfile, writeFolded, type WindowProfile } from "./perf-profile.ts";
import { readResultsDir, type ResultsFile } from "../results/results-json.ts";
import { distinctUris } from "../results/duplicate-uris.ts";
import { EXEC_COLUMNS, execDetail, execMetrics, RELATIVE_COLUMN, relativeNotes, type ExecRounds } from "../results/exec-detail.ts";
import { keepNodeFiles } from "../node/node-files.ts";
import { readRecord, recordOf, writeRecord, type WalltimeRecord } from "./run-record.ts";
import type { WalltimeState } from "./state.ts";

/**
 * Live (`state` given): records the run into `walltime.run.json`, keeps node's files, writes the
 * perf artifacts, then measures. Offline (`state` undefined): measures the folder from its record
 * and files alone, with the same result (perf script runs again on `perf.pipedata`). Offline only
 * `profileFolder`, `log` and `libs` of `ctx` are read.
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
  if (record.perf) {
    try {
      const live = state?.perf && { outcome, cwd: state.perf.cwd };
      windows = await collectPerfProfile(ctx, record.perf, record.timeline, record.benchmarkPids, notes, live);
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
  return walltimeMeasurement(entries, notes, execRounds.size ? [...EXEC_COLUMNS, ...(compared ? [RELATIVE_COLUMN] : [])] : []);
}
