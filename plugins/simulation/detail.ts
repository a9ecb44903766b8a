/**
 * The per-function part of a benchmark's result (kept with the run so a flame graph or call graph
 * can be drawn later): the most expensive functions by inclusive Ir and the calls between them.
 *
 * @module
 */
import type { FunctionCosts } from "./function-costs.ts";

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

/**
 * The numbers of the {@link MAX_FUNCTIONS} functions with the highest inclusive Ir (ties by name, then
 * order). Only functions at or above the cut-off value are sorted, so names are decoded for few.
 */
function topFunctions(fns: FunctionCosts, ir: number): number[] {
  const values = fns.inclusiveColumn(ir);
  const sorted = values.slice().sort();
  const cut = Math.max(sorted[sorted.length - MAX_FUNCTIONS] ?? 0, Number.MIN_VALUE);
  const candidates: number[] = [];
  for (let f = 0; f < fns.count; f++) if (values[f]! >= cut) candidates.push(f);
  const name = (f: number) => fns.names.text(fns.nameOf(f));
  return candidates.sort((a, b) => values[b]! - values[a]! || name(a).localeCompare(name(b))).slice(0, MAX_FUNCTIONS);
}

/** Keeps the {@link MAX_FUNCTIONS} functions with the highest inclusive Ir and the edges between them. */
export function benchmarkDetail(
  events: string[],
  functions: FunctionCosts | undefined,
  source: SimulationDetail["source"],
): Record<string, unknown> {
  const ir = Math.max(0, events.indexOf("Ir"));
  const kept = functions ? topFunctions(functions, ir) : [];
  const index = new Map(kept.map((f, i) => [f, i]));
  const out: FunctionDetail[] = kept.map((f) => {
    const fns = functions!;
    const calls: Array<[number, number, number]> = [];
    // Only Ir per call: the edges are for drawing, and full cost vectors would triple the record.
    for (const e of fns.edgesOf(f)) {
      const i = index.get(fns.calleeOf(e));
      if (i !== undefined) calls.push([i, fns.callsOf(e), ir < fns.width ? fns.edgeCosts.at(e, ir) : 0]);
    }
    return { name: fns.names.text(fns.nameOf(f)), object: fns.names.text(fns.objectOf(f)), self: fns.self.vector(f), inclusive: fns.inclusiveVector(f), calls };
  });
  const detail: SimulationDetail = { source, events, functions: out, omitted: (functions?.count ?? 0) - kept.length };
  return { ...detail };
}
