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
import { keepNodeFiles } from "./node-files.ts";
import { newWalltimeState, type WalltimeState } from "./state.ts";

export async function collect(ctx: PluginContext<unknown>, outcome: RunOutcome, state: WalltimeState = newWalltimeState()): Promise<Measurement | undefined> {
  state.collected = true;
  const session = state.perf;
  const notes: string[] = [];
  let windows: WindowProfile[] = [];
  if (session) {
    const perf = String(ctx.probed?.features.perf?.value ?? "perf").split(" ")[0]!;
    try {
      windows = await collectPerfProfile(ctx, session, state.timeline, perf, outcome, notes);
    } catch (err) {
      // As in the reference, a perf data problem costs the profile, not the results.
      ctx.log.error(`Cannot process the perf data: ${(err as Error).message}`);
    }
  }
  let files: ResultsFile[] = [];
  try {
    files = readResultsDir(ctx.libs.valibot, ctx.profileFolder, ctx.flags.allowEmpty);
  } finally {
    // Processes perf did not profile (no perf, no FIFO events, bad results) leave node's files too.
    keepNodeFiles(ctx, state.cwd, files.map((f) => f.results.creator.pid), session ? outcome.benchmarkPids : []);
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
