// The loop is driven by a fake clock and a fake round runner (no process is spawned, nothing is
// timed): each round advances the clock by a scripted duration, so round counts are exact.
import { expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { runWalltimeLoop, type LoopDeps } from "./loop.ts";
import { resolveLoopOptions } from "./options.ts";
import type { WalltimeOptions } from "../plugin/types.ts";

const MS = 1_000_000n;

function fakeDeps(durationMs: (i: number) => number, failAt?: number) {
  let clock = 1_000n * MS; // an arbitrary non-zero monotonic origin
  let calls = 0;
  const logs: string[] = [];
  const deps: LoopDeps = {
    now: () => clock,
    runRound: async () => {
      const i = calls++;
      if (i === failAt) throw new PacerError("E_RUN", "Command exited with non-zero status: exit status: 1");
      const startNs = clock;
      clock += BigInt(durationMs(i)) * MS;
      return { startNs, endNs: clock };
    },
    log: {
      info: (m) => logs.push(`info: ${m}`),
      warn: (m) => logs.push(`warn: ${m}`),
      debug: (m) => logs.push(`debug: ${m}`),
    },
  };
  return { deps, logs, calls: () => calls };
}

const run = (o: WalltimeOptions, f: ReturnType<typeof fakeDeps>) => runWalltimeLoop(resolveLoopOptions(o), f.deps);

test("defaults: 1 s warmup of 100 ms rounds, then rounds until the 3 s max time", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({}, f);
  expect(r.warmupRounds).toBe(10);
  // 31 rounds planned ((3 s + avg) / avg), but max time is reached after 30.
  expect(f.logs).toContain("info: Warmup done, now performing 31 rounds");
  expect(r.roundTimesNs).toHaveLength(30);
  expect(r.roundTimesNs.every((t) => t === 100e6)).toBe(true);
  expect(f.calls()).toBe(40);
});

test("max rounds after a warmup runs exactly that many rounds, timestamps excluding the warmup", async () => {
  const f = fakeDeps((i) => 100 + i);
  const r = await run({ maxRounds: 5 }, f);
  expect(f.logs).toContain("info: Completed 10 warmup rounds");
  expect(r.rounds).toHaveLength(5);
  expect(r.roundTimesNs).toEqual([110e6, 111e6, 112e6, 113e6, 114e6]);
  expect(r.rounds.map((x) => Number(x.endNs - x.startNs))).toEqual(r.roundTimesNs);
  expect(r.stoppedAfterWarmup).toBe(false);
});

test("time bounds count from the start of the measured loop, not from the warmup", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({ maxTimeNs: 500e6 }, f);
  expect(r.warmupRounds).toBe(10);
  expect(r.roundTimesNs).toHaveLength(5);
});

test("a single warmup round that meets max time is the only round", async () => {
  const f = fakeDeps(() => 5000);
  const r = await run({ maxTimeNs: 3e9 }, f);
  expect(r.stoppedAfterWarmup).toBe(true);
  expect(r.roundTimesNs).toEqual([5e9]);
  expect(r.rounds).toHaveLength(1);
  expect(f.calls()).toBe(1);
  expect(f.logs.some((l) => l.includes("A single warmup execution (5.00 s) exceeded or met max_time (3.00 s)"))).toBe(true);
});

test("a single long warmup round without a max time still leads to the planned rounds", async () => {
  const f = fakeDeps(() => 5000);
  const r = await run({ maxRounds: 2 }, f);
  expect(r.stoppedAfterWarmup).toBe(false);
  expect(r.warmupRounds).toBe(1);
  expect(r.roundTimesNs).toHaveLength(2);
});

test("min rounds above the rounds allowed by max rounds: warns and uses max", async () => {
  const f = fakeDeps(() => 100);
  // min from time: (2000 + 100) / 100 + 1 = 22 > max 10
  const r = await run({ minTimeNs: 2e9, maxRounds: 10 }, f);
  expect(f.logs).toContain("warn: Computed min rounds (22) is greater than max rounds (10). Using max rounds.");
  expect(r.roundTimesNs).toHaveLength(10);
});

