/**
 * Per-function costs of one callgrind part: self cost from plain cost lines, inclusive cost = self
 * plus the inclusive cost of every call made (the cost line after `calls=`).
 *
 * Kept as columns (name ids in typed chunks, packed cost vectors), not an object with arrays and a
 * name string per function: the result of a big file has 80,000 functions and 90,000 edges, and its
 * memory, touched for the first time, is what such a parse spends most on. Names are decoded only for
 * the functions a consumer keeps.
 *
 * @module
 */
import { addCostLines } from "./callgrind-bytes.ts";
import { doubleColumn, intColumn } from "./column.ts";
import { CostVectors } from "./cost-vectors.ts";
import { IdIndex, pairHash } from "./id-index.ts";
import { withoutTopTier } from "./jit-tier.ts";
import type { NameInterner } from "./name-interner.ts";

/**
 * Functions numbered in order of first sight (a function is its object and name: the same name in
 * two objects is two functions), call edges numbered in order of first sight, each cost vector
 * aligned with the part's events.
 *
 * A parse adds each cost line once, to a function's self cost or to a call's cost. A function's
 * inclusive cost is its self cost plus the cost of its calls: made from those when asked for
 * ({@link inclusiveColumn}, {@link inclusiveVector}, {@link inclusiveRows}), for the one column or the few functions a consumer
 * wants, not kept for all of them. A table made by merging others ({@link explicitInclusive}) keeps
 * them instead.
 */
export class FunctionCosts {
  private readonly objects = intColumn();
  private readonly nameIds = intColumn();
  private readonly selfCosts: CostVectors;
  private readonly callers = intColumn();
  private readonly callees = intColumn();
  private readonly calls = doubleColumn();
  readonly edgeCosts: CostVectors;
  /** Per name id: its first function + 1 (0: none); per function: the next one with its name + 1. */
  private readonly firstOfName = intColumn();
  private readonly nextOfName = intColumn();
  /** Edge numbers by `(caller, callee)`. */
  private readonly byEdge = new IdIndex();
  /** Edges grouped by caller, in order of first sight (built when first asked for). */
  private outgoing: { start: Int32Array; edges: Int32Array } | undefined;
  private readonly explicit: CostVectors | undefined;
  /** The self cost lines of function {@link pending}, summed before they go into its packed vector. */
  private readonly scratch: Float64Array;
  private pending = -1;
  /** One call's cost line, likewise. */
  private readonly callScratch: Float64Array;

  /** `explicitInclusive`: the inclusive costs are added by the caller (into {@link explicitInclusive}) rather than made from the calls. */
  constructor(
    readonly width: number,
    readonly names: NameInterner,
    explicitInclusive = false,
  ) {
    this.selfCosts = new CostVectors(width);
    this.edgeCosts = new CostVectors(width);
    this.explicit = explicitInclusive ? new CostVectors(width) : undefined;
    this.scratch = new Float64Array(width);
    this.callScratch = new Float64Array(width);
  }

  /** Each function's own cost (not counting its calls). */
  get self(): CostVectors {
    this.flushSelf();
    return this.selfCosts;
  }

  get count(): number {
    return this.nameIds.length;
  }

  get edgeCount(): number {
    return this.callers.length;
  }

  /** The name id of function `f`'s object. */
  objectOf(f: number): number {
    return this.objects.get(f);
  }

  /** The name id of function `f`'s name. */
  nameOf(f: number): number {
    return this.nameIds.get(f);
  }

  /** The calling function of edge `e`. */
  callerOf(e: number): number {
    return this.callers.get(e);
  }

  /** The called function of edge `e`. */
  calleeOf(e: number): number {
    return this.callees.get(e);
  }

  /** How many calls edge `e` stands for. */
  callsOf(e: number): number {
    return this.calls.get(e);
  }

  /** The inclusive costs a table made with `explicitInclusive` keeps; undefined otherwise. */
  get explicitInclusive(): CostVectors | undefined {
    return this.explicit;
  }

  /** The number of the function `name` of `object` (name ids), added on first sight. */
  function(object: number, name: number): number {
    for (let f = this.firstOfName.get(name) - 1; f >= 0; f = this.nextOfName.get(f) - 1) {
      if (this.objects.get(f) === object) return f;
    }
    const f = this.objects.push(object);
    this.nameIds.push(name);
    this.nextOfName.push(this.firstOfName.get(name));
    this.firstOfName.set(name, f + 1);
    this.selfCosts.add();
    this.explicit?.add();
    return f;
  }

