import { expect, test } from "bun:test";
import * as v from "valibot";
import { renderTable } from "../../../src/results/table.ts";
import { EXEC_COLUMNS, execDetail, execMetrics, RELATIVE_COLUMN, relativeNotes } from "./exec-detail.ts";
import { walltimeMeasurement } from "./measurement.ts";
import { parseResultsText } from "./results-json.ts";

// Shape of a real `pacer exec --command true --command 'sleep 0.05'` results file, trimmed to 2 rounds.
const stats = (ns: number) => ({ min_ns: ns, max_ns: ns, mean_ns: ns, stdev_ns: 0, q1_ns: ns, median_ns: ns, q3_ns: ns, rounds: 2, total_time: (2 * ns) / 1e9, iqr_outlier_rounds: 0, stdev_outlier_rounds: 0, iter_per_round: 1, warmup_iters: 0 });
const rounds = (name: string, ns: number, relative: object) => ({
  uri: `exec_harness::${name}`, name, command: ["sh", "-c", name], times_ns: [ns, ns], user_ns: [1e6, 3e6], sys_ns: [2e6, 2e6], exit_codes: [0, 0], shell_overhead_ns: 900_000, relative,
});
const FILE = {
  creator: { name: "pacer", version: "0.1.0", pid: 7 },
  instrument: { type: "walltime" },
  benchmarks: [
    { name: "true", uri: "exec_harness::true", config: null, stats: stats(1e6) },
    { name: "sleep 0.05", uri: "exec_harness::sleep 0.05", config: null, stats: stats(50e6) },
  ],
  metadata: {
    shell_overhead_ns: { "sh -c": 900_000 }, shell_overhead_samples: 20,
    exec: { interleaved: true, benchmarks: [rounds("true", 1e6, { ratio: 1, ratio_stddev: 0, reference: "true" }), rounds("sleep 0.05", 50e6, { ratio: 50, ratio_stddev: 1.5, reference: "true" })] },
  },
};

test("the results schema keeps metadata.exec, and it becomes User, System and Relative", () => {
  const parsed = parseResultsText(v, JSON.stringify(FILE), "results/7.json");
  const ex = parsed.metadata!.exec!.benchmarks;
  expect(ex[1]!.times_ns).toEqual([50e6, 50e6]);
  expect(execMetrics(ex[0]!)).toEqual({ user_time: 0.002, system_time: 0.002, relative: "1.00", relative_ratio: 1, relative_ratio_stddev: 0 });
  expect(execMetrics(ex[1]!).relative).toBe("50.00 ± 1.50");
  expect(relativeNotes(ex)).toEqual(["sleep 0.05: 50.00 ± 1.50 × slower than true (means; ± by error propagation of the standard deviations)"]);
  const m = walltimeMeasurement(
    parsed.benchmarks.map((b, i) => ({ bench: b, extra: execMetrics(ex[i]!), detail: execDetail(ex[i]!) })),
    [],
    [...EXEC_COLUMNS, RELATIVE_COLUMN],
  );
  const table = renderTable(m);
  expect(table).toContain("│ User │");
  expect(table).toMatch(/│ sleep 0\.05 .*│ 50\.00 ± 1\.50 │/);
  expect((m.benchmarks[1]!.detail!.exec as { user_ns: number[] }).user_ns).toEqual([1e6, 3e6]);
});
