import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { parseResultsText, readResultsDir } from "./results-json.ts";
import { walltimeMeasurement, walltimeMetrics } from "./measurement.ts";

// Every scratch folder this file makes is removed after it.
const made: string[] = [];
const scratch = (prefix: string) => (made.push(mkdtempSync(prefix)), made.at(-1)!);
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

// codspeed-node 5.7.1's real file (codspeed-integrations.md §9), with its extra `metadata` key.
const REAL = {
  creator: { name: "codspeed-node", version: "5.7.1", pid: 15220 },
  instrument: { type: "walltime" },
  benchmarks: [
    {
      name: "fib 15",
      uri: "bench.mjs::demo::fib 15",
      config: { max_rounds: 64, max_time_ns: 100000000, min_round_time_ns: null, warmup_time_ns: 250000000 },
      stats: {
        min_ns: 3694.9999999933425, max_ns: 55772.999999987864, mean_ns: 3929.718209682371, stdev_ns: 858.5987598428329,
        q1_ns: 3745.9999999782667, median_ns: 3785.9999999909633, q3_ns: 4055.9999999914, total_time: 0.10000346899999704,
        iter_per_round: 1, rounds: 25448, iqr_outlier_rounds: 456, stdev_outlier_rounds: 45, warmup_iters: 16,
      },
    },
  ],
  metadata: { async_warning: "Profiling is inaccurate due to async operations" },
};

function profile(files: Record<string, unknown>): string {
  const dir = scratch(join(tmpdir(), "pacer-wt-results-"));
  mkdirSync(join(dir, "results"));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, "results", name), typeof body === "string" ? body : JSON.stringify(body));
  return dir;
}

describe("readResultsDir()", () => {
  test("reads several files, tolerating extra keys and a null config", () => {
    const other = structuredClone(REAL);
    other.creator.pid = 2;
    (other.benchmarks[0] as { config: unknown }).config = null;
    const files = readResultsDir(v, profile({ "15220.json": REAL, "2.json": other, "notes.txt": "x" }), false);
    expect(files.map((f) => f.results.creator.pid)).toEqual([15220, 2]);
    expect(files[0]!.results.benchmarks[0]!.stats.rounds).toBe(25448);
    expect(files[0]!.results.benchmarks[0]!.config?.min_round_time_ns).toBeNull();
  });

  test("no results is the reference's error, unless --allow-empty", () => {
    const dir = scratch(join(tmpdir(), "pacer-wt-none-"));
    expect(() => readResultsDir(v, dir, false)).toThrow("The command did not produce any CodSpeed result to process");
    expect(readResultsDir(v, dir, true)).toEqual([]);
    const empty = profile({ "1.json": { ...REAL, benchmarks: [] } });
    expect(() => readResultsDir(v, empty, false)).toThrow("holds no benchmark");
    expect(readResultsDir(v, empty, true)).toHaveLength(1);
  });

  test("a malformed file names the file and the field", () => {
    const bad = structuredClone(REAL) as unknown as { benchmarks: Array<{ stats: Record<string, unknown> }> };
    bad.benchmarks[0]!.stats.min_ns = "fast";
    expect(() => parseResultsText(v, JSON.stringify(bad), "r.json")).toThrow(/Cannot read walltime results "r.json": .*min_ns/);
    expect(() => parseResultsText(v, "{", "r.json")).toThrow('Cannot read walltime results "r.json": invalid JSON');
  });
});

describe("results validation: bad numbers name the file and the benchmark", () => {
  const withStats = (stats: Record<string, unknown>) => {
    const bad = structuredClone(REAL) as unknown as { benchmarks: Array<{ stats: Record<string, unknown> }> };
    Object.assign(bad.benchmarks[0]!.stats, stats);
    return JSON.stringify(bad);
  };
  test.each([
    ["a non-finite number (1e400)", withStats({ min_ns: 1 }).replace('"min_ns":1', '"min_ns":1e400'), /"r.json": benchmark "bench.mjs::demo::fib 15": stats.min_ns: .*must be a finite number, not Infinity/],
    ["a negative stat", withStats({ stdev_ns: -5 }), /"r.json": benchmark "bench.mjs::demo::fib 15": stats.stdev_ns: .*must be at least 0, not -5/],
    ["zero rounds", withStats({ rounds: 0 }), /"r.json": benchmark "bench.mjs::demo::fib 15": stats.rounds: .*must be at least 1, not 0/],
    ["fractional rounds", withStats({ rounds: 2.5 }), /stats.rounds: .*must be a whole number, not 2.5/],
  ])("%s is refused", (_, text, message) => {
    expect(() => parseResultsText(v, text, "r.json")).toThrow(message);
  });

  test("a results path that is a folder is named, not read", () => {
    const dir = profile({ "1.json": REAL });
    mkdirSync(join(dir, "results", "2.json"));
    expect(() => readResultsDir(v, dir, false)).toThrow(`Cannot read walltime results "${join(dir, "results", "2.json")}": it is a folder`);
  });
});

describe("walltimeMeasurement()", () => {
  test("uses the shared metric keys and the §9 columns", () => {
    const b = parseResultsText(v, JSON.stringify(REAL), "r").benchmarks[0]!;
    const m = walltimeMetrics(b);
    expect(Object.keys(m).sort()).toEqual(
      ["time", "min_ns", "max_ns", "mean_ns", "stdev_ns", "median_ns", "q1_ns", "q3_ns", "rounds", "iterations", "total_time", "rel_stdev"].sort(),
    );
    expect(m.time).toBeCloseTo(3.695e-6, 12);
    expect(m.iterations).toBe(25448);
    expect(m.rel_stdev).toBeCloseTo((858.5987598428329 / 3694.9999999933425) * 100, 9);
    const table = walltimeMeasurement([{ bench: b }]);
    expect(table.title).toBe("Walltime");
    expect(table.columns.map((c) => c.label)).toEqual(["Time (best)", "Iterations", "StdDev", "Total time"]);
  });
});
