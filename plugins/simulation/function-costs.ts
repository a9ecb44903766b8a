/**
 * Per-function costs of one callgrind part: self cost from plain cost lines, inclusive cost = self
 * plus the inclusive cost of every call made (the cost line after `calls=`).
 *
 * Kept as columns (name ids, cost vectors in typed chunks), not an object with arrays and a name
 * string per function: the result of a big file has 80,000 functions and 90,000 edges, and its
 * memory, touched for the first time, is what such a parse spends most on. Names are decoded only for
 * the functions a consumer keeps.
 *
 * @module
 */
import { addCostLine } from "./callgrind-bytes.ts";
import { CostVectors } from "./cost-vectors.ts";
import type { NameInterner } from "./name-interner.ts";

/** Ids below this fit twice in one exact integer key (2^26 · 2^26 < 2^53): 67 million names or functions. */
const KEY_SPAN = 2 ** 26;

/**
 * Functions numbered in order of first sight (a function is its object and name: the same name in
 * two objects is two functions), call edges numbered in order of first sight, each cost vector
 * aligned with the part's events. One map of number keys per level, not a map per function.
 */
export class FunctionCosts {
  /** Name ids of each function's object and name. */
  readonly objectOf: number[] = [];
  readonly nameOf: number[] = [];
  readonly self: CostVectors;
  readonly inclusive: CostVectors;
  /** Per edge: the calling and the called function, the number of calls, the inclusive cost of those calls. */
  readonly callerOf: number[] = [];
  readonly calleeOf: number[] = [];
  readonly callsOf: number[] = [];
  readonly edgeCosts: CostVectors;
  /** `object · 2^26 + name` → function number. */
  private readonly byName = new Map<number, number>();
  /** `caller · 2^26 + callee` → edge number. */
  private readonly byEdge = new Map<number, number>();
  /** Receives the sums that must not be counted (direct recursion). */
  private readonly discarded: Float64Array;
  /** Edges grouped by caller, in order of first sight (built when first asked for). */
  private outgoing: { start: Int32Array; edges: Int32Array } | undefined;

  constructor(
    readonly width: number,
    readonly names: NameInterner,
  ) {
    this.self = new CostVectors(width);
    this.inclusive = new CostVectors(width);
    this.edgeCosts = new CostVectors(width);
    this.discarded = new Float64Array(width);
  }

  get count(): number {
    return this.nameOf.length;
  }

  get edgeCount(): number {
    return this.callerOf.length;
  }

  /** The number of the function `name` of `object` (name ids), added on first sight. */
  function(object: number, name: number): number {
    const key = object * KEY_SPAN + name;
    const found = this.byName.get(key);
    if (found !== undefined) return found;
    if (object >= KEY_SPAN || name >= KEY_SPAN) throw new RangeError(`more than ${KEY_SPAN} callgrind names`);
    this.objectOf.push(object);
    this.nameOf.push(name);
    this.self.add();
    this.inclusive.add();
    this.byName.set(key, this.count - 1);
    return this.count - 1;
  }

  /** The number of the edge from function `caller` to function `callee`, added on first sight. */
  edge(caller: number, callee: number): number {
    const key = caller * KEY_SPAN + callee;
    const found = this.byEdge.get(key);
    if (found !== undefined) return found;
    this.callerOf.push(caller);
    this.calleeOf.push(callee);
    this.callsOf.push(0);
    this.edgeCosts.add();
    this.byEdge.set(key, this.edgeCount - 1);
    this.outgoing = undefined;
    return this.edgeCount - 1;
  }

  /** Adds a plain cost line (from `start` to its `\n` or `end`, costs after `positions` fields) to the function's self cost; returns where the line ends. */
  addSelf(f: number, buf: Uint8Array, start: number, end: number, positions: number): number {
    const { self, inclusive } = this;
    return addCostLine(buf, start, end, positions, self.chunk(f), self.offset(f), inclusive.chunk(f), inclusive.offset(f), this.width);
  }

  /** Adds the cost line following `calls=` to the edge and to the caller's inclusive cost; returns where the line ends. */
  addCall(f: number, object: number, name: number, calls: number, buf: Uint8Array, start: number, end: number, positions: number): number {
    // A callee that is never entered with its own `fn=` block still has to exist as a function.
    const callee = this.function(object, name);
    const e = this.edge(f, callee);
    this.callsOf[e]! += calls;
    const { edgeCosts, inclusive } = this;
    // Direct recursion is already inside the caller's own cost: counting it again would inflate it.
    const into = callee !== f ? inclusive.chunk(f) : this.discarded;
    const at = callee !== f ? inclusive.offset(f) : 0;
    return addCostLine(buf, start, end, positions, edgeCosts.chunk(e), edgeCosts.offset(e), into, at, this.width);
  }

  /** The edges of function `f`, in order of first sight. */
  edgesOf(f: number): Int32Array {
    this.outgoing ??= this.groupEdges();
    return this.outgoing.edges.subarray(this.outgoing.start[f]!, this.outgoing.start[f + 1]!);
  }

  private groupEdges(): { start: Int32Array; edges: Int32Array } {
    const start = new Int32Array(this.count + 1);
    for (const c of this.callerOf) start[c + 1]!++;
    for (let f = 0; f < this.count; f++) start[f + 1]! += start[f]!;
    const next = start.slice(0, this.count);
    const edges = new Int32Array(this.edgeCount);
    for (let e = 0; e < this.edgeCount; e++) edges[next[this.callerOf[e]!]!++] = e;
    return { start, edges };
  }
}
