// Reliability cases of the memory instrument, reproduced for real (see docs/reliability/memory.md).
// Fresh VM: tracefs starts unmounted (it is unmounted here, and the state found is restored after).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import type { ProbeResult } from "../../src/plugin/types.ts";
import { pacer, pacerCommand } from "../memory/cli.ts";
import { cleanupTempDirs, compile, ensurePreload, hasBpftrace, hasCompiler, tempDir } from "../memory/memory-driver.ts";
import { canMountTracefs, restoreTracefs, tracefsMounts, unmountTracefs } from "../memory/tracefs-state.ts";

let original = 0;
const dir = tempDir("reliability");
beforeAll(async () => {
  if (canMountTracefs) original = unmountTracefs();
  if (!canMountTracefs || !hasBpftrace || !hasCompiler) return;
  await ensurePreload();
  compile("static.c", dir, ["-static"]);
}, 120_000);
afterAll(() => {
  if (canMountTracefs) restoreTracefs(original);
  cleanupTempDirs();
});

describe.skipIf(!canMountTracefs || !hasBpftrace || !hasCompiler)("memory: fresh VM without tracefs", () => {
  test("--skip-setup: a static program fails naming tracefs and the setup step, not bpftrace's tracepoint error", () => {
    expect(tracefsMounts()).toBe(0);
    const r = pacer(["exec", "--mode", "memory", "--skip-upload", "--skip-setup", "--", "./static"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tracefs is not mounted at "/sys/kernel/tracing": bpftrace finds the sched tracepoints there');
    expect(r.stderr).toContain("hint: Run `pacer setup --mode memory` to mount tracefs (or drop --skip-setup); or link it dynamically");
    expect(r.stderr).not.toContain("tracepoint not found");
    expect(tracefsMounts()).toBe(0);
    // Nothing left in the user's directory but pacer's history folder.
    expect(readdirSync(dir).filter((n) => n !== ".pacer")).toEqual(["static"]);
  }, 120_000);

  test("pacer exec mounts tracefs in its setup and measures a static program with eBPF uprobes", () => {
    expect(tracefsMounts()).toBe(0);
    const r = pacer(["exec", "--mode", "memory", "--skip-upload", "--json", "--", "./static"], dir);
    expect(r.stderr).toContain('Mounting tracefs at "/sys/kernel/tracing"');
    expect(r.stderr).not.toContain("[ERROR]");
    expect(r.code).toBe(0);
    expect(tracefsMounts()).toBe(1);
    expect(r.stdout).toContain("eBPF uprobes (statically linked");
  }, 120_000);
});

const USER = `pacer-mem${process.pid}`;
const hasRunuser = spawnSync("runuser", ["--version"]).status === 0;

describe.skipIf(!canMountTracefs || !hasRunuser)("memory: tracefs not mounted, pacer run by a user who may not mount", () => {
  beforeAll(() => {
    unmountTracefs();
    const r = spawnSync("useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", USER], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`useradd failed: ${r.stderr}`);
  });
  afterAll(() => {
    spawnSync("userdel", [USER]);
  });
  const asUser = (args: string[]) => spawnSync("runuser", ["-u", USER, "--", ...pacerCommand(), ...args], { cwd: "/", encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1", HOME: "/tmp" } });

  test("setup plans no mount it cannot do; doctor says how root mounts it", () => {
    const setup = asUser(["setup", "--mode", "memory"]);
    expect(setup.stderr).not.toContain("Mounting tracefs");
    expect(setup.stderr).not.toContain("Could not mount");
    expect(tracefsMounts()).toBe(0);
    const doctor = asUser(["doctor", "--json"]);
    expect(doctor.status).toBe(0);
    const memory = (JSON.parse(doctor.stdout) as { instruments: Record<string, ProbeResult> }).instruments.memory!;
    expect(memory.status).toBe("degraded");
    expect(memory.needsSetup).toBe(false);
    expect(memory.features.ebpf!.reason).toContain("Needs root or CAP_BPF + CAP_PERFMON");
    expect(memory.features.ebpf!.reason).toContain("tracefs is not mounted");
    expect(memory.hint).toBe("As root, mount tracefs: `mount -t tracefs nodev /sys/kernel/tracing`");
  }, 240_000);
});
