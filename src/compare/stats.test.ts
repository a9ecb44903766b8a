import { describe, expect, test } from "bun:test";
import { compareWalltime, robustStats, runToRunCv, summarize, welch } from "./stats.ts";
import { twoSidedP } from "./student-t.ts";

// Deterministic samples: a fixed-seed generator (mulberry32) and Box–Muller normals.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normals(seed: number, n: number, mean: number, sd: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}

describe("twoSidedP()", () => {
  test.each([
    [2.228, 10, 0.05],
    [3.169, 10, 0.01],
    [1.96, 1e6, 0.05],
    [12.706, 1, 0.05],
    [2.042, 30, 0.05],
    [0, 5, 1],
  ])("t=%p df=%p gives p=%p (tabled)", (t, df, p) => {
    expect(twoSidedP(t, df)).toBeCloseTo(p, 3);
  });
});

describe("welch()", () => {
  test("matches a hand-computed example", () => {
    // base: mean 10, sd 2, n 10; head: mean 12, sd 3, n 12 → se² = 0.4 + 0.75 = 1.15
    const r = welch({ mean: 10, stdev: 2, n: 10 }, { mean: 12, stdev: 3, n: 12 });
    expect(r.t).toBeCloseTo(2 / Math.sqrt(1.15), 10);
    expect(r.df).toBeCloseTo(1.15 ** 2 / (0.4 ** 2 / 9 + 0.75 ** 2 / 11), 10);
    expect(r.p).toBeGreaterThan(0.05);
    expect(r.p).toBeLessThan(0.1);
  });
});

describe("compareWalltime() verdicts on known samples", () => {
  const base = summarize(normals(1, 2000, 1000, 20));

  test("identical samples are within noise", () => {
    const r = compareWalltime(base, summarize(normals(1, 2000, 1000, 20)));
    expect(r.verdict).toBe("within noise");
    expect(r.change).toBe(0);
    expect(r.p).toBe(1);
  });

  test("same distribution, other draw, is within noise", () => {
    expect(compareWalltime(base, summarize(normals(2, 2000, 1000, 20))).verdict).toBe("within noise");
  });

  test("shifted by +5 % is slower, by −5 % faster", () => {
    const slower = compareWalltime(base, summarize(normals(3, 2000, 1050, 20)));
    expect(slower.verdict).toBe("slower");
    expect(slower.change).toBeCloseTo(0.05, 2);
    expect(slower.p).toBeLessThan(1e-10);
    expect(compareWalltime(base, summarize(normals(4, 2000, 950, 20))).verdict).toBe("faster");
  });

  test("noisy samples shifted by 5 % are within noise (not significant)", () => {
    const noisyBase = summarize(normals(5, 20, 1000, 300));
    const r = compareWalltime(noisyBase, summarize(normals(6, 20, 1050, 300)));
    expect(r.p).toBeGreaterThan(0.01);
    expect(r.verdict).toBe("within noise");
  });

  test("a significant 1 % shift is below the minimum effect and within noise", () => {
    const r = compareWalltime(base, summarize(normals(7, 2000, 1010, 20)));
    expect(r.p).toBeLessThan(0.01);
    expect(r.verdict).toBe("within noise");
    expect(compareWalltime(base, summarize(normals(7, 2000, 1010, 20)), { minEffect: 0.005 }).verdict).toBe("slower");
  });

  test("run-to-run noise from the history raises the floor", () => {
    const cv = runToRunCv([1000, 1040, 960, 1010])!;
    expect(cv).toBeGreaterThan(0.03);
    const r = compareWalltime(base, summarize(normals(3, 2000, 1050, 20)), { runToRunCv: cv });
    expect(r.floor).toBeCloseTo(2 * cv, 10);
    expect(r.verdict).toBe("within noise");
  });

  test("heavy tails: the median test sees a 5 % shift the mean test misses", () => {
    // 2 % of rounds hit by 50× outliers (preemption, perf buffer flushes), as in real walltime runs.
    const tailed = (seed: number, mean: number) => {
      const r = rng(seed + 100);
      return normals(seed, 4000, mean, 20).map((x) => (r() < 0.02 ? x * 50 : x)).sort((a, b) => a - b);
    };
    const quartiles = (xs: number[]) => [xs[Math.floor(xs.length / 4)]!, xs[Math.floor(xs.length / 2)]!, xs[Math.floor((3 * xs.length) / 4)]!];
    const a = tailed(11, 1000);
    const b = tailed(12, 1050);
    expect(compareWalltime(summarize(a), summarize(b)).verdict).toBe("within noise");
    const [aq1, amed, aq3] = quartiles(a);
    const [bq1, bmed, bq3] = quartiles(b);
    const robust = compareWalltime(robustStats(amed!, aq1!, aq3!, a.length)!, robustStats(bmed!, bq1!, bq3!, b.length)!);
    expect(robust.verdict).toBe("slower");
    expect(robust.change).toBeCloseTo(0.05, 2);
    const same = tailed(13, 1000);
    const [sq1, smed, sq3] = quartiles(same);
    expect(compareWalltime(robustStats(amed!, aq1!, aq3!, a.length)!, robustStats(smed!, sq1!, sq3!, same.length)!).verdict).toBe("within noise");
  });

  test("robustStats() needs spread and enough rounds", () => {
    expect(robustStats(10, 10, 10, 100)).toBeUndefined();
    expect(robustStats(10, 9, 11, 4)).toBeUndefined();
    expect(robustStats(10, 9, 11, 100)!.stdev).toBeCloseTo((1.2533 * 2) / 1.349, 10);
  });

  test("real runs of identical code are within noise", async () => {
    // Captured @codspeed/tinybench-plugin results of the same code, run back to back.
    const a = (await Bun.file(`${import.meta.dir}/../../test/fixtures/history/walltime-results-fib-run1.json`).json()) as Fixture;
    const b = (await Bun.file(`${import.meta.dir}/../../test/fixtures/history/walltime-results-fib-run3.json`).json()) as Fixture;
    for (const i of [0, 1]) {
      const s = (f: Fixture) => ({ mean: f.benchmarks[i]!.stats.mean_ns, stdev: f.benchmarks[i]!.stats.stdev_ns, n: f.benchmarks[i]!.stats.rounds });
      expect(compareWalltime(s(a), s(b)).verdict).toBe("within noise");
    }
  });
});

interface Fixture {
  benchmarks: Array<{ stats: { mean_ns: number; stdev_ns: number; rounds: number } }>;
}
