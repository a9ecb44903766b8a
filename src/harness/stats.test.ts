import { expect, test } from "bun:test";
import { computeStats } from "./stats.ts";

test("computeStats matches the reference values of stats.rs", () => {
  const s = computeStats([6000, 3000, 1000, 2000, 4000], [10, 10, 10, 10, 10]);
  expect(s.mean_ns).toBe(320);
  expect(s.median_ns).toBe(300);
  expect(s.q1_ns).toBe(150);
  expect(s.q3_ns).toBe(500);
  expect(s.stdev_ns).toBeCloseTo(Math.sqrt(37000), 9);
  expect(s.min_ns).toBe(100);
  expect(s.max_ns).toBe(600);
  expect(s.rounds).toBe(5);
  expect(s.total_time).toBeCloseTo(16000 / 1e9, 15);
  expect(s.iter_per_round).toBe(10);
  expect(s.iqr_outlier_rounds).toBe(0);
  expect(s.stdev_outlier_rounds).toBe(0);
  expect(s.warmup_iters).toBe(0);
});

test("computeStats divides a round by its iterations with integer division", () => {
  const s = computeStats([1005, 2019], [10, 10]);
  expect([s.min_ns, s.max_ns]).toEqual([100, 201]);
  expect(s.total_time).toBeCloseTo(3024e-9, 15);
});

test("computeStats on one round: every statistic is that round, stdev 0", () => {
  expect(computeStats([42])).toEqual({
    min_ns: 42, max_ns: 42, mean_ns: 42, stdev_ns: 0, q1_ns: 42, median_ns: 42, q3_ns: 42, rounds: 1,
    total_time: 42e-9, iqr_outlier_rounds: 0, stdev_outlier_rounds: 0, iter_per_round: 1, warmup_iters: 0,
  });
});

test("computeStats on two rounds interpolates the quartiles linearly", () => {
  const s = computeStats([300, 100]);
  expect([s.q1_ns, s.median_ns, s.q3_ns]).toEqual([150, 200, 250]);
  expect(s.stdev_ns).toBeCloseTo(Math.SQRT2 * 100, 9);
});

test("computeStats on three rounds clamps q3 to the last value (exclusive method)", () => {
  const s = computeStats([1, 2, 3]);
  expect([s.q1_ns, s.median_ns, s.q3_ns]).toEqual([1, 2, 3]);
});

test("computeStats with no rounds is all zeros", () => {
  const s = computeStats([]);
  expect(Object.values(s).every((x) => x === 0)).toBe(true);
  expect(Object.keys(s)).toHaveLength(13);
});

test("computeStats counts IQR outliers at 1.5 IQR and stdev outliers at 2 sigma", () => {
  // mean 19, stdev ≈ 28.5: 100 is 81 away, beyond 2σ (56.9) but within 3σ (85.4).
  const s = computeStats([10, 10, 10, 10, 10, 10, 10, 10, 10, 100]);
  expect(s.mean_ns).toBe(19);
  expect(s.stdev_ns).toBeCloseTo(Math.sqrt(810), 9);
  expect([s.q1_ns, s.q3_ns]).toEqual([10, 10]);
  expect(s.iqr_outlier_rounds).toBe(1);
  expect(s.stdev_outlier_rounds).toBe(1);
});

test("computeStats keeps the warmup count it is given and averages iterations down", () => {
  const s = computeStats([100, 100, 100], [10, 10, 11], 7);
  expect(s.iter_per_round).toBe(10);
  expect(s.warmup_iters).toBe(7);
});
