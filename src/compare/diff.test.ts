import { describe, expect, test } from "bun:test";
import { MACHINE, makeRecord, memory, simulation, walltime } from "../../test/history/make-record.ts";
import { compareRuns } from "./diff.ts";
import { parseThresholds } from "./thresholds.ts";

describe("compareRuns()", () => {
  test("identical simulation runs: every metric unchanged, no regression", () => {
    const c = compareRuns(makeRecord({ measurements: [simulation()] }), makeRecord({ measurements: [simulation()] }));
    expect(c.rows.map((r) => `${r.name}/${r.metric}:${r.verdict}`)).toEqual([
      "fib 15/time:unchanged", "fib 15/ir:unchanged", "fib 15/estimated_cycles:unchanged",
      "fib 20/time:unchanged", "fib 20/ir:unchanged", "fib 20/estimated_cycles:unchanged",
    ]);
    expect(c.regressions).toEqual([]);
    expect(c.warnings).toEqual([]);
  });

  test("a benchmark 20 % slower in instructions is the only regression at the default 5 %", () => {
    const c = compareRuns(makeRecord({ measurements: [simulation()] }), makeRecord({ measurements: [simulation({ "fib 20": 1.2 })] }));
    expect(c.regressions.map((r) => `${r.name}/${r.metric}`)).toEqual(["fib 20/time"]);
    const ir = c.rows.find((r) => r.name === "fib 20" && r.metric === "ir")!;
    expect(ir.change).toBeCloseTo(0.2, 6);
    expect(ir.verdict).toBe("slower");
    expect(ir.statistical).toBe(false);
  });

  test("a looser threshold lets the same change pass; gating on ir works", () => {
    const base = makeRecord({ measurements: [simulation()] });
    const head = makeRecord({ measurements: [simulation({ "fib 20": 1.2 })] });
    expect(compareRuns(base, head, { thresholds: parseThresholds({ default: "25%" }) }).regressions).toEqual([]);
    const ir = compareRuns(base, head, { thresholds: parseThresholds({ default: "25%", metrics: { "simulation.ir": "10%" } }) });
    expect(ir.regressions.map((r) => r.metric)).toEqual(["ir"]);
  });

  test("deterministic metrics are exact, but a change inside the threshold reads unchanged", () => {
    const base = makeRecord({ measurements: [memory(1000)] });
    const head = makeRecord({ measurements: [memory(1001)] });
    const peak = compareRuns(base, head).rows.find((r) => r.metric === "peak_bytes")!;
    expect(peak.change).toBeCloseTo(0.001, 9);
    expect(peak.verdict).toBe("unchanged");
    expect(peak.regression).toBe(false);
    expect(compareRuns(base, makeRecord({ measurements: [memory(1100)] })).rows.find((r) => r.metric === "peak_bytes")!.verdict).toBe("slower");
    const gated = compareRuns(base, head, { thresholds: parseThresholds({ metrics: { peak_bytes: 0 } }) });
    expect(gated.regressions.map((r) => r.metric)).toEqual(["peak_bytes"]);
  });

  test("walltime uses the t-test on the medians: +30 % is slower, the same run unchanged", () => {
    const base = makeRecord({ mode: "walltime", measurements: [walltime()] });
    const same = compareRuns(base, makeRecord({ mode: "walltime", measurements: [walltime()] }));
    expect(same.rows.map((r) => r.verdict)).toEqual(["unchanged", "unchanged"]);
    const slow = compareRuns(base, makeRecord({ mode: "walltime", measurements: [walltime(undefined, 1.3)] }));
    expect(slow.rows.map((r) => r.verdict)).toEqual(["slower", "slower"]);
    expect(slow.rows[0]!.statistical).toBe(true);
    expect(slow.rows[0]!.location).toBe("median");
    expect(slow.rows[0]!.base).toBeCloseTo(10811e-9, 10);
    expect(slow.regressions.length).toBe(2);
  });

  test("identical code run twice on a busy VM: no regression at the default gate; history noise calms the verdict", () => {
    // Captured back-to-back runs: fib 15's median moved +3.4 % with p ≈ 1e-181, which is real
    // run-to-run drift that the within-run variance cannot see.
    const a = makeRecord({ mode: "walltime", measurements: [walltime("walltime-results-fib-run1.json")] });
    const b = makeRecord({ mode: "walltime", measurements: [walltime("walltime-results-fib-run3.json")] });
    const c = compareRuns(a, b);
    expect(c.rows[0]!.change).toBeCloseTo(0.034, 3);
    expect(c.regressions).toEqual([]);
    expect(c.rows.map((r) => r.verdict)).toEqual(["unchanged", "unchanged"]);
    // With the run-to-run variation of earlier runs of the base commit (15 % here), even a change
    // past the threshold is inside the noise floor.
    const loose = { thresholds: parseThresholds({ default: "1%" }) };
    expect(compareRuns(a, b, loose).rows[0]!.verdict).toBe("slower");
    const noisy = compareRuns(a, b, { ...loose, runToRunCv: () => 0.15 });
    expect(noisy.rows.map((r) => r.verdict)).toEqual(["unchanged", "unchanged"]);
    expect(noisy.regressions).toEqual([]);
  });

  test("walltime falls back to the means without quartiles", () => {
    const strip = (r: ReturnType<typeof makeRecord>) => {
      for (const b of r.measurements[0]!.benchmarks) for (const k of ["median_ns", "q1_ns", "q3_ns"]) delete b.metrics[k];
      return r;
    };
    const base = strip(makeRecord({ mode: "walltime", measurements: [walltime()] }));
    const c = compareRuns(base, strip(makeRecord({ mode: "walltime", measurements: [walltime(undefined, 1.3)] })));
    expect(c.rows[0]!.location).toBe("mean");
    expect(c.rows[0]!.base).toBeCloseTo(11652.08e-9, 10);
    expect(c.rows[0]!.verdict).toBe("slower");
  });

  test("new and missing benchmarks are listed, not regressions", () => {
    const base = makeRecord({ measurements: [simulation(), memory()] });
    const head = makeRecord({ measurements: [simulation()] });
    const c = compareRuns(head, base);
    expect(c.rows.filter((r) => r.instrument === "memory").map((r) => r.verdict)).toEqual(["new", "new", "new"]);
    expect(compareRuns(base, head).rows.filter((r) => r.instrument === "memory").every((r) => r.verdict === "missing")).toBe(true);
  });

  test("warns when the machine fingerprints differ", () => {
    const other = { ...MACHINE, kernel: "6.1.0", tools: { ...MACHINE.tools, valgrind: "3.22.0" } };
    const c = compareRuns(makeRecord({ measurements: [simulation()] }), makeRecord({ machine: other, measurements: [simulation()] }));
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toContain(`kernel: "6.18.0" → "6.1.0"`);
    expect(c.warnings[0]).toContain(`valgrind: "3.19.0" → "3.22.0"`);
  });
});
