/**
 * `collect()`: the perf profile (when perf ran) and the integration's results JSON, as the
 * "Walltime Instrument" table.
 *
 * @module
 */
import type { Measurement, PluginContext, RunOutcome } from "../../src/index.ts";
import { walltimeMeasurement } from "./measurement.ts";
import { collectPerfProfile, type ProfileDetail } from "./perf-profile.ts";
import { readResultsDir } from "./results-json.ts";
import { markCollected, perfSession } from "./state.ts";

/**
 * The profile of a results URI. vitest-plugin 5.7.1 reports top-level benchmarks on the FIFO as
 * `::name` while its results JSON has `file::name`, so a `::` URI also matches by suffix.
 */
export function profileFor(details: Map<string, ProfileDetail>, uri: string): ProfileDetail | undefined {
  const exact = details.get(uri);
  if (exact) return exact;
  for (const [fifoUri, d] of details) if (fifoUri.startsWith("::") && uri.endsWith(fifoUri)) return d;
  return undefined;
}

export async function collect(ctx: PluginContext, outcome: RunOutcome): Promise<Measurement | undefined> {
  markCollected(ctx);
  const session = perfSession(ctx);
  const notes: string[] = [];
  let details = new Map<string, ProfileDetail>();
  if (session) {
    const perf = String(ctx.probed?.features.perf?.value ?? "perf").split(" ")[0]!;
    try {
      details = await collectPerfProfile(ctx, session, perf, outcome, notes);
    } catch (err) {
      // As in the reference, a perf data problem costs the profile, not the results.
      ctx.log.error(`Cannot process the perf data: ${(err as Error).message}`);
    }
  }
  const files = readResultsDir(ctx.libs.valibot, ctx.profileFolder, ctx.flags.allowEmpty);
  if (files.length === 0) {
    ctx.log.info("No walltime results (allowed by --allow-empty)");
    return undefined;
  }
  const entries = files.flatMap(({ file, results }) =>
    results.benchmarks.map((bench) => {
      const p = profileFor(details, bench.uri);
      return { bench, detail: { resultsFile: file, creator: results.creator, ...(p ?? {}) } };
    }),
  );
  return walltimeMeasurement(entries, notes);
}
