import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { linkGuard } from "../../src/toolkit/link-guard.ts";
import { canMount, canUseBpf, decideProbe, parseBpftraceVersion, parseCapEff, setupSteps, type MemoryFacts } from "./probe.ts";
import { parseMountinfo, type TracefsFacts } from "./tracefs.ts";

const FIX = join(import.meta.dir, "..", "..", "test", "fixtures", "memory");

const facts = (over: Partial<MemoryFacts> = {}): MemoryFacts => ({
  uid: 0,
  capEff: 0x1fffeffffffn,
  btf: true,
  uprobes: true,
  bpftraceVersion: "0.17.0",
  allocators: { libc: ["/usr/lib/aarch64-linux-gnu/libc.so.6"], "libstdc++": [], "libc++": [], jemalloc: [], mimalloc: [] },
  hasApt: true,
  tracefs: { dir: "/sys/kernel/tracing", mounted: true, kernelHasTracefs: true, missingTracepoints: [], unreadable: false },
  ...over,
});

const unmounted: TracefsFacts = { dir: "/sys/kernel/tracing", mounted: false, kernelHasTracefs: true, missingTracepoints: null, unreadable: false };

describe("probe parsers", () => {
  test("parseCapEff() reads the effective set of a captured /proc/self/status", () => {
    const cap = parseCapEff(readFileSync(join(FIX, "proc-status-root.txt"), "utf8"));
    expect(cap).toBe(0x1fffeffffffn);
    expect(canUseBpf(1000, cap)).toBe(true);
  });

  test("canUseBpf() needs CAP_SYS_ADMIN or CAP_BPF with CAP_PERFMON", () => {
    expect(canUseBpf(1000, 0n)).toBe(false);
    expect(canUseBpf(1000, (1n << 39n) | (1n << 38n))).toBe(true);
    expect(canUseBpf(1000, 1n << 39n)).toBe(false);
  });

  test("canMount() needs CAP_SYS_ADMIN (root without /proc counts as having it)", () => {
    expect(canMount(1000, (1n << 39n) | (1n << 38n))).toBe(false);
    expect(canMount(1000, 1n << 21n)).toBe(true);
    expect(canMount(0, null)).toBe(true);
  });

  // Both captured on the project's Debian 12 VM (lines of /proc/self/mountinfo), before and after
  // `mount -t tracefs nodev /sys/kernel/tracing`.
  test("parseMountinfo() finds tracefs only once it is mounted", () => {
    const fresh = parseMountinfo(readFileSync(join(FIX, "mountinfo-fresh.txt"), "utf8"));
    const mounted = parseMountinfo(readFileSync(join(FIX, "mountinfo-tracefs.txt"), "utf8"));
    expect(fresh.map((m) => m.point)).toEqual(["/proc", "/sys", "/"]);
    expect(fresh.some((m) => m.fstype === "tracefs")).toBe(false);
    expect(mounted.at(-1)).toEqual({ point: "/sys/kernel/tracing", fstype: "tracefs" });
  });

  test("parseMountinfo() decodes octal escapes of mount points", () => {
    expect(parseMountinfo("50 22 0:44 / /mnt/a\\040b rw - tmpfs tmpfs rw")).toEqual([{ point: "/mnt/a b", fstype: "tmpfs" }]);
  });

  test("parseBpftraceVersion() reads `bpftrace --version`", () => {
    expect(parseBpftraceVersion("bpftrace v0.17.0\n")).toBe("0.17.0");
    expect(parseBpftraceVersion("command not found")).toBeNull();
  });
});