test("min and max bounds both set: the midpoint of the two round counts", async () => {
  const f = fakeDeps(() => 100);
  // min 3, max (1000 + 100) / 100 = 11 → 7 rounds, 700 ms < 1 s max time
  const r = await run({ minRounds: 3, maxTimeNs: 1e9 }, f);
  expect(r.roundTimesNs).toHaveLength(7);
});

test("Both bounds: min takes the larger count, max the smaller", async () => {
  const f = fakeDeps(() => 100);
  // min: max(2, (500+100)/100+1 = 7) = 7; max: min(20, (2000+100)/100 = 21) = 20 → 13
  const r = await run({ minRounds: 2, minTimeNs: 500e6, maxRounds: 20, maxTimeNs: 2e9 }, f);
  expect(f.logs).toContain("info: Warmup done, now performing 13 rounds");
  expect(r.roundTimesNs).toHaveLength(13);
});

test("no warmup and explicit rounds: exactly those rounds", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({ warmupTimeNs: 0, maxRounds: 3 }, f);
  expect(r.warmupRounds).toBe(0);
  expect(r.roundTimesNs).toHaveLength(3);
  expect(f.calls()).toBe(3);
});

test("no warmup, max time only (degraded mode): stops on the round that crosses max time", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({ warmupTimeNs: 0, maxTimeNs: 350e6 }, f);
  expect(r.roundTimesNs).toHaveLength(4);
});

test("no warmup, min time only: stops once min time is reached", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({ warmupTimeNs: 0, minTimeNs: 250e6 }, f);
  expect(r.roundTimesNs).toHaveLength(3);
});

test("a failing round stops the loop with its error", async () => {
  const f = fakeDeps(() => 100, 12);
  await expect(run({ maxRounds: 5 }, f)).rejects.toThrow("Command exited with non-zero status");
  expect(f.calls()).toBe(13);
});

test("hand-made options without any bound are rejected by the loop too", async () => {
  const f = fakeDeps(() => 100);
  await expect(runWalltimeLoop({ warmupTimeNs: 0 }, f.deps)).rejects.toThrow("When warmup is disabled");
  await expect(runWalltimeLoop({ warmupTimeNs: 1e9 }, f.deps)).rejects.toThrow("Unable to determine the number of rounds");
});

test("the planned round count is kept when the max time ends the loop first", async () => {
  // Warmup rounds of 100 ms plan 11 rounds for 1 s; measured rounds of 150 ms reach 1 s after 7.
  const f = fakeDeps((i) => (i < 10 ? 100 : 150));
  const r = await run({ maxTimeNs: 1e9 }, f);
  expect(f.logs).toContain("info: Warmup done, now performing 11 rounds");
  expect(r.roundTimesNs).toHaveLength(7);
  expect(r.plannedRounds).toBe(11);
});

test("a counted warmup (hyperfine's --warmup N) runs N rounds and plans from their mean", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({ warmupRounds: 3, maxTimeNs: 1e9 }, f);
  expect(r.warmupRounds).toBe(3);
  expect(f.logs).toContain("info: Completed 3 warmup rounds");
  // (1 s + 100 ms) / 100 ms planned, the max time ends the loop after 10.
  expect(f.logs).toContain("info: Warmup done, now performing 11 rounds");
  expect(r.roundTimesNs).toHaveLength(10);
  expect(f.calls()).toBe(13);
});

test("--warmup 0 --runs N: no warmup, exactly N rounds", async () => {
  const f = fakeDeps(() => 50);
  const r = await run({ warmupRounds: 0, minRounds: 7, maxRounds: 7 }, f);
  expect(r.warmupRounds).toBe(0);
  expect(r.roundTimesNs).toHaveLength(7);
  expect(f.calls()).toBe(7);
  expect(f.logs).toContain("info: Performing 7 rounds (no warmup)");
});

test("--runs N after a time warmup: exactly N rounds, whatever the warmup planned", async () => {
  const f = fakeDeps(() => 100);
  const r = await run({ minRounds: 4, maxRounds: 4 }, f);
  expect(r.warmupRounds).toBe(10);
  expect(r.roundTimesNs).toHaveLength(4);
});
