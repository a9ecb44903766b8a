import { describe, expect, test } from "bun:test";
import { JitIndex } from "./jit-index.ts";
import { resymbolizeJitFrames } from "./resymbolize.ts";

const sym = (addr: number, size: number, name: string, t: number) => ({ addr: BigInt(addr), size: BigInt(size), name, timestampNs: BigInt(t) });

describe("JitIndex", () => {
  // Address 0x1000 first holds `compose` (loaded at t=10), later `fib` (t=50), as V8 reuses code space.
  const index = new JitIndex([sym(0x1000, 0x100, "compose", 10), sym(0x1000, 0x80, "fib", 50), sym(0x2000, 0x40, "other", 5), sym(0x900, 0x10, "tiny", 1)]);

  test("resolve() picks the latest load before the sample that covers the address", () => {
    expect(index.resolve(0x1010n, 20n)).toBe("compose");
    expect(index.resolve(0x1010n, 60n)).toBe("fib");
    // Past fib's end, only the older, larger code object covers the address.
    expect(index.resolve(0x10f0n, 60n)).toBe("compose");
    expect(index.resolve(0x2000n, 60n)).toBe("other");
  });

  test("resolve() finds nothing before the load or outside every range", () => {
    expect(index.resolve(0x1010n, 5n)).toBeUndefined();
    expect(index.resolve(0x1800n, 60n)).toBeUndefined();
    expect(index.resolve(0x10n, 60n)).toBeUndefined();
  });

  test("resymbolizeJitFrames() renames perf-map frames only", () => {
    const samples = [
      {
        comm: "node", pid: 7, tid: 7, timeNs: 60n, event: "cpu-clock",
        frames: [
          { ip: "1010", sym: "JS:~compose", dso: "/tmp/perf-7.map" },
          { ip: "1010", sym: "libc_thing", dso: "/usr/lib/libc.so.6" },
        ],
      },
    ];
    expect(resymbolizeJitFrames(samples, new Map([[7, index]]))).toBe(1);
    expect(samples[0]!.frames.map((f) => f.sym)).toEqual(["fib", "libc_thing"]);
  });
});
