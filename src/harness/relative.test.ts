import { expect, test } from "bun:test";
import { describeRelative, relativeTo } from "./relative.ts";

test("the ratio of means with hyperfine's error propagation", () => {
  const r = relativeTo({ mean: 10, stddev: 1 }, { mean: 20, stddev: 1 })!;
  expect(r.ratio).toBe(2);
  expect(r.ratio_stddev).toBeCloseTo(2 * Math.sqrt(0.01 + 0.0025), 12);
  expect(describeRelative(r, "a", false)).toBe("2.00 ± 0.22 × slower than a");
});

test("a faster command is shown as the inverse ratio, as hyperfine does", () => {
  const r = relativeTo({ mean: 20, stddev: 0 }, { mean: 10, stddev: 1 })!;
  expect(r.ratio).toBe(0.5);
  expect(describeRelative(r, "a", false)).toBe("2.00 ± 0.20 × faster than a");
  expect(describeRelative(r, "a", true)).toBe("reference");
});

test("no ratio against a zero mean", () => {
  expect(relativeTo({ mean: 0, stddev: 0 }, { mean: 1, stddev: 0 })).toBeUndefined();
});
