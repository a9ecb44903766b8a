import { describe, expect, test } from "bun:test";
import { matchProfiles } from "./match-profiles.ts";
import type { WindowProfile } from "../session/perf-profile.ts";

const win = (uri: string, pid = 1): WindowProfile => ({ uri, pid, counts: new Map(), samples: 1 });

describe("matchProfiles()", () => {
  test("pairs tinybench results by exact URI", () => {
    const w = [win("b.mjs::demo::fib"), win("b.mjs::demo::sort")];
    const r = matchProfiles([{ pid: 1, name: "sort", uri: "b.mjs::demo::sort" }, { pid: 1, name: "fib", uri: "b.mjs::demo::fib" }], w);
    expect(r).toEqual([w[1], w[0]]);
  });

  test("pairs vitest-plugin 5.7.1's shifted FIFO URIs by name and order (as seen on this VM)", () => {
    // FIFO: CurrentBenchmark "::fib 18", then "f.bench.ts::math::top level sort"; results JSON below.
    const w = [win("::fib 18", 7), win("f.bench.ts::math::top level sort", 7)];
    const r = matchProfiles(
      [{ pid: 7, name: "fib 18", uri: "f.bench.ts::math::fib 18" }, { pid: 7, name: "top level sort", uri: "f.bench.ts::top level sort" }],
      w,
    );
    expect(r).toEqual([w[0], w[1]]);
  });

  test("keeps processes apart and leaves unprofiled results without a window", () => {
    const w = [win("a::x", 1), win("a::x", 2)];
    expect(matchProfiles([{ pid: 2, name: "x", uri: "a::x" }, { pid: 3, name: "x", uri: "a::x" }], w)).toEqual([w[1], undefined]);
  });
});
