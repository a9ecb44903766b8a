/**
 * The walltime benchmark loop of `pacer exec`: warmup, then a number of rounds derived from the
 * warmup and the user's bounds (CodSpeed exec-harness semantics). Running a round and reading the
 * clock are injected so the loop can be tested without timing anything.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { Logger } from "../plugin/types.ts";
import { formatNs } from "./duration.ts";
import type { Bound, LoopOptions } from "./options.ts";

/** CLOCK_MONOTONIC nanoseconds right before the spawn and right after the exit of one round. */
export interface RoundTiming {
  startNs: bigint;
  endNs: bigint;
  /** CPU time of the command (wait4 rusage of the child), when the runner measured it. */
  userNs?: number;
  sysNs?: number;
  /** A non-zero exit status the round was allowed to end with (`ignoreFailure`); absent: 0. */
  exitCode?: number;
}

export interface LoopDeps {
  /** Runs the command once; throws when it fails. */
  runRound(): Promise<RoundTiming>;
  /** CLOCK_MONOTONIC nanoseconds (`monotonicNs()`; Bun's `process.hrtime` is another clock). */
  now(): bigint;
  log: Pick<Logger, "info" | "warn" | "debug">;
}

export interface LoopResult {
  /** Wall time of each measured round, nanoseconds. */
  roundTimesNs: number[];
  /** Timestamps of each measured round: one `BenchmarkStart`/`BenchmarkEnd` marker pair each. */
  rounds: RoundTiming[];
  warmupRounds: number;
  /** The single warmup round already reached the max time and is the only (measured) round. */
  stoppedAfterWarmup: boolean;
  /** The round count the warmup planned; fewer rounds ran when the max time came first. */
  plannedRounds?: number;
}

const ns = (b: bigint): number => Number(b);

function minRounds(b: Bound | undefined, avg: bigint): bigint | undefined {
  if (!b) return undefined;
  const fromRounds = b.rounds === undefined ? undefined : BigInt(b.rounds);
  // The +1 leaves room for the round that crosses min time.
  const fromTime = b.timeNs === undefined ? undefined : (BigInt(b.timeNs) + avg) / avg + 1n;
  if (fromRounds !== undefined && fromTime !== undefined) return fromRounds > fromTime ? fromRounds : fromTime;
  return fromRounds ?? fromTime;
}

function maxRounds(b: Bound | undefined, avg: bigint): bigint | undefined {
  if (!b) return undefined;
  const fromRounds = b.rounds === undefined ? undefined : BigInt(b.rounds);
  const fromTime = b.timeNs === undefined ? undefined : (BigInt(b.timeNs) + avg) / avg;
  if (fromRounds !== undefined && fromTime !== undefined) return fromRounds < fromTime ? fromRounds : fromTime;
  return fromRounds ?? fromTime;
}

type WarmupOutcome = { single: RoundTiming } | { rounds: bigint; warmupRounds: number };

/** The warmup's rounds (a count of them, or as many as its time holds), then the measured round count they plan. */
async function warmup(o: LoopOptions, d: LoopDeps): Promise<WarmupOutcome> {
  const timings: RoundTiming[] = [];
  const start = d.now();
  const until = start + BigInt(o.warmupTimeNs);
  const more = o.warmupRounds !== undefined ? () => timings.length < o.warmupRounds! : () => d.now() < until;
  while (more()) timings.push(await d.runRound());
  const end = d.now();

  const only = timings.length === 1 ? timings[0] : undefined;
  if (only && o.max?.timeNs !== undefined && BigInt(o.max.timeNs) <= only.endNs - only.startNs) {
    d.log.info(
      `A single warmup execution (${formatNs(ns(only.endNs - only.startNs))}) exceeded or met max_time ` +
        `(${formatNs(o.max.timeNs)}). No more rounds will be performed.`,
    );
    return { single: only };
  }
  d.log.info(`Completed ${timings.length} warmup rounds`);

  let avg = (end - start) / BigInt(timings.length);
  if (avg < 1n) avg = 1n;
  const lo = minRounds(o.min, avg);
  const hi = maxRounds(o.max, avg);
  let rounds: bigint;
  if (lo !== undefined && hi !== undefined) {
    if (lo > hi) d.log.warn(`Computed min rounds (${lo}) is greater than max rounds (${hi}). Using max rounds.`);
    rounds = lo > hi ? hi : (lo + hi) / 2n;
  } else if (lo !== undefined || hi !== undefined) {
    rounds = (hi ?? lo) as bigint;
  } else {
    // resolveLoopOptions rejects options without any bound, so only a hand-made LoopOptions gets here.
    throw new PacerError("E_USAGE", "Unable to determine the number of rounds to perform: no bound is set");
  }
  return { rounds, warmupRounds: timings.length };
}

