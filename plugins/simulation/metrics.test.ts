import { expect, test } from "bun:test";
import { countsOf, simulationMetrics, sumCounts, sysTimeScaleNs } from "./metrics.ts";

// `fib 12` totals from test/fixtures/simulation/node-combined.out.gz.
const EVENTS = ["Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw", "sysCount", "sysTime", "sysCpuTime"];
const FIB = [137568, 41656, 23619, 2579, 774, 312, 2356, 688, 297, 9, 166951, 131865];

test("simulationMetrics() applies L1 hits + 5·LL hits + 35·RAM hits and cycles / 3 GHz", () => {
  const m = simulationMetrics(countsOf(EVENTS, FIB), sysTimeScaleNs("sysTime (elapsed ns)"));
  expect(m.l1_hits).toBe(137568 + 41656 + 23619 - (2579 + 774 + 312));
  expect(m.ll_hits).toBe(2579 + 774 + 312 - (2356 + 688 + 297));
  expect(m.ram_hits).toBe(2356 + 688 + 297);
  expect(m.estimated_cycles).toBe(m.l1_hits! + 5 * m.ll_hits! + 35 * m.ram_hits!);
  expect(m.time).toBeCloseTo(m.estimated_cycles! / 3e9, 15);
  expect(m.sys_count).toBe(9);
  expect(m.sys_time).toBeCloseTo(166951e-9, 15);
  expect(m.instr_pct! + m.cache_pct! + m.memory_pct!).toBeCloseTo(100, 9);
});

test("simulationMetrics() has null sys metrics without --collect-systime and null shares for zero cost", () => {
  const m = simulationMetrics({ Ir: 0, Dr: 0, Dw: 0 });
  expect(m.sys_count).toBeNull();
  expect(m.sys_time).toBeNull();
  expect(m.instr_pct).toBeNull();
  expect(m.time).toBe(0);
});

test("sysTimeScaleNs() follows the unit callgrind names in the event description", () => {
  expect(sysTimeScaleNs("sysTime (elapsed ns)")).toBe(1);
  expect(sysTimeScaleNs("sysTime (elapsed us)")).toBe(1e3);
  expect(sysTimeScaleNs("sysTime (elapsed ms)")).toBe(1e6);
});

test("sumCounts() adds the processes of an exec benchmark", () => {
  expect(sumCounts({ Ir: 1, Dr: 2 }, { Ir: 3, Dw: 4 })).toEqual({ Ir: 4, Dr: 2, Dw: 4 });
});
