import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { canUseBpf, decideProbe, parseBpftraceVersion, parseCapEff, type MemoryFacts } from "./probe.ts";

const FIX = join(import.meta.dir, "..", "..", "test", "fixtures", "memory");

const facts = (over: Partial<MemoryFacts> = {}): MemoryFacts => ({
  uid: 0,
  capEff: 0x1fffeffffffn,
  btf: true,
  uprobes: true,
  bpftraceVersion: "0.17.0",
  allocators: { libc: ["/usr/lib/aarch64-linux-gnu/libc.so.6"], "libstdc++": [], "libc++": [], jemalloc: [], mimalloc: [] },
  hasApt: true,
  ...over,
});

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

  test("reports unsupported without libc and without eBPF", () => {
    const r = decideProbe(facts({ allocators: { libc: [], "libstdc++": [], "libc++": [], jemalloc: [], mimalloc: [] }, uprobes: false }));
    expect(r.status).toBe("unsupported");
    expect(r.reasons.join()).toContain("libc.so.6");
  });
});