  /** The number of the edge from function `caller` to function `callee`, added on first sight. */
  edge(caller: number, callee: number): number {
    const { byEdge, callers, callees } = this;
    const h = pairHash(caller, callee);
    for (let i = byEdge.first(h); ; i = byEdge.next(i)) {
      const e = byEdge.at(i);
      if (e < 0) {
        this.calls.push(0);
        this.edgeCosts.add();
        this.outgoing = undefined;
        callees.push(callee);
        return byEdge.put(i, callers.push(caller), h);
      }
      if (byEdge.hashAt(i) === h && callers.get(e) === caller && callees.get(e) === callee) return e;
    }
  }

  /** Adds `calls` calls to edge `e`. */
  addCalls(e: number, calls: number): void {
    this.calls.add(e, calls);
  }

  /**
   * Adds the run of cost lines at `start` (costs after `positions` fields; the run ends before the
   * first line that is not a cost line, or at `end`) to function `f`'s self cost; returns where the
   * run ends.
   */
  addSelf(f: number, buf: Uint8Array, start: number, end: number, positions: number): number {
    if (f !== this.pending) {
      this.flushSelf();
      this.pending = f;
    }
    return addCostLines(buf, start, end, positions, this.scratch, 0, this.width, false);
  }

  /** Puts the summed self cost lines of the function being read into its vector. */
  private flushSelf(): void {
    if (this.pending < 0) return;
    this.selfCosts.addInto(this.pending, this.scratch);
    this.scratch.fill(0);
    this.pending = -1;
  }

  /** Adds the cost line following `calls=` to the edge from `f` to `object`'s `name`; returns where the line ends. */
  addCall(f: number, object: number, name: number, calls: number, buf: Uint8Array, start: number, end: number, positions: number): number {
    // A callee that is never entered with its own `fn=` block still has to exist as a function.
    const e = this.edge(f, this.function(object, name));
    this.calls.add(e, calls);
    const to = addCostLines(buf, start, end, positions, this.callScratch, 0, this.width, true);
    this.edgeCosts.addInto(e, this.callScratch);
    this.callScratch.fill(0);
    return to;
  }

  /**
   * Column `j` of every function's inclusive cost: its self cost plus the cost of its calls. Direct
   * recursion is left out: it is already inside the function's own cost.
   */
  inclusiveColumn(j: number): Float64Array {
    const out = new Float64Array(this.count);
    if (j >= this.width) return out;
    const from = this.explicit ?? this.self;
    for (let f = 0; f < out.length; f++) out[f] = from.at(f, j);
    this.forEachCountedCall((f, e) => (out[f]! += this.edgeCosts.at(e, j)));
    return out;
  }

  /** Every function's inclusive cost (see {@link inclusiveColumn}): function `f`'s columns start at `f · width`. */
  inclusiveRows(): Float64Array {
    const { width } = this;
    const out = new Float64Array(this.count * width);
    const from = this.explicit ?? this.self;
    for (let f = 0, n = this.count; f < n; f++) from.addTo(f, out, f * width);
    this.forEachCountedCall((f, e) => this.edgeCosts.addTo(e, out, f * width));
    return out;
  }

  /** Function `f`'s inclusive cost, all columns (see {@link inclusiveColumn}). */
  inclusiveVector(f: number): number[] {
    if (this.explicit) return this.explicit.vector(f);
    const out = this.self.vector(f);
    for (const e of this.edgesOf(f)) if (this.counts(e)) this.edgeCosts.addTo(e, out);
    return out;
  }

  /** Whether call edge `e` counts in its caller's inclusive cost: not direct recursion. */
  private counts(e: number): boolean {
    return this.callees.get(e) !== this.callers.get(e);
  }

  /** `add(caller, e)` for every edge that counts; none for a table that keeps its inclusive costs. */
  private forEachCountedCall(add: (f: number, e: number) => void): void {
    if (this.explicit) return;
    for (let e = 0, n = this.edgeCount; e < n; e++) if (this.counts(e)) add(this.callers.get(e), e);
  }

  /** The edges of function `f`, in order of first sight. */
  edgesOf(f: number): Int32Array {
    this.outgoing ??= this.groupEdges();
    return this.outgoing.edges.subarray(this.outgoing.start[f]!, this.outgoing.start[f + 1]!);
  }

  private groupEdges(): { start: Int32Array; edges: Int32Array } {
    const { callers, count, edgeCount } = this;
    const start = new Int32Array(count + 1);
    for (let e = 0; e < edgeCount; e++) start[callers.get(e) + 1]!++;
    for (let f = 0; f < count; f++) start[f + 1]! += start[f]!;
    const next = start.slice(0, count);
    const edges = new Int32Array(edgeCount);
    for (let e = 0; e < edgeCount; e++) edges[next[callers.get(e)]!++] = e;
    return { start, edges };
  }
}

withoutTopTier(FunctionCosts.prototype.function, FunctionCosts.prototype.edge);
