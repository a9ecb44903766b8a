import { expect, test } from "bun:test";
import { measuredLine } from "./measure-target.ts";

test("the measured line names the planned count when the max time came first", () => {
  expect(measuredLine("sleep 0.01", { plannedRounds: 264, warmupRounds: 69 }, Array(263).fill(11e6))).toBe(
    "Measured 263 rounds (of 264 planned: the max time came first) after 69 warmup rounds of sleep 0.01: median 11.0 ms, min 11.0 ms, max 11.0 ms",
  );
  expect(measuredLine("x", { plannedRounds: 3, warmupRounds: 1 }, [1e6, 1e6, 1e6])).toStartWith("Measured 3 rounds after 1 warmup rounds of x:");
});
