import { describe, expect, test } from "bun:test";
import type { MemEvent } from "./event.ts";
import { memoryStats } from "./stats.ts";

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
});
