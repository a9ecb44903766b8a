/**
 * Measures one `pacer exec` target and reports it to the runner like an integration would:
 * walltime = start → warmup + rounds → a marker pair per round → stop → executed;
 * analysis (simulation, memory) = start → one run → stop → executed.
 *
 * @module
 */
import type { Logger, ExecTarget } from "../plugin/types.ts";
import type { FifoClient } from "../protocol/fifo-client.ts";
import { monotonicNs } from "../protocol/monotonic-clock.ts";
import { formatNs } from "./duration.ts";
import { runWalltimeLoop, type LoopResult } from "./loop.ts";
import { resolveLoopOptions } from "./options.ts";
import { benchmarkConfig, type WalltimeBenchmarkJson } from "./results-file.ts";
import { spawnRound, type SpawnRoundOptions } from "./spawn-round.ts";
import { computeStats } from "./stats.ts";

/** The FIFO calls a target makes; absent when no runner serves the FIFOs. */
export type BenchmarkHooks = Pick<FifoClient, "startBenchmark" | "stopBenchmark" | "executed" | "addMarker">;

export interface MeasureDeps {
  hooks?: BenchmarkHooks;
  log: Pick<Logger, "info" | "warn" | "debug">;
  /** Pid reported with markers and `executed` (the results file is named after it). */
  pid: number;
  spawn?: SpawnRoundOptions;
}

async function bracket<T>(hooks: BenchmarkHooks | undefined, body: () => Promise<T>): Promise<T> {
  await hooks?.startBenchmark();
  try {
    return await body();
  } catch (err) {
    // Close the window so the runner does not keep a benchmark open; the original error wins.
    await hooks?.stopBenchmark().catch(() => {});
    throw err;
  }
}

/**
 * Runs the walltime loop on `target` and returns its entry of the results file.
 *
 * @example
 * ```ts
 * const bench = await measureWalltimeTarget(target, { hooks: client ?? undefined, log, pid: process.pid });
 * ```
 */
export async function measureWalltimeTarget(target: ExecTarget, d: MeasureDeps): Promise<WalltimeBenchmarkJson> {
  const options = resolveLoopOptions(target.walltime);
  const res: LoopResult = await bracket(d.hooks, async () => {
    const r = await runWalltimeLoop(options, {
      runRound: () => spawnRound(target.argv, d.spawn),
      now: monotonicNs,
      log: d.log,
    });
    // Markers are sent after the loop so FIFO round trips never fall inside a measured round.
    for (const round of r.rounds) {
      await d.hooks?.addMarker(d.pid, "BenchmarkStart", round.startNs);
      await d.hooks?.addMarker(d.pid, "BenchmarkEnd", round.endNs);
    }
    return r;
  });
  await d.hooks?.stopBenchmark();
  await d.hooks?.executed(d.pid, target.uri);

  const stats = computeStats(res.roundTimesNs, undefined, res.warmupRounds);
  d.log.info(
    `Measured ${stats.rounds} rounds after ${res.warmupRounds} warmup rounds: ` +
      `median ${formatNs(stats.median_ns)}, min ${formatNs(stats.min_ns)}, max ${formatNs(stats.max_ns)}`,
  );
  return { name: target.name, uri: target.uri, config: benchmarkConfig(options), stats };
}

/**
 * Runs `target` once inside a benchmark window, for the analysis instruments (the runner's tool
 * measures the window: callgrind, memtrack).
 */
export async function runAnalysisTarget(target: ExecTarget, d: MeasureDeps): Promise<void> {
  await bracket(d.hooks, () => spawnRound(target.argv, d.spawn));
  await d.hooks?.stopBenchmark();
  await d.hooks?.executed(d.pid, target.uri);
}
