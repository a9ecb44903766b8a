/**
 * Per-function costs of one callgrind part: self cost from plain cost lines, inclusive cost = self
 * plus the inclusive cost of every call made (the cost line after `calls=`).
 *
 * @module
 */

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

/**
 * Adds the cost columns of a split cost line (`tokens[from…]`) into each target, in place. Parsing
 * straight into the accumulators keeps large files from allocating an array per line.
 */
export function addTokens(tokens: string[], from: number, a: number[], b?: number[]): void {
  const n = Math.min(a.length, tokens.length - from);
  for (let j = 0; j < n; j++) {
    const t = tokens[from + j]!;
    if (t === "" || t === "0") continue;
    const v = +t;
    a[j]! += v;
    if (b) b[j]! += v;
  }
}

/** Accumulates cost lines into functions and call edges. */
export class FunctionCostTable {
  private readonly byKey = new Map<string, FunctionCost>();
  private readonly edges = new Map<FunctionCost, Map<string, CallEdge>>();

  constructor(private readonly width: number) {}

  function(object: string, name: string): FunctionCost {
    const key = functionKey(object, name);
    let f = this.byKey.get(key);
    if (!f) {
      f = { name, object, self: new Array(this.width).fill(0), inclusive: new Array(this.width).fill(0), callees: [] };
      this.byKey.set(key, f);
    }
    return f;
  }

  /** Adds a plain cost line (`tokens` after `from` positions) to the function's self cost. */
  addSelf(f: FunctionCost, tokens: string[], from: number): void {
    addTokens(tokens, from, f.self, f.inclusive);
  }

  /** Adds the cost line following `calls=` to the edge and to the caller's inclusive cost. */
  addCall(f: FunctionCost, object: string, name: string, calls: number, tokens: string[], from: number): void {
    let perCaller = this.edges.get(f);
    if (!perCaller) this.edges.set(f, (perCaller = new Map()));
    const key = functionKey(object, name);
    let edge = perCaller.get(key);
    if (!edge) {
      edge = { name, object, calls: 0, inclusive: new Array(this.width).fill(0) };
      perCaller.set(key, edge);
      f.callees.push(edge);
      // A callee that is never entered with its own `fn=` block still has to exist as a function.
      this.function(object, name);
    }
    edge.calls += calls;
    // Direct recursion is already inside the caller's own cost: counting it again would inflate it.
    addTokens(tokens, from, edge.inclusive, key !== functionKey(f.object, f.name) ? f.inclusive : undefined);
  }

  list(): FunctionCost[] {
    return [...this.byKey.values()];
  }
}
