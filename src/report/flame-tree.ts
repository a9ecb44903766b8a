/**
 * Call trees for flame graphs, from the two shapes instruments leave in `BenchmarkResult.detail`:
 * - `detail.folded`: path (absolute, or relative to the profile folder) of a folded-stacks file,
 *   one `root;caller;callee <count>` line per stack (walltime perf samples, or any instrument);
 * - `detail.functions`: per-function costs (simulation, from callgrind):
 *   `[{ name, self, inclusive, callees?: [{ name, inclusive }] }]`, costs as numbers (or arrays
 *   whose first element, callgrind's `Ir`, is used).
 *
 * @module
 */

export interface FlameNode {
  name: string;
  value: number;
  children: Map<string, FlameNode>;
  /** Set on the bar that stands for folded harness frames: the distinct frames it hides. */
  folded?: string[];
}

export function newNode(name: string): FlameNode {
  return { name, value: 0, children: new Map() };
}

/** Builds the tree of folded stacks text (`a;b;c 123` lines; malformed lines are skipped). */
export function treeFromFolded(text: string, rootName = "all"): FlameNode {
  const root = newNode(rootName);
  for (const line of text.split("\n")) {
    const m = /^(.*\S)\s+(\d+(?:\.\d+)?)\s*$/.exec(line);
    if (!m) continue;
    const count = Number(m[2]);
    root.value += count;
    let node = root;
    for (const frame of m[1]!.split(";")) {
      let child = node.children.get(frame);
      if (!child) node.children.set(frame, (child = newNode(frame)));
      child.value += count;
      node = child;
    }
  }
  return root;
}

export interface FunctionCostInput {
  name: string;
  self: number;
  inclusive: number;
  /** Call edges: callee index into the list and the inclusive cost spent in it. */
  callees: Array<{ index: number; inclusive: number }>;
}

function cost(v: unknown): number {
  const n = Array.isArray(v) ? v[0] : v;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}

/**
 * Reads `detail.functions` leniently; undefined when it is not a list of functions. Edges are
 * either `calls: [[calleeIndex, callCount, inclusive]]` (the simulation plugin's form, indices into
 * the same list) or `callees: [{ name, inclusive }]`.
 */
export function readFunctions(raw: unknown): FunctionCostInput[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const items = raw.filter((f): f is Record<string, unknown> => typeof f === "object" && f !== null && typeof (f as { name?: unknown }).name === "string");
  const indexOf = new Map<string, number>();
  items.forEach((f, i) => indexOf.has(f.name as string) || indexOf.set(f.name as string, i));
  return items.map((r) => {
    const callees: FunctionCostInput["callees"] = [];
    if (Array.isArray(r.calls)) {
      for (const c of r.calls) if (Array.isArray(c) && typeof c[0] === "number" && c[0] < items.length) callees.push({ index: c[0], inclusive: cost(c[2]) });
    }
    if (Array.isArray(r.callees)) {
      for (const c of r.callees as Array<Record<string, unknown>>) {
        const index = typeof c?.name === "string" ? indexOf.get(c.name) : undefined;
        if (index !== undefined) callees.push({ index, inclusive: cost(c.inclusive) });
      }
    }
    return { name: r.name as string, self: cost(r.self), inclusive: cost(r.inclusive ?? r.self), callees };
  });
}

const MAX_DEPTH = 48;

/**
 * Expands a call graph into a tree from its roots (functions nobody calls). Callgrind keeps edges,
 * not stacks, so a callee's cost under a caller is the edge's inclusive cost, and its own callees
 * are scaled by edge / callee-total — the usual approximation of call-graph flame graphs.
 * Recursion is cut at the first repeat of a function on the path.
 */
export function treeFromFunctions(fns: FunctionCostInput[], rootName = "all"): FlameNode {
  const called = new Set(fns.flatMap((f) => f.callees.map((c) => c.index)));
  const root = newNode(rootName);
  if (!fns.some((f) => f.callees.length)) {
    for (const f of fns) if (f.self > 0) root.children.set(f.name, { ...newNode(f.name), value: f.self });
  } else {
    // Frames below this share are not drawn (see flame-svg): not expanding them keeps a dense call
    // graph from exploding combinatorially.
    const minValue = 3e-4 * fns.reduce((a, f, i) => (called.has(i) ? a : a + Math.max(0, f.inclusive)), 0);
    const expand = (i: number, value: number, path: Set<number>, depth: number): FlameNode => {
      const f = fns[i]!;
      const node = { ...newNode(f.name), value };
      if (depth >= MAX_DEPTH) return node;
      path.add(i);
      const scale = f.inclusive > 0 ? Math.min(1, value / f.inclusive) : 0;
      for (const c of f.callees) {
        const v = c.inclusive * scale;
        if (v <= minValue || path.has(c.index)) continue;
        const child = expand(c.index, v, path, depth + 1);
        const prev = node.children.get(child.name);
        if (prev) mergeInto(prev, child);
        else node.children.set(child.name, child);
      }
      path.delete(i);
      // Recursive functions' inclusive costs count nested calls more than once; keep children
      // within their parent so the graph stays a partition.
      const sum = [...node.children.values()].reduce((a, c) => a + c.value, 0);
      if (sum > value) for (const c of node.children.values()) scaleTree(c, value / sum);
      return node;
    };
    fns.forEach((f, i) => {
      if (called.has(i) || f.inclusive <= 0) return;
      const child = expand(i, f.inclusive, new Set(), 1);
      const prev = root.children.get(child.name);
      if (prev) mergeInto(prev, child);
      else root.children.set(child.name, child);
    });
  }
  root.value = [...root.children.values()].reduce((a, c) => a + c.value, 0);
  return root;
}

function scaleTree(n: FlameNode, k: number): void {
  n.value *= k;
  for (const c of n.children.values()) scaleTree(c, k);
}

export function mergeInto(target: FlameNode, src: FlameNode): void {
  target.value += src.value;
  for (const [k, c] of src.children) {
    const t = target.children.get(k);
    if (t) mergeInto(t, c);
    else target.children.set(k, c);
  }
}

export function cloneTree(n: FlameNode): FlameNode {
  const c: FlameNode = { name: n.name, value: n.value, children: new Map() };
  for (const [k, v] of n.children) c.children.set(k, cloneTree(v));
  return c;
}
