import { afterAll, describe, expect, test } from "bun:test";
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PluginContext } from "../../../src/index.ts";
import { onBenchmark } from "./on-benchmark.ts";
import { PerfControl } from "../perf/perf-control.ts";
import { newWalltimeState, type WalltimeState } from "./state.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-wt-onb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctx(): { ctx: PluginContext; state: WalltimeState; warnings: string[]; failed: string[] } {
  const warnings: string[] = [];
  const failed: string[] = [];
  const c = { log: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} }, probeFailed: (f: string) => failed.push(f) } as unknown as PluginContext;
  return { ctx: c, state: newWalltimeState(), warnings, failed };
}

/** A perf control channel nobody answers (its FIFOs in `dir`), attached to `state`. */
function silentPerf(state: WalltimeState, name: string, timeoutMs: number): PerfControl {
  const ctl = join(dir, `${name}.ctl`);
  const ack = join(dir, `${name}.ack`);
  Bun.spawnSync(["mkfifo", ctl, ack]);
  const control = PerfControl.open(ctl, ack, timeoutMs);
  state.perf = { control, pipedata: "", statusFile: "", unwinding: "fp", compression: false, cwd: dir };
  return control;
}

describe("onBenchmark()", () => {
  test("without perf it only keeps the timeline (both event orders)", async () => {
    const { ctx: c, state } = ctx();
    for (const e of [
      { type: "start", timestampNs: 10n },
      { type: "marker", pid: 1, marker: "BenchmarkStart", timestampNs: 11n },
      { type: "stop", timestampNs: 20n },
      { type: "executed", pid: 1, uri: "a::b", timestampNs: 21n },
    ] as const) {
      expect(await onBenchmark(e, c, state)).toBeUndefined();
    }
    const t = state.timeline;
    expect(t.map((e) => e.kind)).toEqual(["start", "stop", "executed"]);
    // The stop time is the receipt time moved by the time spent on the event.
    expect(t[1]!.ns).toBeGreaterThanOrEqual(20n);
  });

  test("answers Err and warns once when perf does not acknowledge", async () => {
    const { ctx: c, state, warnings, failed } = ctx();
    const control = silentPerf(state, "deaf", 30);
    expect(await onBenchmark({ type: "start", timestampNs: 1n }, c, state)).toBe("err");
    expect(await onBenchmark({ type: "stop", timestampNs: 2n }, c, state)).toBe("err");
    expect(await onBenchmark({ type: "ping", timestampNs: 3n }, c, state)).toBe("err");
    expect(warnings).toEqual(['Cannot enable perf: perf did not acknowledge "enable" within 30 ms']);
    // The probe said the control FIFO works: its cached result is dropped, once.
    expect(failed).toEqual(["control_fifo"]);
    control.close();
  });

  test("once perf missed a deadline, later events wait briefly, and an ack clears it", async () => {
    const { ctx: c, state, warnings } = ctx();
    const control = silentPerf(state, "slow", 400);
    expect(await onBenchmark({ type: "start", timestampNs: 1n }, c, state)).toBe("err");
    // Bound generously (a loaded machine): the point is not paying the 400 ms deadline again.
    const began = performance.now();
    for (let i = 0; i < 4; i++) expect(await onBenchmark({ type: i % 2 ? "start" : "stop", timestampNs: 2n }, c, state)).toBe("err");
    expect(performance.now() - began).toBeLessThan(4 * 400 - 300);
    // A perf that acks again (written just after the command, as perf would) is used again.
    const writer = openSync(join(dir, "slow.ack"), constants.O_RDWR | constants.O_NONBLOCK);
    setTimeout(() => writeSync(writer, "ack\n\0"), 3);
    expect(await onBenchmark({ type: "ping", timestampNs: 3n }, c, state)).toBeUndefined();
    expect(state.perf!.unresponsive).toBeUndefined();
    expect(warnings.length).toBe(1);
    closeSync(writer);
    control.close();
  });
});
