import { expect, test } from "bun:test";
import { walltime } from "../../test/history/make-record.ts";
import { BUILTIN_MODES } from "../plugin/builtin-modes.ts";
import { headlineOf, headlineValue, tableColumns } from "./headline.ts";

test("every built-in mode declares one headline, read from the stored metric", () => {
  expect(BUILTIN_MODES.filter((m) => m.headline).map((m) => m.name).sort()).toEqual(["memory", "simulation", "walltime"]);
  const h = headlineOf({ instrument: "walltime" });
  expect(headlineValue(h, { name: "a", uri: "a", metrics: { time: 1e-6, median_ns: 1500, mean_ns: 2000 } })).toBeCloseTo(1.5e-6, 15);
  expect(headlineValue(h, { name: "a", uri: "a", metrics: { mean_ns: 2000 } })).toBeCloseTo(2e-6, 15);
  expect(headlineValue(headlineOf({ instrument: "plugin-x" }), { name: "a", uri: "a", metrics: { time: 1 } })).toBeNull();
});

test("a measurement's own rules win over the built-in of the same name", () => {
  const headline = { metric: "score", keys: ["score"], scale: 1, column: { key: "score", label: "Score", unit: "count" as const }, statistic: "points" };
  const m = { instrument: "walltime", title: "X", columns: [], benchmarks: [], rules: { mode: "points", headline, metrics: {} } };
  expect(tableColumns(m).map((c) => c.label)).toEqual(["Score"]);
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
