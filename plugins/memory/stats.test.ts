import { describe, expect, test } from "bun:test";
import type { MemEvent } from "./event.ts";
import { memoryStats, sortByTime } from "./stats.ts";

let t = 0n;
const ev = (type: MemEvent["type"], addr: number, size = 0, extra: Partial<MemEvent> = {}): MemEvent => ({
  pid: 1,
  tid: 1,
  timestamp: ++t,
  addr: BigInt(addr),
  type,
  size: BigInt(size),
  ...extra,
});

describe("memoryStats()", () => {
  test("counts allocations and frees and tracks the peak of live bytes", () => {
    const s = memoryStats([ev("Malloc", 16, 100), ev("Calloc", 32, 50), ev("Free", 16), ev("AlignedAlloc", 64, 200), ev("Free", 32), ev("Free", 64)]);
    expect(s).toEqual({ peak_bytes: 250, total_allocated_bytes: 350, alloc_count: 3, free_count: 3 });
  });

  test("a realloc is one allocation of its new size and releases the old block without a free", () => {
    const s = memoryStats([ev("Malloc", 16, 100), ev("Realloc", 32, 300, { oldAddr: 16n }), ev("Realloc", 48, 50, { oldAddr: 32n })]);
    expect(s).toEqual({ peak_bytes: 300, total_allocated_bytes: 450, alloc_count: 3, free_count: 0 });
  });

  test("freeing or reallocating memory from before the window lowers no live bytes", () => {
    const s = memoryStats([ev("Free", 999), ev("Malloc", 16, 10), ev("Realloc", 32, 40, { oldAddr: 777n }), ev("Free", 888)]);
    expect(s).toEqual({ peak_bytes: 50, total_allocated_bytes: 50, alloc_count: 2, free_count: 2 });
  });

  test("the same address in two processes is two blocks", () => {
    const s = memoryStats([ev("Malloc", 16, 10), ev("Malloc", 16, 20, { pid: 2 }), ev("Free", 16, 0, { pid: 2 })]);
    expect(s.peak_bytes).toBe(30);
  });

  test("an allocation on a still-live address releases the old block; its late free releases nothing", () => {
    // Another thread freed 16 and a realloc moved there before that free was recorded.
    const s = memoryStats([ev("Malloc", 16, 100), ev("Malloc", 48, 10), ev("Realloc", 16, 30, { oldAddr: 48n }), ev("Free", 16), ev("Malloc", 64, 5)]);
    expect(s).toEqual({ peak_bytes: 110, total_allocated_bytes: 145, alloc_count: 4, free_count: 1 });
    expect(memoryStats([ev("Malloc", 16, 100), ev("Malloc", 16, 100), ev("Free", 16), ev("Free", 16)]).peak_bytes).toBe(100);
  });

  test("sortByTime() puts a free before an allocation with the same stamp", () => {
    const a = { ...ev("Malloc", 16, 8), timestamp: 5n };
    const f = { ...ev("Free", 16), timestamp: 5n };
    expect(sortByTime([a, f]).map((e) => e.type)).toEqual(["Free", "Malloc"]);
  });
});
