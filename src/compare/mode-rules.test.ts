import { expect, test } from "bun:test";
import type { Measurement, MeasurementRules } from "../plugin/types.ts";
import { makeRecord } from "../../test/history/make-record.ts";
import { compareRuns } from "./diff.ts";

const rules: MeasurementRules = {
  mode: "score",
  metrics: { score: { compare: "exact", better: "higher", gate: true, shown: true }, cost: { compare: "exact", better: "lower", shown: true } },
};
const m = (score: number, cost: number): Measurement => ({
  instrument: "score",
  title: "Score",
  columns: [],
  benchmarks: [{ name: "a", uri: "s::a", metrics: { score, cost } }],
  rules,
});

test("a user mode's rules drive compare: higher is an improvement for a `better: higher` metric", () => {
  const c = compareRuns(makeRecord({ measurements: [m(100, 10)] }), makeRecord({ measurements: [m(150, 15)] }));
  const row = (metric: string) => c.rows.find((r) => r.metric === metric)!;
  expect(row("score")).toMatchObject({ verdict: "faster", regression: false, allowed: 0.05 });
  expect(row("cost")).toMatchObject({ verdict: "slower", regression: false, allowed: undefined });
});

test("a fall of a gated `better: higher` metric beyond the threshold is a regression", () => {
  const c = compareRuns(makeRecord({ measurements: [m(100, 10)] }), makeRecord({ measurements: [m(80, 10)] }));
  expect(c.regressions.map((r) => [r.metric, r.verdict])).toEqual([["score", "slower"]]);
});
