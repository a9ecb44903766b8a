import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { groupLeader } from "./events.ts";
import { GROUP, recordGroup } from "../../../test/fixtures/walltime/record-group.ts";
import { perfScriptArgv, streamPerfScript } from "./perf-script-run.ts";
import type { Sample } from "./parse-perf-script.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-wt-script-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("perf script prints the event of each sample", () => {
  expect(perfScriptArgv("perf", "p.data").at(-1)!.split(",")).toContain("event");
});

describe.skipIf(!Bun.which("perf"))("streamPerfScript() on real perf", () => {
  test("a group recording yields the leader's samples only, as many as perf report counts", async () => {
    const { data, leaderSamples: perfCount } = recordGroup(dir);
    expect(perfCount).toBeGreaterThan(10);
    const samples: Sample[] = [];
    const mmaps = await streamPerfScript(perfScriptArgv("perf", data), (s) => samples.push(s), { event: groupLeader(GROUP) });
    expect(samples).toHaveLength(perfCount);
    expect(samples.every((s) => s.event === "cpu-clock")).toBe(true);
    expect(mmaps.some((m) => m.path === "/usr/bin/bash")).toBe(true);
  });

  test("a perf failure is thrown with perf's message", async () => {
    const missing = join(dir, "missing.pipedata");
    await expect(streamPerfScript(perfScriptArgv("perf", missing), () => {})).rejects.toThrow(/perf script exited with \d+: .*missing\.pipedata/);
  });
});
