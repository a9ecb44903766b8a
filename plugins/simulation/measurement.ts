/**
 * The "CPU Simulation Instrument" table (reference §9) and its notes.
 *
 * @module
 */
import type { BenchmarkResult, Column, Measurement } from "../../src/index.ts";
import { FORMULA_NOTES } from "./metrics.ts";

/** Columns of reference §9: Time, Instr., Cache, Memory (shares of the time), Sys. Time. */
export const SIMULATION_COLUMNS: Column[] = [
  { key: "time", label: "Time", unit: "seconds" },
  { key: "instr_pct", label: "Instr.", unit: "percent", digits: 1 },
  { key: "cache_pct", label: "Cache", unit: "percent", digits: 1 },
  { key: "memory_pct", label: "Memory", unit: "percent", digits: 1 },
  { key: "sys_time", label: "Sys. Time", unit: "seconds" },
];

/** With `--cycle-estimation=false` there is no cache model: the notes say what the time is then. */
export const INSTRUCTION_NOTES = ["Cycle estimation off: time = instructions / 3 GHz, no cache model"];

export function simulationMeasurement(benchmarks: BenchmarkResult[], cycleEstimation = true): Measurement {
  return {
    instrument: "simulation",
    title: "CPU Simulation",
    columns: SIMULATION_COLUMNS,
    benchmarks,
    notes: cycleEstimation ? FORMULA_NOTES : INSTRUCTION_NOTES,
  };
}
