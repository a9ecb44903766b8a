/**
 * Names JIT frames of per-function costs with a perf map and merges the frames that turn out to be
 * the same function.
 *
 * @module
 */
import { functionKey, type CallEdge, type FunctionCost } from "./function-costs.ts";
import { jitAddress } from "./perf-map.ts";

function add(a: number[], b: number[]): number[] {
  return a.map((x, i) => x + (b[i] ?? 0));
}

/** Object name given to JIT code callgrind could not attribute (`???`) once it is symbolised. */
export const JIT_OBJECT = "[jit]";

/**
 * Renames every `0x…` function found in `lookup` to its map name (object {@link JIT_OBJECT}) and
 * merges functions and edges that now share a name.
 */
export function symbolizeFunctions(
  functions: FunctionCost[],
  lookup: (address: number) => string | undefined,
): FunctionCost[] {
  const rename = (object: string, name: string): [string, string] => {
    const jit = jitAddress(name);
    const mapped = jit === undefined ? undefined : lookup(jit.address);
    return mapped === undefined ? [object, name] : [JIT_OBJECT, `${mapped}${jit!.suffix}`];
  };
  const merged = new Map<string, FunctionCost>();
  for (const f of functions) {
    const [object, name] = rename(f.object, f.name);
    const key = functionKey(object, name);
    const into = merged.get(key) ?? { name, object, self: f.self.map(() => 0), inclusive: f.inclusive.map(() => 0), callees: [] };
    into.self = add(into.self, f.self);
    into.inclusive = add(into.inclusive, f.inclusive);
    for (const e of f.callees) {
      const [cobject, cname] = rename(e.object, e.name);
      const existing = into.callees.find((c) => c.name === cname && c.object === cobject);
      if (existing) {
        existing.calls += e.calls;
        existing.inclusive = add(existing.inclusive, e.inclusive);
      } else {
        into.callees.push({ name: cname, object: cobject, calls: e.calls, inclusive: [...e.inclusive] } satisfies CallEdge);
      }
    }
    merged.set(key, into);
  }
  return [...merged.values()];
}
