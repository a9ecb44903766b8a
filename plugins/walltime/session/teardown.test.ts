import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PluginContext } from "../../../src/index.ts";
import { PerfControl } from "../perf/perf-control.ts";
import { newWalltimeState } from "./state.ts";
import { teardown } from "./teardown.ts";

// Every scratch folder this file makes is removed after it.
const made: string[] = [];
const scratch = (prefix: string) => (made.push(mkdtempSync(prefix)), made.at(-1)!);
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(status: string | undefined) {
  const dir = scratch(join(tmpdir(), "pacer-wt-td-"));
  const profile = scratch(join(tmpdir(), "pacer-wt-td-prof-"));
  const errors: string[] = [];
  const failed: string[] = [];
  const ctx = { profileFolder: profile, log: { debug() {}, info() {}, warn() {}, error: (m: string) => errors.push(m) }, probeFailed: (f: string) => failed.push(f) } as unknown as PluginContext;
  Bun.spawnSync(["mkfifo", join(dir, "c"), join(dir, "a")]);
  const statusFile = join(dir, "status");
  if (status !== undefined) writeFileSync(statusFile, status);
  const pipedata = join(dir, "perf.pipedata");
  writeFileSync(pipedata, "");
  const state = newWalltimeState();
  state.perf = { control: PerfControl.open(join(dir, "c"), join(dir, "a")), pipedata, statusFile, unwinding: "fp", compression: true, cwd: dir };
  state.cwd = dir;
  state.timeline.push({ kind: "executed", ns: 1n, uri: "a::b", pid: 4242 });
  writeFileSync(join(dir, "jit-4242.dump"), "x");
  writeFileSync(join(dir, "isolate-0x1-4242-v8.log"), "x");
  return { ctx, state, dir, profile, errors, failed };
}

describe("teardown()", () => {
  test("after a failed run, blames perf when the benchmark itself exited 0, and moves node's files", () => {
    const { ctx, state, dir, profile, errors, failed } = setup("0\n");
    teardown(ctx, state);
    expect(errors).toEqual(["perf record failed although the benchmark itself exited with code 0: see perf's messages above"]);
    // The cached "perf works" is dropped: the next run probes again.
    expect(failed).toEqual(["perf"]);
    expect(existsSync(join(dir, "jit-4242.dump"))).toBe(false);
    expect(existsSync(join(profile, "isolate-0x1-4242-v8.log"))).toBe(true);
  });

  test("says nothing more when the benchmark failed (the host reports it) or the run was collected", () => {
    const failed = setup("3\n");
    teardown(failed.ctx, failed.state);
    expect(failed.errors).toEqual([]);
    expect(failed.failed).toEqual([]);
    const ok = setup("0\n");
    ok.state.collected = true;
    teardown(ok.ctx, ok.state);
    expect(ok.errors).toEqual([]);
  });

  test("says perf never ran the benchmark when there is no status", () => {
    const { ctx, state, errors } = setup(undefined);
    teardown(ctx, state);
    expect(errors[0]).toContain("perf record did not run the benchmark to completion");
  });

  test("says nothing when the wrapped command never started (e.g. the runner FIFOs were locked)", () => {
    const { ctx, state, errors } = setup(undefined);
    rmSync(state.perf!.pipedata);
    teardown(ctx, state);
    expect(errors).toEqual([]);
  });
});
