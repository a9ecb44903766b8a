/**
 * `--exclude-allocations`: the allocator's own cost taken out of a benchmark's counts. Callgrind
 * cannot negate `--toggle-collect`, so the cost is removed afterwards from the call graph: every
 * call from a function that is not an allocator into one that is carries that call's inclusive
 * cost (the allocator and whatever it called: `_int_malloc`, `brk`, `mmap` …). Calls between
 * allocator functions (realloc → malloc) are inside the outer call's cost already.
 *
 * @module
 */
import type { FunctionCosts } from "./function-costs.ts";
import { SHORT_NAME } from "./name-store.ts";

/** glibc/C and C++ allocation entry points as callgrind names them (C++ names are mangled). */
export const ALLOCATOR_FUNCTIONS: ReadonlySet<string> = new Set([
  "malloc", "free", "calloc", "realloc", "reallocarray", "posix_memalign", "aligned_alloc", "memalign", "valloc", "pvalloc",
  "__libc_malloc", "__libc_free", "__libc_calloc", "__libc_realloc", "__libc_memalign",
  "_Znwm", "_Znam", "_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t", "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t",
  "_ZdlPv", "_ZdaPv", "_ZdlPvm", "_ZdaPvm", "_ZdlPvSt11align_val_t", "_ZdaPvSt11align_val_t", "_ZdlPvmSt11align_val_t",
  // Rust's global allocator shims call the system allocator through these.
  "__rust_alloc", "__rust_dealloc", "__rust_realloc", "__rust_alloc_zeroed",
]);

/** Callgrind appends `'2` to recursion levels and may suffix names with the object (`malloc'2`). */
const baseName = (name: string) => name.replace(/'\d+$/, "");

export const isAllocator = (name: string): boolean => ALLOCATOR_FUNCTIONS.has(baseName(name));

/** The allocator's inclusive cost in `functions`, aligned with their event columns. */
export function allocatorCost(functions: FunctionCosts | undefined, width: number): number[] {
  const out = new Array<number>(width).fill(0);
  if (!functions) return out;
  // Only short names are decoded: an allocator name with a recursion level is far below SHORT_NAME bytes.
  const known = new Map<number, boolean>();
  const allocator = (f: number) => {
    const id = functions.nameOf(f);
    let is = known.get(id);
    if (is === undefined) known.set(id, (is = functions.names.byteLength(id) <= SHORT_NAME && isAllocator(functions.names.text(id))));
    return is;
  };
  for (let f = 0; f < functions.count; f++) {
    if (allocator(f)) continue;
    for (const e of functions.edgesOf(f)) {
      if (!allocator(functions.calleeOf(e))) continue;
      for (let i = 0; i < width; i++) out[i]! += i < functions.width ? functions.edgeCosts.at(e, i) : 0;
    }
  }
  return out;
}

/** `totals` less `cost`, never below 0 (a truncated call graph must not make counts negative). */
export function subtractCost(totals: number[], cost: number[]): number[] {
  return totals.map((t, i) => Math.max(0, t - (cost[i] ?? 0)));
}
