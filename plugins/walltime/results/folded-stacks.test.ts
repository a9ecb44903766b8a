import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { benchmarkWindows, windowOf, type TimelineEvent } from "../session/benchmark-windows.ts";
import { foldByWindow, foldedText, frameName } from "./folded-stacks.ts";
import { parsePerfScript } from "../perf/parse-perf-script.ts";

const FIX = join(import.meta.dir, "../../../test/fixtures/walltime");
// Real `perf script` output of `pacer run --mode walltime -- node examples/tinybench/bench.mjs` on
// this VM (first 40 samples, executable mappings), and the perf.metadata of the same run.
const script = parsePerfScript(readFileSync(join(FIX, "perf-script-tinybench.txt"), "utf8"));
const meta = JSON.parse(readFileSync(join(FIX, "perf-metadata-tinybench.json"), "utf8")) as {
  uri_by_ts: Array<[number, string]>;
  markers: Array<Record<string, number>>;
};

/** The run's timeline rebuilt from perf.metadata: its Sample windows and CurrentBenchmark times. */
function metadataTimeline(): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const m of meta.markers) {
    if ("SampleStart" in m) events.push({ kind: "start", ns: BigInt(m.SampleStart!) });
    if ("SampleEnd" in m) events.push({ kind: "stop", ns: BigInt(m.SampleEnd!) });
  }
  for (const [ts, uri] of meta.uri_by_ts) events.push({ kind: "executed", ns: BigInt(ts), uri, pid: 26932 });
  return events.sort((a, b) => (a.ns < b.ns ? -1 : 1));
}

describe("parsePerfScript()", () => {
  test("reads samples with nanosecond times and leaf-first frames", () => {
    expect(script.samples).toHaveLength(40);
    const s = script.samples[0]!;
    expect(s.comm).toBe("node");
    expect(s.pid).toBe(26932);
    expect(s.timeNs).toBeGreaterThan(2_411_000_000_000n);
    expect(script.samples.some((x) => x.frames[0]?.sym.startsWith("JS:*fib "))).toBe(true);
  });

  test("reads MMAP2 records", () => {
    const node = script.mmaps.find((m) => m.path === "/usr/bin/node" && m.prot === "r-xp");
    expect(node).toEqual({ pid: 26934, start: 0xb6f000n, end: 0xb71000n, pgoff: 0x76f000n, prot: "r-xp", path: "/usr/bin/node" });
  });

  test("keeps comm names with spaces and symbols with parentheses", () => {
    const p = parsePerfScript(
      "V8 Worker 12/13  5.000000123: \n\t    1a2b v8::internal::(anonymous namespace)::Invoke (/usr/bin/node)\n\t       0 [unknown] ([unknown])\n",
    );
    expect(p.samples[0]).toMatchObject({ comm: "V8 Worker", pid: 12, tid: 13, timeNs: 5_000_000_123n });
    expect(p.samples[0]!.frames.map(frameName)).toEqual(["v8::internal::(anonymous namespace)::Invoke", "[unknown]"]);
  });
});

describe("benchmarkWindows()", () => {
  test("names windows for tinybench's order (Start, Stop, Current, markers)", () => {
    const w = benchmarkWindows([
      { kind: "start", ns: 10n }, { kind: "stop", ns: 20n }, { kind: "executed", ns: 21n, uri: "a", pid: 1 },
      { kind: "start", ns: 30n }, { kind: "stop", ns: 40n }, { kind: "executed", ns: 41n, uri: "b", pid: 1 },
    ]);
    expect(w).toEqual([{ uri: "a", pid: 1, startNs: 10n, endNs: 20n }, { uri: "b", pid: 1, startNs: 30n, endNs: 40n }]);
    expect(windowOf(w, 35n)).toBe(1);
    expect(windowOf(w, 25n)).toBe(-1);
  });

  test("ignores a window no benchmark claimed and a duplicate start", () => {
    const w = benchmarkWindows([
      { kind: "start", ns: 1n }, { kind: "stop", ns: 2n },
      { kind: "start", ns: 5n }, { kind: "start", ns: 6n }, { kind: "stop", ns: 9n }, { kind: "executed", ns: 10n, uri: "x", pid: 2 },
    ]);
    expect(w).toEqual([{ uri: "x", pid: 2, startNs: 5n, endNs: 9n }]);
  });
});

describe("foldByWindow()", () => {
  test("each benchmark's folded stacks hold its own function", () => {
    const windows = benchmarkWindows(metadataTimeline());
    expect(windows.map((w) => w.uri.split("::").pop())).toEqual(["fib 15", "array sort 1k", "json roundtrip"]);
    const folded = foldByWindow(script.samples, windows);
    const fib = foldedText(folded[0]!);
    expect(fib).toMatch(/^node;.*JS:\*fib file:\/\/\/work\/main\/examples\/tinybench\/bench\.mjs:8:13 \d+$/m);
    // Lines are `stack count`, heaviest first.
    const counts = fib.trim().split("\n").map((l) => Number(l.split(" ").pop()));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
