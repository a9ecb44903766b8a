import { expect, test } from "bun:test";
import { renderTable } from "./table.ts";

test("renders the walltime table of reference §9 with right-aligned numbers, the median as its time", () => {
  const text = renderTable({
    instrument: "walltime",
    title: "Walltime",
    columns: [
      { key: "time", label: "Time (best)", unit: "seconds" },
      { key: "iterations", label: "Iterations", unit: "count" },
      { key: "rel_stdev", label: "StdDev", unit: "percent" },
    ],
    benchmarks: [
      { name: "fib 15", uri: "a::fib 15", metrics: { time: 3.1e-6, median_ns: 3786, iterations: 25448, rel_stdev: 21.85 } },
      { name: "json roundtrip", uri: "a::json", metrics: { time: 0.001, median_ns: 1.2e6, iterations: null, rel_stdev: 1.2 } },
    ],
  });
  expect(text).toMatchInlineSnapshot(`
    "╭──────────────────────────────────────────────────────╮
    │ Walltime Instrument                                  │
    ├────────────────┬───────────────┬────────────┬────────┤
    │ Benchmark      │ Time (median) │ Iterations │ StdDev │
    ├────────────────┼───────────────┼────────────┼────────┤
    │ fib 15         │       3.79 µs │     25,448 │ 21.85% │
    │ json roundtrip │       1.20 ms │          - │  1.20% │
    ╰────────────────┴───────────────┴────────────┴────────╯"
  `);
});
