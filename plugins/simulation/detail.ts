/**
 * The per-function part of a benchmark's result (kept with the run so a flame graph or call graph
 * can be drawn later): the most expensive functions by inclusive Ir and the calls between them.
 *
 * @module
 */
import { functionKey, type FunctionCost } from "./function-costs.ts";

/** How many functions a benchmark keeps (by inclusive Ir); the rest are below drawing resolution. */
export const MAX_FUNCTIONS = 100;

export interface FunctionDetail {
  name: string;
  object: string;
  /** Costs aligned with `events` of the detail. */
  self: number[];
  inclusive: number[];
  /** Calls to other kept functions: `[index into functions, call count, inclusive Ir]`. */
  calls: Array<[number, number, number]>;
}

export interface SimulationDetail {
  source: { pid: number; file: string; part: number };
  events: string[];
  functions: FunctionDetail[];
  /** Functions left out (below the {@link MAX_FUNCTIONS} most expensive). */
  omitted: number;
}

/** Keeps the {@link MAX_FUNCTIONS} functions with the highest inclusive Ir and the edges between them. */
export function benchmarkDetail(
  events: string[],
  functions: FunctionCost[],
  source: SimulationDetail["source"],
): Record<string, unknown> {
  const ir = Math.max(0, events.indexOf("Ir"));
  const kept = functions
    .filter((f) => (f.inclusive[ir] ?? 0) > 0)
    .sort((a, b) => (b.inclusive[ir] ?? 0) - (a.inclusive[ir] ?? 0) || a.name.localeCompare(b.name))
    .slice(0, MAX_FUNCTIONS);
  const index = new Map(kept.map((f, i) => [functionKey(f.object, f.name), i]));
  const out: FunctionDetail[] = kept.map((f) => ({
    name: f.name,
    object: f.object,
    self: f.self,
    inclusive: f.inclusive,
    // Only Ir per call: the edges are for drawing, and full cost vectors would triple the record.
    calls: f.callees.flatMap((e): Array<[number, number, number]> => {
      const i = index.get(functionKey(e.object, e.name));
      return i === undefined ? [] : [[i, e.calls, e.inclusive[ir] ?? 0]];
    }),
  }));
  const detail: SimulationDetail = { source, events, functions: out, omitted: functions.length - kept.length };
  return { ...detail };
}
