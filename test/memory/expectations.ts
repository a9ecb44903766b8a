/**
 * What each C/C++ fixture of test/fixtures/memory is known to allocate (see the comment at the top
 * of each source file). C++ and static programs add what their runtime allocates, measured from a
 * baseline program in the same test.
 *
 * @module
 */
export interface Known {
  alloc_count: number;
  total_allocated_bytes: number;
  peak_bytes: number;
  free_count: number;
}

export const KNOWN: Record<string, Known> = {
  "malloc-free.c": { alloc_count: 10, total_allocated_bytes: 1000, peak_bytes: 1000, free_count: 10 },
  "calloc.c": { alloc_count: 3, total_allocated_bytes: 300, peak_bytes: 300, free_count: 3 },
  "realloc-chain.c": { alloc_count: 6, total_allocated_bytes: 504, peak_bytes: 256, free_count: 2 },
  "aligned.c": { alloc_count: 4, total_allocated_bytes: 309, peak_bytes: 309, free_count: 4 },
  "fork.c": { alloc_count: 4, total_allocated_bytes: 2200, peak_bytes: 2000, free_count: 4 },
  "many-small.c": { alloc_count: 100_000, total_allocated_bytes: 3_249_488, peak_bytes: 3_249_488, free_count: 100_000 },
};

/** other-allocator.c, linked with -ljemalloc or -lmimalloc. */
export const KNOWN_OTHER_ALLOCATOR: Known = { alloc_count: 7, total_allocated_bytes: 928, peak_bytes: 828, free_count: 6 };

/** cxx.cpp on top of empty.cpp (the C++ runtime's start-up allocation stays live: peak adds up). */
export const KNOWN_CXX_DELTA: Known = { alloc_count: 5, total_allocated_bytes: 500, peak_bytes: 500, free_count: 5 };

/** static.c on top of static-empty.c (counts and bytes; peak depends on static glibc's own blocks). */
export const KNOWN_STATIC_DELTA = { alloc_count: 6, total_allocated_bytes: 766, free_count: 6 };

/** `a - b` per metric. */
export function delta(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, Number(a[k]) - Number(b[k])]));
}