describe("decideProbe()", () => {
  test("reports supported with both trackers", () => {
    const r = decideProbe(facts());
    expect(r.status).toBe("supported");
    expect(r.features.preload?.value).toBe("/usr/lib/aarch64-linux-gnu/libc.so.6");
  });

  test("reports degraded with a reason and a setup step when bpftrace is missing", () => {
    const r = decideProbe(facts({ bpftraceVersion: null }));
    expect(r.status).toBe("degraded");
    expect(r.needsSetup).toBe(true);
    expect(r.reasons.join()).toContain("bpftrace is not installed");
  });

  test("reports degraded naming every missing eBPF piece for an unprivileged user without BTF", () => {
    const r = decideProbe(facts({ uid: 1000, capEff: 0n, btf: false }));
    expect(r.status).toBe("degraded");
    expect(r.reasons[0]).toContain("CAP_BPF");
    expect(r.reasons[0]).toContain("BTF");
    expect(r.needsSetup).toBe(false);
  });

  test("reports eBPF off, naming tracefs, and a mount step when tracefs is not mounted (fresh VM)", () => {
    const r = decideProbe(facts({ tracefs: unmounted }));
    expect(r.status).toBe("degraded");
    expect(r.features.ebpf!.enabled).toBe(false);
    expect(r.features.tracefs).toEqual({ enabled: false, reason: 'tracefs is not mounted at "/sys/kernel/tracing": bpftrace finds the sched tracepoints there' });
    expect(r.features.tracepoints).toBeUndefined();
    expect(r.reasons[0]).toBe('Statically linked executables cannot be measured: tracefs is not mounted at "/sys/kernel/tracing": bpftrace finds the sched tracepoints there');
    expect(r.needsSetup).toBe(true);
    expect(r.hint).toBe("Run `pacer setup --mode memory` to mount tracefs");
  });

  test("a root run with fs.protected_symlinks=0: degraded, the guard named, and setup sets it", () => {
    const links = linkGuard(() => 0, "linux").feature({ isRoot: true });
    const r = decideProbe(facts({ links }));
    expect(r.status).toBe("degraded");
    expect(r.features["fs.protected_symlinks"]).toEqual(links!);
    expect(r.reasons).toEqual([`fs.protected_symlinks: ${links!.reason}`]);
    expect(r.needsSetup).toBe(true);
    expect(r.hint).toBe("Run `pacer setup --mode memory` to set fs.protected_symlinks=1");
    expect(decideProbe(facts({ links: linkGuard(() => 1, "linux").feature({ isRoot: true }) })).status).toBe("supported");
  });

  test("plans both setup steps on a machine without bpftrace and tracefs", () => {
    const f = facts({ tracefs: unmounted, bpftraceVersion: null });
    expect(setupSteps(f)).toEqual(["install-bpftrace", "mount-tracefs"]);
    expect(decideProbe(f).hint).toBe("Run `pacer setup --mode memory` to install bpftrace and mount tracefs");
  });

  test("does not plan a mount it may not do, and says how to do it", () => {
    const f = facts({ uid: 1000, capEff: (1n << 39n) | (1n << 38n), tracefs: unmounted });
    expect(setupSteps(f)).toEqual([]);
    const r = decideProbe(f);
    expect(r.needsSetup).toBe(false);
    expect(r.hint).toBe("As root, mount tracefs: `mount -t tracefs nodev /sys/kernel/tracing`");
  });

  test("names missing sched tracepoints when tracefs is mounted without them", () => {
    const r = decideProbe(facts({ tracefs: { ...unmounted, mounted: true, missingTracepoints: ["sched:sched_process_fork"] } }));
    expect(r.features.tracefs!.enabled).toBe(true);
    expect(r.features.tracepoints).toEqual({ enabled: false, reason: 'The kernel has no tracepoint "sched:sched_process_fork"' });
    expect(r.features.ebpf!.enabled).toBe(false);
    expect(r.needsSetup).toBe(false);
  });

  test("reports a tracefs this user cannot read", () => {
    const r = decideProbe(facts({ uid: 1000, capEff: (1n << 39n) | (1n << 38n), tracefs: { ...unmounted, mounted: true, unreadable: true } }));
    expect(r.features.tracefs!.reason).toBe('tracefs at "/sys/kernel/tracing" is not readable by this user');
    expect(r.features.ebpf!.enabled).toBe(false);
  });

  test("reports unsupported without libc and without eBPF", () => {
    const r = decideProbe(facts({ allocators: { libc: [], "libstdc++": [], "libc++": [], jemalloc: [], mimalloc: [] }, uprobes: false }));
    expect(r.status).toBe("unsupported");
    expect(r.reasons.join()).toContain("libc.so.6");
  });
});
