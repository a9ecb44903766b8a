import { expect, test } from "bun:test";
import { modifiedZScores, roundWarning } from "./round-warnings.ts";

test("modified Z-scores are 0.6745 (x - median) / MAD, 0 when the MAD is 0", () => {
  expect(modifiedZScores([1, 2, 3])).toEqual([-0.6745, 0, 0.6745]);
  expect(modifiedZScores([5, 5, 5, 9])).toEqual([0, 0, 0, 0]);
});

test("a first round far slower than the rest is a cold-cache warning", () => {
  const w = roundWarning("cmd", [50, 10, 10.1, 9.9, 10, 10.2, 9.8]);
  expect(w).toContain('"cmd": the first round was much slower than the rest');
  expect(w).toContain("--warmup-time");
});

test("a slow round later is an outlier warning with its count", () => {
  expect(roundWarning("cmd", [10, 10.1, 9.9, 10, 50, 10.2, 9.8])).toBe(
    '"cmd": statistical outliers were detected (1 of 7 rounds): consider a longer --warmup-time, a quieter machine, or --prepare',
  );
});

test("steady rounds give no warning", () => {
  expect(roundWarning("cmd", [10, 10.5, 9.5, 10.2, 9.8, 11, 9])).toBeUndefined();
});
