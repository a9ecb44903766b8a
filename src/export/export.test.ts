import { describe, expect, test } from "bun:test";
import { makeRecord, memory, simulation, walltime } from "../../test/history/make-record.ts";
import { toBencher } from "./bencher.ts";
import { toGabBigger, toGabSmaller } from "./github-action-benchmark.ts";

const run = makeRecord({ measurements: [simulation(), walltime(), memory()] });

describe("toBencher()", () => {
  test("one BMF benchmark per uri with the measures of its instrument", () => {
    const bmf = toBencher(run);
    expect(Object.keys(bmf).sort()).toEqual(["bench.mjs::alloc", "bench.mjs::fib 15", "bench.mjs::fib 20"]);
    const fib20 = bmf["bench.mjs::fib 20"]!;
    expect(fib20.instructions).toEqual({ value: 14_218_530 });
    expect(fib20["estimated-cycles"]!.value).toBe(Math.round(14_218_530 * 1.3));
    // walltime of the same uri merges in: the median (the headline statistic) between the quartiles
    expect(fib20.latency!.value).toBeCloseTo(118702, 3);
    expect(fib20.latency!.lower_value).toBeCloseTo(110482, 3);
    expect(fib20.latency!.upper_value).toBeCloseTo(130259, 3);
    expect(bmf["bench.mjs::alloc"]).toEqual({ "peak-memory": { value: 1_048_576 }, "total-allocated": { value: 4_194_304 }, allocations: { value: 1200 } });
    for (const measures of Object.values(bmf)) for (const m of Object.values(measures)) expect(Number.isFinite(m.value)).toBe(true);
  });
});

describe("github-action-benchmark", () => {
  test("customSmallerIsBetter has every metric with a unit", () => {
    const out = toGabSmaller(run);
    expect(out.find((e) => e.name === "bench.mjs::fib 15 - instructions")).toMatchObject({ unit: "instructions", value: 1_284_113 });
    expect(out.find((e) => e.name === "bench.mjs::fib 20 - time")).toMatchObject({ unit: "ns", range: "± 9888.50" });
    expect(out.find((e) => e.name === "bench.mjs::fib 20 - time")!.value).toBeCloseTo(118702, 3);
    expect(out.find((e) => e.name === "bench.mjs::alloc - peak memory")).toMatchObject({ unit: "bytes", value: 1_048_576 });
    expect(out.every((e) => e.extra?.startsWith(`run ${run.id} @ aaaaaaaaaaaa`))).toBe(true);
  });

  test("customBiggerIsBetter has walltime throughput only", () => {
    const out = toGabBigger(run);
    expect(out.map((e) => e.name)).toEqual(["bench.mjs::fib 15 - throughput", "bench.mjs::fib 20 - throughput"]);
    expect(out[1]!.value).toBeCloseTo(1e9 / 118702, 2);
    expect(out[1]!.unit).toBe("ops/s");
  });
});
