/**
 * The parse result in the shape the parser returned before per-function costs became columns: an
 * object per function with its name, cost arrays and callees. The snapshots and the big file's hash
 * are of that shape, so they stay the old parser's words; tests that look at functions one by one
 * read them this way too.
 *
 * @module
 */
import type { CallgrindFile } from "../../plugins/simulation/parse-callgrind.ts";
import type { FunctionCosts } from "../../plugins/simulation/function-costs.ts";

/** One call edge: the caller spent `inclusive` in `calls` calls of this callee. */
export interface CallEdge {
  name: string;
  object: string;
  calls: number;
  inclusive: number[];
}

/** Costs of one function, each array aligned with the part's `events`. */
export interface FunctionCost {
  name: string;
  object: string;
  self: number[];
  inclusive: number[];
  callees: CallEdge[];
}

/** Every function of `costs` in order, with its callees in order. */
export function functionList(costs: FunctionCosts): FunctionCost[] {
  const text = (id: number) => costs.names.text(id);
  return Array.from({ length: costs.count }, (_, f) => ({
    name: text(costs.nameOf(f)),
    object: text(costs.objectOf(f)),
    self: costs.self.vector(f),
    inclusive: costs.inclusiveVector(f),
    callees: Array.from(costs.edgesOf(f), (e) => {
      const callee = costs.calleeOf(e);
      return { name: text(costs.nameOf(callee)), object: text(costs.objectOf(callee)), calls: costs.callsOf(e), inclusive: costs.edgeCosts.vector(e) };
    }),
  }));
}

/** The whole file in the old shape (the parts' keys in the same order). */
export function oldShape(file: CallgrindFile) {
  return { ...file, parts: file.parts.map((p) => (p.functions ? { ...p, functions: functionList(p.functions) } : { ...p })) };
}
