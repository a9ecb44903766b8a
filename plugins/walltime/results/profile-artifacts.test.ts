import { describe, expect, test } from "bun:test";
import { ignoredModules, perfMetadataJson } from "./profile-artifacts.ts";
import type { ExecutionTimestamps } from "../../../src/index.ts";

const ts: ExecutionTimestamps = {
  uriByTs: [[2_411_783_254_207n, "bench.mjs::demo::fib 15"]],
  markers: [
    { type: "SampleStart", timestampNs: 2_411_648_768_498n },
    { type: "BenchmarkStart", timestampNs: 2_411_648_923_940n },
    { type: "BenchmarkEnd", timestampNs: 2_411_777_623_789n },
    { type: "SampleEnd", timestampNs: 2_411_780_000_000n },
  ],
};

describe("perf.metadata", () => {
  test("is version 1 with the integration, the timeline and node's ignored range", () => {
    const mmaps = [
      { pid: 1, start: 0x1000n, end: 0x2000n, pgoff: 0n, prot: "r-xp", path: "/usr/bin/node" },
      { pid: 2, start: 0x800n, end: 0x1800n, pgoff: 0n, prot: "r-xp", path: "/usr/bin/node" },
      { pid: 2, start: 0x9000n, end: 0xa000n, pgoff: 0n, prot: "r--p", path: "/usr/bin/node" },
      { pid: 2, start: 0x5000n, end: 0x6000n, pgoff: 0n, prot: "r-xp", path: "/usr/lib/libc.so.6" },
    ];
    expect(ignoredModules(mmaps, ["/usr/bin/node"])).toEqual([["/usr/bin/node", 0x800, 0x2000]]);
    const meta = JSON.parse(perfMetadataJson({ name: "codspeed-node", version: "5.7.1" }, ts, mmaps, ["/usr/bin/node"]));
    expect(meta).toEqual({
      version: 1,
      integration: ["codspeed-node", "5.7.1"],
      uri_by_ts: [[2411783254207, "bench.mjs::demo::fib 15"]],
      ignored_modules: [["/usr/bin/node", 2048, 8192]],
      markers: [{ SampleStart: 2411648768498 }, { BenchmarkStart: 2411648923940 }, { BenchmarkEnd: 2411777623789 }, { SampleEnd: 2411780000000 }],
    });
  });

  test("node is the executable node reported, whatever its file name (Debian's nodejs, a renamed copy)", () => {
    const mmaps = [
      { pid: 1, start: 0x1000n, end: 0x2000n, pgoff: 0n, prot: "r-xp", path: "/usr/bin/nodejs" },
      { pid: 1, start: 0x3000n, end: 0x4000n, pgoff: 0n, prot: "r-xp", path: "/opt/tools/my-node-20" },
      { pid: 1, start: 0x5000n, end: 0x6000n, pgoff: 0n, prot: "r-xp", path: "/usr/local/bin/node" },
    ];
    expect(ignoredModules(mmaps, ["/usr/bin/nodejs"])).toEqual([["/usr/bin/nodejs", 0x1000, 0x2000]]);
    expect(ignoredModules(mmaps, ["/opt/tools/my-node-20"])).toEqual([["/opt/tools/my-node-20", 0x3000, 0x4000]]);
    // Another node than the one the benchmark runs is not hidden.
    expect(ignoredModules(mmaps, [])).toEqual([]);
  });

  test("libpython, libnode and statically linked python* modules are hidden by file name", () => {
    const mmaps = [
      { pid: 1, start: 0x1000n, end: 0x2000n, pgoff: 0n, prot: "r-xp", path: "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0" },
      { pid: 1, start: 0x3000n, end: 0x4000n, pgoff: 0n, prot: "r-xp", path: "/usr/bin/python3.11" },
      { pid: 1, start: 0x5000n, end: 0x6000n, pgoff: 0n, prot: "r-xp", path: "/usr/lib/libnode.so.108" },
      { pid: 1, start: 0x7000n, end: 0x8000n, pgoff: 0n, prot: "r-xp", path: "/usr/lib/libc.so.6" },
    ];
    expect(ignoredModules(mmaps).map(([p]) => p)).toEqual([
      "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", "/usr/bin/python3.11", "/usr/lib/libnode.so.108",
    ]);
  });
});
