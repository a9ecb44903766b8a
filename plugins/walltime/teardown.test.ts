import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PluginContext } from "../../src/index.ts";
import { PerfControl } from "./perf-control.ts";
import { markCollected, perfSession as perfSessionOf, setBenchCwd, setPerfSession, timeline } from "./state.ts";
import { teardown } from "./teardown.ts";

function setup(status: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), "pacer-wt-td-"));
  const profile = mkdtempSync(join(tmpdir(), "pacer-wt-td-prof-"));
  const errors: string[] = [];
  const ctx = { state: new Map(), profileFolder: profile, log: { debug() {}, info() {}, warn() {}, error: (m: string) => errors.push(m) } } as unknown as PluginContext;
  Bun.spawnSync(["mkfifo", join(dir, "c"), join(dir, "a")]);
  const statusFile = join(dir, "status");
  if (status !== undefined) writeFileSync(statusFile, status);
  const pipedata = join(dir, "perf.pipedata");
  writeFileSync(pipedata, "");
  setPerfSession(ctx, { control: PerfControl.open(join(dir, "c"), join(dir, "a")), pipedata, statusFile, unwinding: "fp", compression: true, cwd: dir });
  setBenchCwd(ctx, dir);
  timeline(ctx).push({ kind: "executed", ns: 1n, uri: "a::b", pid: 4242 });
  writeFileSync(join(dir, "jit-4242.dump"), "x");
  writeFileSync(join(dir, "isolate-0x1-4242-v8.log"), "x");
  return { ctx, dir, profile, errors };
}

describe("teardown()", () => {
  test("after a failed run, blames perf when the benchmark itself exited 0, and moves node's files", () => {
    const { ctx, dir, profile, errors } = setup("0\n");
    teardown(ctx);
    expect(errors).toEqual(["perf record failed although the benchmark itself exited with code 0: see perf's messages above"]);
    expect(existsSync(join(dir, "jit-4242.dump"))).toBe(false);
    expect(existsSync(join(profile, "isolate-0x1-4242-v8.log"))).toBe(true);
  });

  test("says nothing more when the benchmark failed (the host reports it) or the run was collected", () => {
    const failed = setup("3\n");
    teardown(failed.ctx);
    expect(failed.errors).toEqual([]);
    const ok = setup("0\n");
    markCollected(ok.ctx);
    teardown(ok.ctx);
    expect(ok.errors).toEqual([]);
  });

  test("says perf never ran the benchmark when there is no status", () => {
    const { ctx, errors } = setup(undefined);
    teardown(ctx);
    expect(errors[0]).toContain("perf record did not run the benchmark to completion");
  });

  test("says nothing when the wrapped command never started (e.g. the runner FIFOs were locked)", () => {
    const { ctx, errors } = setup(undefined);
    rmSync(perfSessionOf(ctx)!.pipedata);
    teardown(ctx);
    expect(errors).toEqual([]);
  });
});
