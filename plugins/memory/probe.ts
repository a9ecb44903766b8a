/**
 * What the memory instrument needs, split into gathering facts (reads files, runs `bpftrace
 * --version`) and deciding (pure, unit-tested). Two trackers:
 * - preload: an LD_PRELOAD library for dynamically linked programs; needs glibc's `libc.so.6`.
 * - eBPF: bpftrace uprobes for statically linked executables; needs root or CAP_BPF + CAP_PERFMON,
 *   kernel BTF, uprobe support, bpftrace, and a mounted tracefs with the sched tracepoints.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import type { Feature, PluginContext, ProbeResult } from "../../src/index.ts";
import { findAllocators, type AllocatorKind } from "./allocators.ts";
import { gatherTracefs, TRACEFS, type TracefsFacts } from "./tracefs.ts";

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
  tracefs: TracefsFacts;
  /** The toolkit's link guard (`fs.protected_symlinks`), for root runs only: @codspeed/core's addon writes /tmp/perf-<pid>.map in this mode. */
  links?: Feature;
}

/** What `setup()` can do about the facts: install bpftrace, mount tracefs, set the link guard. */
export type SetupStep = "install-bpftrace" | "mount-tracefs" | "protect-links";

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

/** Whether the capabilities allow mounting a filesystem. */
export function canMount(uid: number, capEff: bigint | null): boolean {
  return capEff === null ? uid === 0 : (capEff & (1n << CAP_SYS_ADMIN)) !== 0n;
}

/** The setup steps the facts call for, and pacer may take. Pure: probe and setup share it. */
export function setupSteps(f: MemoryFacts): SetupStep[] {
  const steps: SetupStep[] = [];
  if (!f.bpftraceVersion && f.hasApt && canUseBpf(f.uid, f.capEff)) steps.push("install-bpftrace");
  // Only at the standard path: debugfs's tracing folder is automounted by the kernel.
  if (!f.tracefs.mounted && f.tracefs.kernelHasTracefs && f.tracefs.dir === TRACEFS && canMount(f.uid, f.capEff)) steps.push("mount-tracefs");
  if (f.links?.enabled === false) steps.push("protect-links");
  return steps;
}

const UPROBE_FILES = ["/sys/kernel/tracing/uprobe_events", "/sys/kernel/debug/tracing/uprobe_events"];

/** Collects the facts; reads only (files under /proc and /sys), runs only `bpftrace --version`. */
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
    tracefs: gatherTracefs(),
    links: ctx.toolkit.linkGuard.feature(ctx.system),
  };
}

function tracefsFeatures(t: TracefsFacts): ProbeResult["features"] {
  if (!t.mounted) {
    const why = t.kernelHasTracefs ? `tracefs is not mounted at "${t.dir}"` : "The kernel has no tracefs (CONFIG_TRACING)";
    return { tracefs: { enabled: false, reason: `${why}: bpftrace finds the sched tracepoints there` } };
  }
  if (t.unreadable) return { tracefs: { enabled: false, value: t.dir, reason: `tracefs at "${t.dir}" is not readable by this user` } };
  const missing = t.missingTracepoints ?? [];
  return {
    tracefs: { enabled: true, value: t.dir },
    tracepoints: missing.length === 0
      ? { enabled: true, value: "sched:sched_process_exec, sched:sched_process_fork" }
      : { enabled: false, reason: `The kernel has no tracepoint ${missing.map((m) => `"${m}"`).join(", ")}` },
  };
}

const SETUP_WORDS: Record<SetupStep, string> = { "install-bpftrace": "install bpftrace", "mount-tracefs": "mount tracefs", "protect-links": "set fs.protected_symlinks=1" };

function degradedHint(f: MemoryFacts, steps: SetupStep[]): string | undefined {
  if (steps.length > 0) return `Run \`pacer setup --mode memory\` to ${steps.map((s) => SETUP_WORDS[s]).join(" and ")}`;
  if (!f.bpftraceVersion) return "Install bpftrace (`apt-get install -y bpftrace`)";
  if (!f.tracefs.mounted && f.tracefs.kernelHasTracefs) return `As root, mount tracefs: \`mount -t tracefs nodev ${TRACEFS}\``;
  return undefined;
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
    ...tracefsFeatures(f.tracefs),
    ...(f.links && { "fs.protected_symlinks": f.links }),
  };
  // Other allocators are found for the record (`pacer doctor`); none is required: the preload
  // library sees whatever malloc the program resolves to.
  const others = (["libstdc++", "libc++", "jemalloc", "mimalloc"] as const).filter((k) => f.allocators[k].length > 0);
  features.allocators = {
    enabled: true,
    value: others.map((k) => `${k} (${f.allocators[k].join(", ")})`).join("; ") || "libc only",
    reason: "C++ runtimes and jemalloc/mimalloc are measured through the malloc family they call",
  };
  // `tracepoints` is only present once tracefs is there to look them up in.
  const ebpfMissing = (["bpf", "btf", "uprobes", "bpftrace", "tracefs", "tracepoints"] as const).filter((k) => features[k] && !features[k].enabled);
  features.ebpf = ebpfMissing.length === 0
    ? { enabled: true, reason: "uprobes for statically linked executables" }
    : { enabled: false, reason: `Statically linked executables cannot be measured: ${ebpfMissing.map((k) => features[k]!.reason).join("; ")}` };

  const reasons: string[] = [];
  if (!libc) reasons.push(features.preload!.reason!);
  if (ebpfMissing.length > 0) reasons.push(features.ebpf.reason!);
  if (f.links?.enabled === false) reasons.push(`fs.protected_symlinks: ${f.links.reason}`);
  const steps = setupSteps(f);
  const needsSetup = steps.length > 0;
  if (!libc && ebpfMissing.length > 0) {
    const hint = needsSetup ? degradedHint(f, steps)! : "Run on a glibc Linux, or as root with bpftrace installed and tracefs mounted";
    return { status: "unsupported", features, reasons, hint, needsSetup };
  }
  if (!libc || ebpfMissing.length > 0 || f.links?.enabled === false) {
    const hint = degradedHint(f, steps);
    return { status: "degraded", features, reasons, ...(hint ? { hint } : {}), needsSetup };
  }
  return { status: "supported", features, reasons, needsSetup: false };
}
