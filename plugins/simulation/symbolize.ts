/**
 * Names JIT frames of per-function costs with a perf map and merges the frames that turn out to be
 * the same function.
 *
 * @module
 */
import type { CostVectors } from "./cost-vectors.ts";
import { FunctionCosts } from "./function-costs.ts";
import { SHORT_NAME } from "./name-store.ts";
import { jitAddress } from "./perf-map.ts";

/** Object name given to JIT code callgrind could not attribute (`???`) once it is symbolised. */
export const JIT_OBJECT = "[jit]";

/**
 * Renames every `0x…` function found in `lookup` to its map name (object {@link JIT_OBJECT}) and
 * merges functions and edges that now share a name. Returns `functions` itself when nothing is renamed.
 */
export function symbolizeFunctions(functions: FunctionCosts, lookup: (address: number) => string | undefined): FunctionCosts {
  const names = functions.names;
  // A JIT address is far shorter than SHORT_NAME bytes: longer names are not decoded.
  const renamed = new Map<number, number>();
  const ids = new Set<number>();
  for (let f = 0; f < functions.count; f++) ids.add(functions.nameOf(f));
  for (const id of ids) {
    if (names.byteLength(id) > SHORT_NAME) continue;
    const jit = jitAddress(names.text(id));
    const mapped = jit === undefined ? undefined : lookup(jit.address);
    if (mapped !== undefined) renamed.set(id, names.idOf(`${mapped}${jit!.suffix}`));
  }
  if (renamed.size === 0) return functions;
  const jitObject = names.idOf(JIT_OBJECT);
  // Merged functions' inclusive costs are the sums of their members': calls between two members
  // count (they were calls), though the merged function now calls itself.
  const out = new FunctionCosts(functions.width, names, true);
  const inclusive = out.explicitInclusive!;
  // Functions first, in order, so that merged functions keep the place of their first member.
  const into = Array.from({ length: functions.count }, (_, f) => {
    const name = functions.nameOf(f);
    const to = renamed.get(name);
    return to === undefined ? out.function(functions.objectOf(f), name) : out.function(jitObject, to);
  });
  const { width } = functions;
  const rows = functions.inclusiveRows();
  const one = new Float64Array(width);
  const take = (from: CostVectors, i: number) => {
    one.fill(0);
    from.addTo(i, one);
    return one;
  };
  for (let f = 0; f < functions.count; f++) {
    out.self.addInto(into[f]!, take(functions.self, f));
    inclusive.addInto(into[f]!, rows, f * width);
    for (const e of functions.edgesOf(f)) {
      const edge = out.edge(into[f]!, into[functions.calleeOf(e)]!);
      out.addCalls(edge, functions.callsOf(e));
      out.edgeCosts.addInto(edge, take(functions.edgeCosts, e));
    }
  }
  return out;
}
