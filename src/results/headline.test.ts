import { expect, test } from "bun:test";
import { walltime } from "../../test/history/make-record.ts";
import { HEADLINES, headlineValue, tableColumns } from "./headline.ts";

test("every built-in mode declares one headline, read from the stored metric", () => {
  expect(Object.keys(HEADLINES).sort()).toEqual(["memory", "simulation", "walltime"]);
  expect(headlineValue("walltime", { name: "a", uri: "a", metrics: { time: 1e-6, median_ns: 1500, mean_ns: 2000 } })).toBeCloseTo(1.5e-6, 15);
  expect(headlineValue("walltime", { name: "a", uri: "a", metrics: { mean_ns: 2000 } })).toBeCloseTo(2e-6, 15);
  expect(headlineValue("plugin-x", { name: "a", uri: "a", metrics: { time: 1 } })).toBeNull();
});

test("walltime tables: the median replaces the best time, StdDev is relative to the median", () => {
  const m = { ...walltime(), columns: [{ key: "time", label: "Time (best)", unit: "seconds" as const }, { key: "rel_stdev", label: "StdDev", unit: "percent" as const }] };
  const cols = tableColumns(m);
  expect(cols.map((c) => c.label)).toEqual(["Time (median)", "StdDev"]);
  const fib20 = m.benchmarks[1]!;
  expect(cols[0]!.value(fib20)).toBeCloseTo(118_702e-9, 12);
  const sd = fib20.metrics.stdev_ns as number;
  expect(cols[1]!.value(fib20)).toBeCloseTo((sd / 118_702) * 100, 6);
});

test("an unknown instrument keeps its own columns", () => {
  const m = { instrument: "x", title: "X", columns: [{ key: "k", label: "K", unit: "count" as const }], benchmarks: [] };
  expect(tableColumns(m).map((c) => c.key)).toEqual(["k"]);
});
