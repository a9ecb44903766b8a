/**
 * Per-benchmark memory statistics from allocation events. The accounting rules (also in README.md and
 * the table notes):
 * - Every allocation in the window (malloc, calloc, aligned/memalign/posix_memalign, realloc) counts
 *   once in `alloc_count` and adds its requested size to `total_allocated_bytes`.
 * - A realloc counts as one allocation of its new size; the block it replaces is released (its size
 *   leaves the live bytes) without counting as a free. `realloc(p, 0)` that frees `p` is a free.
 * - A free of a non-NULL pointer counts in `free_count`. A block allocated before the window (or in
 *   the parent before a fork) has no known size: freeing or reallocating it lowers nothing, so the
 *   live bytes never drop below the window's start.
 * - An allocation at an address that is still live means the free of that block was recorded late
 *   (a realloc that moved into a block another thread freed meanwhile): the old block is released
 *   first, and the free that arrives for it later is consumed without releasing the new one.
 * - `peak_bytes` is the highest sum of live bytes allocated in the window, over all tracked
 *   processes, in timestamp order.
 *
 * @module
 */
import type { MemEvent } from "./event.ts";

export interface MemoryStats {
  peak_bytes: number;
  total_allocated_bytes: number;
  alloc_count: number;
  free_count: number;
}

/**
 * Computes the statistics of `events`, which must be sorted by timestamp.
 *
 * @example
 * ```ts
 * memoryStats([{ pid: 1, tid: 1, timestamp: 1n, addr: 16n, type: "Malloc", size: 64n }]);
 * // { peak_bytes: 64, total_allocated_bytes: 64, alloc_count: 1, free_count: 0 }
 * ```
 */
export function memoryStats(events: Iterable<MemEvent>): MemoryStats {
  // Per process, keyed by address as a number (user-space addresses are below 2^53).
  const live = new Map<number, Map<number, number>>();
  const blocks = (pid: number): Map<number, number> => {
    let m = live.get(pid);
    if (!m) live.set(pid, (m = new Map()));
    return m;
  };
  let current = 0;
  let peak = 0;
  let total = 0;
  let allocs = 0;
  let frees = 0;
  // Per process and address: frees still due for blocks already released by a later allocation.
  const early = new Map<string, number>();
  const release = (pid: number, addr: bigint): void => {
    const m = blocks(pid);
    const key = Number(addr);
    const size = m.get(key);
    if (size === undefined) return;
    current -= size;
    m.delete(key);
  };
  for (const ev of events) {
    if (ev.type === "Free") {
      frees++;
      const key = `${ev.pid}:${ev.addr}`;
      const due = early.get(key);
      if (due) {
        if (due === 1) early.delete(key);
        else early.set(key, due - 1);
      } else release(ev.pid, ev.addr);
      continue;
    }
    if (ev.type === "Mmap" || ev.type === "Munmap" || ev.type === "Brk") continue;
    if (ev.type === "Realloc" && ev.oldAddr) release(ev.pid, ev.oldAddr);
    if (blocks(ev.pid).has(Number(ev.addr))) {
      release(ev.pid, ev.addr);
      const key = `${ev.pid}:${ev.addr}`;
      early.set(key, (early.get(key) ?? 0) + 1);
    }
    const size = Number(ev.size);
    allocs++;
    total += size;
    current += size;
    blocks(ev.pid).set(Number(ev.addr), size);
    if (current > peak) peak = current;
  }
  return { peak_bytes: peak, total_allocated_bytes: total, alloc_count: allocs, free_count: frees };
}

/**
 * Sorts events by timestamp; at equal stamps frees come first (a block can be freed and handed out
 * again within one clock tick, never the other way round), otherwise stable. Returns the same array.
 */
export function sortByTime(events: MemEvent[]): MemEvent[] {
  const rank = (e: MemEvent): number => (e.type === "Free" ? 0 : 1);
  return events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : rank(a) - rank(b)));
}
