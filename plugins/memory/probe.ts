/**
 * What the memory instrument needs, split into gathering facts (reads files, runs `bpftrace
 * --version`) and deciding (pure, unit-tested). Two trackers:
 * - preload: an LD_PRELOAD library for dynamically linked programs; needs glibc's `libc.so.6`.
 * - eBPF: bpftrace uprobes for statically linked executables; needs root or CAP_BPF + CAP_PERFMON,
 *   kernel BTF, uprobe support and bpftrace.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import type { PluginContext, ProbeResult } from "../../src/index.ts";
import { findAllocators, type AllocatorKind } from "./allocators.ts";

export interface MemoryFacts {
  uid: number;
  /** `CapEff` of /proc/self/status, or null when unreadable. */
  capEff: bigint | null;
  btf: boolean;
  uprobes: boolean;
  /** `bpftrace --version` output, or null when bpftrace is not on PATH. */
  bpftraceVersion: string | null;
  allocators: Record<AllocatorKind, string[]>;
  hasApt: boolean;
}

const CAP_SYS_ADMIN = 21n;
const CAP_PERFMON = 38n;
const CAP_BPF = 39n;

/** Reads `CapEff` from /proc/<pid>/status text. */
export function parseCapEff(status: string): bigint | null {
  const m = /^CapEff:\s*([0-9a-f]+)\s*$/m.exec(status);
  return m ? BigInt(`0x${m[1]}`) : null;
}

/** `bpftrace v0.17.0` → `0.17.0`. */
export function parseBpftraceVersion(text: string): string | null {
  return /bpftrace v?(\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1] ?? null;
}

/** Whether the capabilities allow loading BPF programs and attaching uprobes. */
export function canUseBpf(uid: number, capEff: bigint | null): boolean {
  if (capEff === null) return uid === 0;
  const has = (bit: bigint): boolean => (capEff & (1n << bit)) !== 0n;
  return has(CAP_SYS_ADMIN) || (has(CAP_BPF) && has(CAP_PERFMON));
}

const UPROBE_FILES = ["/sys/kernel/tracing/uprobe_events", "/sys/kernel/debug/tracing/uprobe_events"];

/** Collects the facts; reads only, runs only `bpftrace --version`. */
export async function gatherFacts(ctx: PluginContext): Promise<MemoryFacts> {
  let capEff: bigint | null = null;
  try {
    capEff = parseCapEff(readFileSync("/proc/self/status", "utf8"));
  } catch {
    // not Linux, or /proc hidden
  }
  const r = await ctx.exec(["bpftrace", "--version"], { timeoutMs: 10_000 });
  return {
    uid: ctx.system.uid,
    capEff,
    btf: existsSync("/sys/kernel/btf/vmlinux"),
    // The kprobe_events/uprobe_events files exist only when the kernel has CONFIG_UPROBE_EVENTS.
    uprobes: UPROBE_FILES.some((f) => existsSync(f)) || existsSync("/sys/bus/event_source/devices/uprobe"),
    bpftraceVersion: r.code === 0 ? parseBpftraceVersion(r.stdout + r.stderr) : null,
    allocators: findAllocators(),
    hasApt: ctx.system.hasApt,
  };
}

/** Turns facts into the probe result. Pure. */
export function decideProbe(f: MemoryFacts): ProbeResult {
  const libc = f.allocators.libc[0];
  const bpf = canUseBpf(f.uid, f.capEff);
  const features: ProbeResult["features"] = {
    preload: libc
      ? { enabled: true, value: libc, reason: "LD_PRELOAD tracker for dynamically linked programs" }
      : { enabled: false, reason: "No glibc libc.so.6 found in the library folders" },
    bpf: bpf ? { enabled: true, reason: "root or CAP_BPF + CAP_PERFMON" } : { enabled: false, reason: "Needs root or CAP_BPF + CAP_PERFMON" },
    btf: f.btf ? { enabled: true, value: "/sys/kernel/btf/vmlinux" } : { enabled: false, reason: "Kernel BTF (/sys/kernel/btf/vmlinux) is missing" },
    uprobes: f.uprobes ? { enabled: true } : { enabled: false, reason: "The kernel has no uprobe events (CONFIG_UPROBE_EVENTS)" },
    bpftrace: f.bpftraceVersion
      ? { enabled: true, value: f.bpftraceVersion }
      : { enabled: false, reason: "bpftrace is not installed" },
  };
  // Other allocators are found for the record (`pacer doctor`); none is required: the preload
  // library sees whatever malloc the program resolves to.
  const others = (["libstdc++", "libc++", "jemalloc", "mimalloc"] as const).filter((k) => f.allocators[k].length > 0);
  features.allocators = {
    enabled: true,
    value: others.map((k) => `${k} (${f.allocators[k].join(", ")})`).join("; ") || "libc only",
    reason: "C++ runtimes and jemalloc/mimalloc are measured through the malloc family they call",
  };
  const ebpfMissing = (["bpf", "btf", "uprobes", "bpftrace"] as const).filter((k) => !features[k]!.enabled);
  features.ebpf = ebpfMissing.length === 0
    ? { enabled: true, reason: "uprobes for statically linked executables" }
    : { enabled: false, reason: `Statically linked executables cannot be measured: ${ebpfMissing.map((k) => features[k]!.reason).join("; ")}` };

  const reasons: string[] = [];
  if (!libc) reasons.push(features.preload!.reason!);
  if (ebpfMissing.length > 0) reasons.push(features.ebpf.reason!);
  const needsSetup = !f.bpftraceVersion && f.hasApt && bpf;
  if (!libc && ebpfMissing.length > 0) {
    return { status: "unsupported", features, reasons, hint: "Run on a glibc Linux, or as root with bpftrace installed", needsSetup };
  }
  if (!libc || ebpfMissing.length > 0) {
    const hint = needsSetup ? "Run `pacer setup` to install bpftrace" : !f.bpftraceVersion ? "Install bpftrace (`apt-get install -y bpftrace`)" : undefined;
    return { status: "degraded", features, reasons, ...(hint ? { hint } : {}), needsSetup };
  }
  return { status: "supported", features, reasons, needsSetup: false };
}
