import { describe, expect, test } from "bun:test";
import type { MemEvent } from "./event.ts";
import { descendants, eventsInWindow, WindowTracker } from "./windows.ts";

const ev = (pid: number, ts: number): MemEvent => ({ pid, tid: pid, timestamp: BigInt(ts), addr: 1n, type: "Malloc", size: 1n });

describe("WindowTracker", () => {
  test("ignores a duplicate start and a stop without start, and names the closed window", () => {
    const w = new WindowTracker();
    expect(w.stop(1n)).toBe(false);
    expect(w.start(2n)).toBe(true);
    expect(w.start(3n)).toBe(false);
    expect(w.stop(4n)).toBe(true);
    expect(w.executed(7, "a::b")).toBe(true);
    expect(w.windows).toEqual([{ startNs: 2n, stopNs: 4n, uri: "a::b", pid: 7 }]);
  });
});

describe("eventsInWindow()", () => {
  const tree = new Map([
    [10, 1],
    [11, 10],
    [12, 11],
    [20, 1],
  ]);
  const events = [ev(10, 1), ev(11, 5), ev(12, 6), ev(20, 6), ev(10, 9)];

  test("keeps the window's time range and the benchmark's process tree", () => {
    expect(descendants(tree, 10)).toEqual(new Set([10, 11, 12]));
    const got = eventsInWindow(events, { startNs: 2n, stopNs: 8n, pid: 10 }, tree);
    expect(got.map((e) => e.pid)).toEqual([11, 12]);
  });

  test("an untracked reporter (pacer's harness) keeps its tracked children", () => {
    const got = eventsInWindow(events, { startNs: 0n, stopNs: 100n, pid: 1 }, tree);
    expect(got).toHaveLength(5);
  });

  test("a pid with no tracked process falls back to every process", () => {
    const got = eventsInWindow(events, { startNs: 2n, stopNs: 8n, pid: 999 }, tree);
    expect(got.map((e) => e.pid)).toEqual([11, 12, 20]);
  });
});
