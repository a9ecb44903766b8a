/**
 * Measures `pacer exec` targets and reports them to the runner like an integration would:
 * walltime = start → warmup + rounds → a marker pair per round → stop → executed;
 * analysis (simulation, memory) = start → one run → stop → executed.
 * Several walltime targets are measured interleaved (see `interleave.ts`).
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { Logger, ExecTarget } from "../plugin/types.ts";
import type { FifoClient } from "../protocol/fifo-client.ts";
import { monotonicNs } from "../protocol/monotonic-clock.ts";
import { formatNs } from "./duration.ts";
import { execRounds, shellCorrected, type ExecRoundsJson } from "./exec-rounds.ts";
import { runInterleaved } from "./interleave.ts";
import { runWalltimeLoop, type LoopResult, type RoundTiming } from "./loop.ts";
import { resolveLoopOptions } from "./options.ts";
import { benchmarkConfig, type WalltimeBenchmarkJson } from "./results-file.ts";
import { roundWarning } from "./round-warnings.ts";
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

/** Runs a `--prepare` / `--conclude` command; its failure names the flag, not the benchmark. */
export async function runHook(flag: "prepare" | "conclude", argv: string[], target: ExecTarget, spawn?: SpawnRoundOptions): Promise<void> {
  try {
    await spawnRound(argv, spawn);
  } catch (err) {
    if (!(err instanceof PacerError)) throw err;
    const status = err.message.replace(/^Command exited with non-zero status: /, "");
    throw new PacerError("E_RUN", `The --${flag} command "${argv.at(-1)}" of "${target.name}" failed: ${status}`, {
      hint: `It runs ${flag === "prepare" ? "before" : "after"} every round and must succeed; run it by hand to see why`,
      cause: err,
    });
  }
}

/** How `target`'s own command is spawned: as `spawn` says, and allowed to fail when the target says so. */
function commandSpawn(target: ExecTarget, spawn: SpawnRoundOptions | undefined): SpawnRoundOptions | undefined {
  return target.ignoreFailure ? { ...spawn, ignoreFailure: true } : spawn;
}

/** One round of `target`: its `--prepare`, the timed command, its `--conclude` (the latter two untimed). */
function roundOf(target: ExecTarget, spawn: SpawnRoundOptions | undefined): () => Promise<RoundTiming> {
  return async () => {
    if (target.prepare) await runHook("prepare", target.prepare, target, spawn);
    const r = await spawnRound(target.argv, commandSpawn(target, spawn));
    if (target.conclude) await runHook("conclude", target.conclude, target, spawn);
    return r;
  };
}

async function sendMarkers(d: MeasureDeps, r: LoopResult): Promise<void> {
  // Markers are sent after the loop so FIFO round trips never fall inside a measured round.
  for (const round of r.rounds) {
    await d.hooks?.addMarker(d.pid, "BenchmarkStart", round.startNs);
    await d.hooks?.addMarker(d.pid, "BenchmarkEnd", round.endNs);
  }
}

/**
 * The log line after a command's rounds. The warmup plans a count from its average round, and the
 * max time can end the loop first (rounds run slower than in the warmup): the line then names both
 * counts, where it used to say "performing 264 rounds" and then "Measured 263 rounds".
 */
export function measuredLine(name: string, res: Pick<LoopResult, "plannedRounds" | "warmupRounds">, times: number[]): string {
  const stats = computeStats(times);
  const planned = res.plannedRounds !== undefined && res.plannedRounds !== stats.rounds ? ` (of ${res.plannedRounds} planned: the max time came first)` : "";
  return (
    `Measured ${stats.rounds} rounds${planned} after ${res.warmupRounds} warmup rounds of ${name}: ` +
    `median ${formatNs(stats.median_ns)}, min ${formatNs(stats.min_ns)}, max ${formatNs(stats.max_ns)}`
  );
}

