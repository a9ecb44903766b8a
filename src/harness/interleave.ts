/**
 * Several `pacer exec` commands measured interleaved: each command's warmup decides its round count
 * as for one command, then the measured rounds go round-robin (A, B, C, A, B, C…), so a drift of the
 * machine (another job starting, the CPU heating up) weighs on every command alike.
 *
 * A command's time bounds count its own rounds' wall time, not the others'.
 *
 * @module
 */
import type { Logger } from "../plugin/types.ts";
import { isDone, planRounds, resultOf, type LoopResult, type RoundPlan, type RoundTiming } from "./loop.ts";
import type { LoopOptions } from "./options.ts";

export interface InterleavedItem {
  options: LoopOptions;
  runRound(): Promise<RoundTiming>;
  /** Logged before the item's warmup. */
  label: string;
}

/**
 * Warms up each item in turn, then runs one round of each unfinished item per pass until all are done.
 *
 * @example
 * ```ts
 * const [a, b] = await runInterleaved([{ options, runRound: () => spawnRound(["true"]), label: "true" }, …], monotonicNs, log);
 * ```
 */
export async function runInterleaved(items: InterleavedItem[], now: () => bigint, log: Pick<Logger, "info" | "warn" | "debug">): Promise<LoopResult[]> {
  const plans: RoundPlan[] = [];
  for (const it of items) {
    log.info(`Warming up: ${it.label}`);
    plans.push(await planRounds(it.options, { runRound: it.runRound, now, log }));
  }
  const rounds: RoundTiming[][] = items.map((_, i) => (plans[i]!.single ? [plans[i]!.single!] : []));
  const elapsed = items.map(() => 0n);
  const done = items.map((_, i) => !!plans[i]!.single);
  log.info(`Measuring ${items.length} commands interleaved`);
  while (done.includes(false)) {
    for (let i = 0; i < items.length; i++) {
      if (done[i]) continue;
      const r = await items[i]!.runRound();
      rounds[i]!.push(r);
      elapsed[i]! += r.endNs - r.startNs;
      done[i] = isDone(items[i]!.options, plans[i]!.target, rounds[i]!.length, elapsed[i]!);
    }
  }
  return items.map((_, i) =>
    plans[i]!.single ? { ...resultOf(rounds[i]!, plans[i]!), stoppedAfterWarmup: true } : resultOf(rounds[i]!, plans[i]!),
  );
}
