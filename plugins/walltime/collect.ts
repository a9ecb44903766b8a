/**
 * `collect()`: the perf profile (when perf ran) and the integration's results JSON, as the
 * "Walltime Instrument" table.
 *
 * @module
 */
import type { Measurement, PluginContext, RunOutcome } from "../../src/index.ts";
import { walltimeMeasurement } from "./measurement.ts";
import { matchProfiles } from "./match-profiles.ts";
import { collectPerfProfile, writeFolded, type WindowProfile } from "./perf-profile.ts";
import { readResultsDir, type ResultsFile } from "./results-json.ts";
import { distinctUris } from "./duplicate-uris.ts";
import { copySymbolMaps, jitdumpPids } from "./perf-maps.ts";
import { benchCwd, markCollected, perfSession } from "./state.ts";

/**
 * Processes perf did not profile (no perf, no FIFO events, bad results) still leave node's maps in
 * /tmp and maybe a jitdump in the cwd: they go to the profile folder too.
 */
function keepNodeFiles(ctx: PluginContext, profiled: number[], files: ResultsFile[]): void {
  const done = new Set(profiled);
  const rest = [...files.map((f) => f.results.creator.pid), ...jitdumpPids(ctx.profileFolder)].filter((p) => !done.has(p));
  const cwd = benchCwd(ctx);
  try {
    copySymbolMaps(rest, ctx.profileFolder, cwd ? [cwd] : [], "/tmp", { warn: ctx.log.warn });
  } catch (err) {
    ctx.log.warn(`Cannot keep node's symbol maps in the profile folder: ${(err as Error).message}`);
  }
}

export async function collect(ctx: PluginContext, outcome: RunOutcome): Promise<Measurement | undefined> {
  markCollected(ctx);
  const session = perfSession(ctx);
  const notes: string[] = [];
  let windows: WindowProfile[] = [];
  if (session) {
    const perf = String(ctx.probed?.features.perf?.value ?? "perf").split(" ")[0]!;
    try {
      windows = await collectPerfProfile(ctx, session, perf, outcome, notes);
    } catch (err) {
      // As in the reference, a perf data problem costs the profile, not the results.
      ctx.log.error(`Cannot process the perf data: ${(err as Error).message}`);
    }
  }
  let files: ResultsFile[] = [];
  try {
    files = readResultsDir(ctx.libs.valibot, ctx.profileFolder, ctx.flags.allowEmpty);
  } finally {
    keepNodeFiles(ctx, session ? outcome.benchmarkPids : [], files);
  }
  if (files.length === 0) {
    ctx.log.info("No walltime results (allowed by --allow-empty)");
    return undefined;
  }
  for (const { results } of files) {
    const o = results.metadata?.spawn_overhead_ns;
    if (o !== undefined) notes.push(`Spawn overhead: ${(o / 1e3).toFixed(0)} µs per round (median of ${results.metadata?.spawn_overhead_samples ?? "several"} runs of "true"), included in every round time`);
  }
  const reported = files.flatMap(({ file, results }) => results.benchmarks.map((bench) => ({ file, creator: results.creator, bench })));
  // Profiles pair with the URIs the integration sent, so they are matched before the renaming.
  const profiles = matchProfiles(reported.map((e) => ({ pid: e.creator.pid, name: e.bench.name, uri: e.bench.uri })), windows);
  const all = distinctUris(reported, ctx.log.warn);
  const entries = all.map((e, i) => {
    const p = profiles[i];
    const profile = p ? { folded: writeFolded(ctx.profileFolder, e.bench.uri, i, p.counts), samples: p.samples, fifoUri: p.uri } : {};
    return { bench: e.bench, detail: { resultsFile: e.file, creator: e.creator, ...profile } };
  });
  return walltimeMeasurement(entries, notes);
}