/** The warning for rounds that exited non-zero and were measured anyway (`--ignore-failure`), if any. */
export function failedRoundsLine(name: string, rounds: Pick<RoundTiming, "exitCode">[]): string | undefined {
  const codes = rounds.map((r) => r.exitCode).filter((c): c is number => c !== undefined);
  if (!codes.length) return undefined;
  const distinct = [...new Set(codes)].sort((a, b) => a - b);
  return `${codes.length} of ${rounds.length} rounds of ${name} exited non-zero (status ${distinct.join(", ")}): measured anyway (--ignore-failure)`;
}

function logMeasured(d: MeasureDeps, name: string, res: LoopResult, times: number[]): void {
  d.log.info(measuredLine(name, res, times));
  const w = roundWarning(name, times);
  if (w) d.log.warn(w);
  const failed = failedRoundsLine(name, res.rounds);
  if (failed) d.log.warn(failed);
}

export interface MeasuredTargets {
  benchmarks: WalltimeBenchmarkJson[];
  rounds: ExecRoundsJson[];
}

/**
 * Runs the walltime loop on `targets` (interleaved when there are several) and returns their entries
 * of the results file and their per-round facts. `shellOverheadNs` maps a target's shell (joined)
 * to its measured cost, subtracted from that target's rounds.
 *
 * @example
 * ```ts
 * const { benchmarks } = await measureWalltimeTargets([target], { hooks: client ?? undefined, log, pid: process.pid });
 * ```
 */
export async function measureWalltimeTargets(targets: ExecTarget[], d: MeasureDeps, shellOverheadNs: Map<string, number> = new Map()): Promise<MeasuredTargets> {
  const options = targets.map((t) => resolveLoopOptions(t.walltime));
  let results: LoopResult[];
  if (targets.length === 1) {
    const t = targets[0]!;
    d.log.info(`Executing: ${t.name}`);
    const r = await bracket(d.hooks, async () => {
      const res = await runWalltimeLoop(options[0]!, { runRound: roundOf(t, d.spawn), now: monotonicNs, log: d.log });
      await sendMarkers(d, res);
      return res;
    });
    await d.hooks?.stopBenchmark();
    await d.hooks?.executed(d.pid, t.uri);
    results = [r];
  } else {
    // One perf window per command cannot hold interleaved rounds: the rounds are timed, not profiled.
    d.log.info(`Executing ${targets.length} commands; perf profiles are per command only when one command is given`);
    results = await runInterleaved(
      targets.map((t, i) => ({ options: options[i]!, runRound: roundOf(t, d.spawn), label: t.name })),
      monotonicNs,
      d.log,
    );
    for (const [i, t] of targets.entries()) {
      await sendMarkers(d, results[i]!);
      await d.hooks?.executed(d.pid, t.uri);
    }
  }
  const overheads = targets.map((t) => (t.shell ? (shellOverheadNs.get(t.shell.join(" ")) ?? 0) : 0));
  const times = results.map((r, i) => shellCorrected(r.roundTimesNs, overheads[i]!));
  const benchmarks = targets.map((t, i) => {
    logMeasured(d, t.name, results[i]!, times[i]!);
    return { name: t.name, uri: t.uri, config: benchmarkConfig(options[i]!), stats: computeStats(times[i]!, undefined, results[i]!.warmupRounds) };
  });
  return { benchmarks, rounds: execRounds(targets, results, times, overheads) };
}

/**
 * Runs `target` once inside a benchmark window, for the analysis instruments (the runner's tool
 * measures the window: callgrind, memtrack).
 */
export async function runAnalysisTarget(target: ExecTarget, d: MeasureDeps): Promise<void> {
  if (target.prepare) await runHook("prepare", target.prepare, target, d.spawn);
  const r = await bracket(d.hooks, () => spawnRound(target.argv, commandSpawn(target, d.spawn)));
  if (r.exitCode !== undefined) d.log.warn(`"${target.name}" exited with status ${r.exitCode}: measured anyway (--ignore-failure)`);
  await d.hooks?.stopBenchmark();
  if (target.conclude) await runHook("conclude", target.conclude, target, d.spawn);
  await d.hooks?.executed(d.pid, target.uri);
}
