// The memory instrument on a fresh VM, where tracefs is not mounted: the probe says the eBPF tracker
// is off and why, `pacer doctor` says the same, and `pacer setup --mode memory` mounts tracefs.
// Unmounts tracefs for real (needs root) and restores the state it found.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import memoryPlugin from "../../plugins/memory/index.ts";
import { createPluginContext, validatePluginOptions } from "../../src/plugin/context.ts";
import { resolvePlugin } from "../../src/plugin/load.ts";
import type { ProbeResult } from "../../src/plugin/types.ts";
import { systemInfo } from "../../src/system/info.ts";
import { pacer } from "./cli.ts";
import { cleanupTempDirs, hasBpftrace, tempDir } from "./memory-driver.ts";
import { canMountTracefs, restoreTracefs, tracefsMounts, unmountTracefs } from "./tracefs-state.ts";

let original = 0;
beforeAll(() => {
  if (canMountTracefs) original = unmountTracefs();
});
afterAll(() => {
  if (canMountTracefs) restoreTracefs(original);
  cleanupTempDirs();
});

async function probe(): Promise<ProbeResult> {
  const plugin = await resolvePlugin(memoryPlugin);
  const ctx = createPluginContext(plugin, validatePluginOptions(plugin, {}, "test"), {
    system: systemInfo(),
    mode: "memory",
    profileFolder: tempDir("probe"),
    plan: { kind: "exec", targets: [] },
    flags: { skipSetup: false, allowEmpty: false },
    selfCommand: [],
  });
  try {
    return await plugin.probe(ctx);
  } finally {
    ctx.dispose();
  }
}

const NOT_MOUNTED = 'tracefs is not mounted at "/sys/kernel/tracing": bpftrace finds the sched tracepoints there';

describe.skipIf(!canMountTracefs || !hasBpftrace)("tracefs not mounted (fresh VM)", () => {
  test("the probe reports eBPF off with the reason, and that setup can fix it", async () => {
    expect(tracefsMounts()).toBe(0);
    const r = await probe();
    expect(r.status).toBe("degraded");
    expect(r.features.tracefs).toEqual({ enabled: false, reason: NOT_MOUNTED });
    expect(r.features.ebpf!.enabled).toBe(false);
    expect(r.features.ebpf!.reason).toContain(NOT_MOUNTED);
    expect(r.needsSetup).toBe(true);
    expect(r.hint).toBe("Run `pacer setup --mode memory` to mount tracefs");
    expect(tracefsMounts()).toBe(0); // the probe changed nothing
  }, 30_000);

  test("`pacer doctor` says the eBPF tracker is off because tracefs is missing", () => {
    const r = pacer(["doctor", "--json"], process.cwd());
    expect(r.code).toBe(0);
    const memory = (JSON.parse(r.stdout) as { instruments: Record<string, ProbeResult> }).instruments.memory!;
    expect(memory.status).toBe("degraded");
    expect(memory.features.ebpf!.enabled).toBe(false);
    expect(memory.features.tracefs!.reason).toBe(NOT_MOUNTED);
    const text = pacer(["doctor"], process.cwd()).stdout;
    // The name column is as wide as the longest feature name (a root run lists fs.protected_symlinks).
    expect(text.split("\n").filter((l) => /^\s*off\s+tracefs\s/.test(l) && l.trimEnd().endsWith(NOT_MOUNTED))).toHaveLength(1);
    expect(text).toContain("hint: Run `pacer setup --mode memory` to mount tracefs");
  }, 120_000);

  test("`pacer setup --mode memory` mounts tracefs once, and the eBPF tracker is on", async () => {
    const r = pacer(["setup", "--mode", "memory"], process.cwd());
    expect(r.stderr).toContain('Mounting tracefs at "/sys/kernel/tracing"');
    expect(r.code).toBe(0);
    expect(tracefsMounts()).toBe(1);
    const after = await probe();
    expect(after.status).toBe("supported");
    expect(after.features.tracepoints).toEqual({ enabled: true, value: "sched:sched_process_exec, sched:sched_process_fork" });
    expect(after.features.ebpf!.enabled).toBe(true);
    // Run again: nothing left to do, no second mount stacked on the first.
    const again = pacer(["setup", "--mode", "memory"], process.cwd());
    expect(again.stderr).not.toContain("Mounting tracefs");
    expect(tracefsMounts()).toBe(1);
  }, 120_000);
});