/** Rounds from the options when there is no warmup: an explicit round count, max first. */
function explicitRounds(o: LoopOptions): bigint | undefined {
  const r = o.max?.rounds ?? o.min?.rounds;
  return r === undefined ? undefined : BigInt(r);
}

/**
 * Runs the warmup and the measured rounds. The caller brackets it with `startBenchmark` /
 * `stopBenchmark` and turns {@link LoopResult.rounds} into markers.
 *
 * Stop conditions are checked after each round, with time measured from the start of the measured
 * loop (warmup excluded): max time reached, round count reached, or, without a round count, min time
 * reached. At least one round always runs.
 *
 * @example
 * ```ts
 * const res = await runWalltimeLoop(resolveLoopOptions({ maxRounds: 5 }), {
 *   runRound: () => spawnRound(["sleep", "0.01"]),
 *   now: monotonicNs,
 *   log: createLogger(),
 * });
 * ```
 */
export async function runWalltimeLoop(o: LoopOptions, d: LoopDeps): Promise<LoopResult> {
  const plan = await planRounds(o, d);
  if (plan.single) {
    return { roundTimesNs: [ns(plan.single.endNs - plan.single.startNs)], rounds: [plan.single], warmupRounds: 0, stoppedAfterWarmup: true };
  }
  const rounds: RoundTiming[] = [];
  const loopStart = d.now();
  do rounds.push(await d.runRound());
  while (!isDone(o, plan.target, rounds.length, d.now() - loopStart));
  return resultOf(rounds, plan);
}

/** A measured loop's result from its rounds and plan. */
export function resultOf(rounds: RoundTiming[], plan: RoundPlan): LoopResult {
  const out: LoopResult = { roundTimesNs: rounds.map((r) => ns(r.endNs - r.startNs)), rounds, warmupRounds: plan.warmupRounds, stoppedAfterWarmup: false };
  if (plan.target !== undefined) out.plannedRounds = Number(plan.target);
  return out;
}

/** What the warmup decided: a round count (absent when only time bounds stop the loop), or one single round. */
export interface RoundPlan {
  target?: bigint;
  warmupRounds: number;
  single?: RoundTiming;
}

/** Runs the warmup (if any) and returns how many rounds to measure. */
export async function planRounds(o: LoopOptions, d: LoopDeps): Promise<RoundPlan> {
  let target: bigint | undefined;
  let warmupRounds = 0;
  if (o.warmupRounds !== undefined ? o.warmupRounds > 0 : o.warmupTimeNs > 0) {
    const w = await warmup(o, d);
    if ("single" in w) return { single: w.single, warmupRounds: 0 };
    target = w.rounds;
    warmupRounds = w.warmupRounds;
  } else {
    target = explicitRounds(o);
  }
  if (target === undefined && o.min?.timeNs === undefined && o.max?.timeNs === undefined) {
    throw new PacerError(
      "E_USAGE",
      "When warmup is disabled, at least one constraint (min rounds, max rounds, min time or max time) must be specified",
    );
  }
  if (target !== undefined) {
    d.log.info(warmupRounds > 0 ? `Warmup done, now performing ${target} rounds` : `Performing ${target} rounds (no warmup)`);
  }
  else d.log.debug("No warmup and only time bounds: the loop stops on time alone");
  return { target, warmupRounds };
}

/**
 * Whether the loop stops after `count` rounds and `elapsedNs` of measuring: max time reached, round
 * count reached, or, without a round count, min time reached.
 */
export function isDone(o: LoopOptions, target: bigint | undefined, count: number, elapsedNs: bigint): boolean {
  const minTime = o.min?.timeNs === undefined ? undefined : BigInt(o.min.timeNs);
  const maxTime = o.max?.timeNs === undefined ? undefined : BigInt(o.max.timeNs);
  if (maxTime !== undefined && elapsedNs >= maxTime) return true;
  if (target !== undefined) return BigInt(count) >= target;
  return minTime !== undefined && elapsedNs >= minTime;
}
