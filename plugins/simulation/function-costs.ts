/**
 * Per-function costs of one callgrind part: self cost from plain cost lines, inclusive cost = self
 * plus the inclusive cost of every call made (the cost line after `calls=`).
 *
 * @module
 */
import { addCosts } from "./callgrind-bytes.ts";
import type { NameInterner } from "./name-interner.ts";

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

/** Key of a function: the same name in two objects is two functions. */
export function functionKey(object: string, name: string): string {
  return `${object}\u0000${name}`;
}

/** Accumulates cost lines into functions and call edges; names are ids of the parser's interner. */
export class FunctionCostTable {
  /** Object id → name id → function; small-integer keys on both levels keep lookups on the fast path. */
  private readonly byObject = new Map<number, Map<number, FunctionCost>>();
  /** Every function in order of first sight (the order of {@link list}). */
  private readonly all: FunctionCost[] = [];
  private readonly edges = new Map<FunctionCost, Map<FunctionCost, CallEdge>>();

  constructor(
    private readonly width: number,
    private readonly names: NameInterner,
  ) {}

  function(object: number, name: number): FunctionCost {
    let byName = this.byObject.get(object);
    if (!byName) this.byObject.set(object, (byName = new Map()));
    let f = byName.get(name);
    if (!f) {
      const names = this.names.names;
      f = { name: names[name]!, object: names[object]!, self: new Array(this.width).fill(0), inclusive: new Array(this.width).fill(0), callees: [] };
      byName.set(name, f);
      this.all.push(f);
    }
    return f;
  }

  /** Adds a plain cost line (`buf[start, end)`, costs after `positions` fields) to the function's self cost. */
  addSelf(f: FunctionCost, buf: Uint8Array, start: number, end: number, positions: number): void {
    addCosts(buf, start, end, positions, f.self, f.inclusive);
  }

  /** Adds the cost line following `calls=` to the edge and to the caller's inclusive cost. */
  addCall(f: FunctionCost, object: number, name: number, calls: number, buf: Uint8Array, start: number, end: number, positions: number): void {
    let perCaller = this.edges.get(f);
    if (!perCaller) this.edges.set(f, (perCaller = new Map()));
    // A callee that is never entered with its own `fn=` block still has to exist as a function.
    const callee = this.function(object, name);
    let edge = perCaller.get(callee);
    if (!edge) {
      edge = { name: callee.name, object: callee.object, calls: 0, inclusive: new Array(this.width).fill(0) };
      perCaller.set(callee, edge);
      f.callees.push(edge);
    }
    edge.calls += calls;
    // Direct recursion is already inside the caller's own cost: counting it again would inflate it.
    addCosts(buf, start, end, positions, edge.inclusive, callee !== f ? f.inclusive : undefined);
  }

  list(): FunctionCost[] {
    return [...this.all];
  }
}
