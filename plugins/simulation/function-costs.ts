/**
 * Per-function costs of one callgrind part: self cost from plain cost lines, inclusive cost = self
 * plus the inclusive cost of every call made (the cost line after `calls=`).
 *
 * @module
 */
import { addCostLine } from "./callgrind-bytes.ts";
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

/** Ids below this fit twice in one exact integer key (2^26 · 2^26 < 2^53): 67 million names or functions. */
const KEY_SPAN = 2 ** 26;

/**
 * Accumulates cost lines into functions and call edges; names are ids of the parser's interner,
 * functions are numbered in order of first sight. One map of number keys per level, not a map per
 * function: a file of 80,000 functions would hold 80,000 small maps for edges that are mostly one.
 */
export class FunctionCostTable {
  /** `object · 2^26 + name` → function number. */
  private readonly byName = new Map<number, number>();
  /** Every function in order of first sight (the order of {@link list}). */
  private readonly all: FunctionCost[] = [];
  /** `caller · 2^26 + callee` → edge. */
  private readonly edges = new Map<number, CallEdge>();
  /** Copied for every cost vector: `slice()` of a packed array is one copy, `new Array(n).fill(0)` a holey array filled. */
  private readonly zeros: number[];
  /** Receives the sums that must not be counted (direct recursion): one argument type keeps the cost-line code compiled once. */
  private readonly discarded: number[];

  constructor(
    width: number,
    private readonly names: NameInterner,
  ) {
    // Filled with a fraction first: the array, and every copy, then holds doubles from the start, so sums past
    // 2^31 do not change its kind under the compiled cost-line code (a deoptimisation and a recompile).
    this.zeros = new Array<number>(width).fill(0.5).fill(0);
    this.discarded = this.zeros.slice();
  }

  /** The number of the function `name` of `object`, added on first sight. */
  function(object: number, name: number): number {
    const key = object * KEY_SPAN + name;
    const found = this.byName.get(key);
    if (found !== undefined) return found;
    if (object >= KEY_SPAN || name >= KEY_SPAN) throw new RangeError(`more than ${KEY_SPAN} callgrind names`);
    const names = this.names.names;
    this.all.push({ name: names[name]!, object: names[object]!, self: this.zeros.slice(), inclusive: this.zeros.slice(), callees: [] });
    this.byName.set(key, this.all.length - 1);
    return this.all.length - 1;
  }

  /**
   * Adds a plain cost line (from `start` to its `\n` or `end`, costs after `positions` fields) to the
   * function's self cost; returns where the line ends.
   */
  addSelf(f: number, buf: Uint8Array, start: number, end: number, positions: number): number {
    const fc = this.all[f]!;
    return addCostLine(buf, start, end, positions, fc.self, fc.inclusive);
  }

  /** Adds the cost line following `calls=` to the edge and to the caller's inclusive cost; returns where the line ends. */
  addCall(f: number, object: number, name: number, calls: number, buf: Uint8Array, start: number, end: number, positions: number): number {
    // A callee that is never entered with its own `fn=` block still has to exist as a function.
    const callee = this.function(object, name);
    const caller = this.all[f]!;
    const key = f * KEY_SPAN + callee;
    let edge = this.edges.get(key);
    if (!edge) {
      const target = this.all[callee]!;
      edge = { name: target.name, object: target.object, calls: 0, inclusive: this.zeros.slice() };
      this.edges.set(key, edge);
      caller.callees.push(edge);
    }
    edge.calls += calls;
    // Direct recursion is already inside the caller's own cost: counting it again would inflate it.
    return addCostLine(buf, start, end, positions, edge.inclusive, callee !== f ? caller.inclusive : this.discarded);
  }

  list(): FunctionCost[] {
    return [...this.all];
  }
}
