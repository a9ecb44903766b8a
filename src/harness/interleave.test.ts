// Driven by a fake clock and fake rounds (nothing spawned or timed), so the order and counts are exact.
import { expect, test } from "bun:test";
import { runInterleaved } from "./interleave.ts";
import { resolveLoopOptions } from "./options.ts";

const MS = 1_000_000n;

function fake() {
  let clock = 1000n * MS;
  const order: string[] = [];
  const item = (label: string, ms: number, o: Parameters<typeof resolveLoopOptions>[0]) => ({
    label,
    options: resolveLoopOptions(o),
    runRound: async () => {
      order.push(label);
      const startNs = clock;
      clock += BigInt(ms) * MS;
      return { startNs, endNs: clock };
    },
  });
  const log = { info: () => {}, warn: () => {}, debug: () => {} };
  return { item, order, now: () => clock, log };
}

test("warmups run one command after the other, measured rounds go round-robin", async () => {
  const f = fake();
  const [a, b] = await runInterleaved([f.item("a", 10, { warmupTimeNs: 20e6, maxRounds: 3 }), f.item("b", 20, { warmupTimeNs: 20e6, maxRounds: 3 })], f.now, f.log);
  expect(f.order).toEqual(["a", "a", "b", "a", "b", "a", "b", "a", "b"]);
  expect(a!.roundTimesNs).toEqual([10e6, 10e6, 10e6]);
  expect(b!.roundTimesNs).toEqual([20e6, 20e6, 20e6]);
  expect([a!.warmupRounds, b!.warmupRounds]).toEqual([2, 1]);
});

test("a command's max time counts its own rounds only, so a finished command drops out", async () => {
  const f = fake();
  const [a, b] = await runInterleaved([f.item("a", 10, { warmupTimeNs: 0, maxTimeNs: 30e6 }), f.item("b", 100, { warmupTimeNs: 0, maxRounds: 2 })], f.now, f.log);
  expect(a!.roundTimesNs).toHaveLength(3);
  expect(b!.roundTimesNs).toHaveLength(2);
  expect(f.order).toEqual(["a", "b", "a", "b", "a"]);
});

test("planned rounds are reported so the log can say when the max time came first", async () => {
  const f = fake();
  const [a] = await runInterleaved([f.item("a", 10, { warmupTimeNs: 50e6, maxRounds: 4 }), f.item("b", 10, { warmupTimeNs: 0, maxRounds: 1 })], f.now, f.log);
  expect(a!.plannedRounds).toBe(4);
});
