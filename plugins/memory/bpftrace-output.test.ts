import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBpftraceOutput } from "./bpftrace-output.ts";

const FIX = join(import.meta.dir, "..", "..", "test", "fixtures", "memory");
const read = (f: string): string => readFileSync(join(FIX, f), "utf8");

describe("parseBpftraceOutput()", () => {
  test("reads the events and the process tree of a captured run of static.c", () => {
    const out = parseBpftraceOutput(read("bpftrace-output-static.txt"));
    expect(out.lost).toBe(0);
    expect(out.parents).toEqual(new Map([[24893, 24655]]));
    expect(out.events).toHaveLength(17);
    expect(out.events.filter((e) => e.type === "Free")).toHaveLength(6);
    expect(out.events.at(-2)).toMatchObject({ type: "AlignedAlloc", size: 256n, pid: 24893 });
  });

  test("counts the events bpftrace says it lost (captured with a 1-page perf buffer)", () => {
    const out = parseBpftraceOutput(read("bpftrace-output-lost.txt") + read("bpftrace-stderr-memlock.txt"));
    expect(out.lost).toBe(153);
    expect(out.events.length).toBeGreaterThan(10);
  });
});
