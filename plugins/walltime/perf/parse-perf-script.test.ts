import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { groupLeader } from "./events.ts";
import { foldByWindow } from "../results/folded-stacks.ts";
import { parsePerfScript } from "./parse-perf-script.ts";

// Captured on this VM: `perf record -- bash -c '(env true; :) & wait'`, then
// `perf script --ns --show-task-events --show-mmap-events -F comm,pid,tid,time,ip,sym,dso`.
// bash 18065 forks the subshell 18067 (no exec), which forks 18068, which execs env, then true.
const text = readFileSync(join(import.meta.dir, "../../../test/fixtures/walltime/perf-script-task-events.txt"), "utf8");

describe("parsePerfScript() mappings per process", () => {
  const { mmaps } = parsePerfScript(text);
  const paths = (pid: number) => mmaps.filter((m) => m.pid === pid).map((m) => m.path);

  test("reads the start, length and file offset of MMAP2 records", () => {
    expect(mmaps.find((m) => m.pid === 18065 && m.path === "/usr/bin/bash")).toEqual({
      pid: 18065, start: 0x55aeed6a3000n, end: 0x55aeed6a3000n + 0xc1000n, pgoff: 0x2f000n, prot: "r-xp", path: "/usr/bin/bash",
    });
    expect(mmaps.find((m) => m.path === "[vdso]")?.pgoff).toBe(0n);
  });

  test("an exec drops the mappings before it: only the last program's remain", () => {
    expect(paths(18068)).toEqual(["/usr/bin/true", "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "[vdso]", "/usr/lib/x86_64-linux-gnu/libc.so.6"]);
    expect(mmaps.find((m) => m.pid === 18068 && m.path.endsWith("libc.so.6"))?.start).toBe(0x7f4a3b49b000n);
  });

  test("a forked process without exec inherits its parent's mappings", () => {
    expect(paths(18067)).toEqual(paths(18065));
    expect(paths(18065)).toContain("/usr/bin/bash");
  });
});

// Captured on this VM by test/fixtures/walltime/capture-event-group.ts: `perf record -e
// {cpu-clock,task-clock}` (software stand-ins for the PMU group this VM lacks) and pacer's `perf script`
// argv; perf report's own count per event is saved beside it.
const group = readFileSync(join(import.meta.dir, "../../../test/fixtures/walltime/perf-script-event-group.txt"), "utf8");
const report = JSON.parse(readFileSync(join(import.meta.dir, "../../../test/fixtures/walltime/perf-report-event-group.json"), "utf8")) as {
  group: string;
  samplesPerEvent: Record<string, number>;
};

describe("parsePerfScript() with an event group", () => {
  test("every member samples on its own: all events together are the group size times perf's count", () => {
    expect(report.samplesPerEvent["cpu-clock"]).toBeGreaterThan(50);
    const all = parsePerfScript(group).samples;
    expect(all).toHaveLength(report.samplesPerEvent["cpu-clock"]! + report.samplesPerEvent["task-clock"]!);
    expect(new Set(all.map((s) => s.event))).toEqual(new Set(["cpu-clock", "task-clock"]));
  });

  test("keeping the leader's samples gives perf's own count for that event, with their call chains", () => {
    const leader = groupLeader(report.group)!;
    const { samples, mmaps } = parsePerfScript(group, { event: leader });
    expect(samples).toHaveLength(report.samplesPerEvent[leader]!);
    expect(samples.every((s) => s.event === "cpu-clock" && s.frames.length > 0)).toBe(true);
    // Frames of the dropped samples do not leak into the next kept one.
    const full = parsePerfScript(group).samples.filter((s) => s.event === "cpu-clock");
    expect(samples.map((s) => s.frames.length)).toEqual(full.map((s) => s.frames.length));
    expect(mmaps.some((m) => m.path === "/usr/bin/bash")).toBe(true);
  });

  test("folded stacks of one window count each sampling interrupt once", () => {
    const { samples } = parsePerfScript(group, { event: groupLeader(report.group) });
    const w = [{ uri: "all", pid: samples[0]!.pid, startNs: 0n, endNs: 2n ** 63n }];
    const total = [...foldByWindow(samples, w)[0]!.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(report.samplesPerEvent["cpu-clock"]!);
  });

  test("reads the event of headers with perf's modifiers and keeps samples printed without one", () => {
    const text = "bash 1/1  5.000000001: cpu-clock:u: \n\t 10 f (/bin/x)\n\nbash 1/1  5.000000002: task-clock: \n\t 10 f (/bin/x)\n\nbash 1/1  5.000000003: \n\t 10 g (/bin/x)\n";
    expect(parsePerfScript(text, { event: "cpu-clock" }).samples.map((s) => [s.event, s.frames[0]!.sym])).toEqual([["cpu-clock:u", "f"], ["", "g"]]);
  });
});
