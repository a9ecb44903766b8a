/**
 * `probe()` of the walltime plugin: checks every perf feature separately, never throws, never
 * changes the machine.
 *
 * @module
 */
import type { Feature, PluginContext, ProbeResult } from "../../../src/index.ts";
import { parseZstdSupport } from "./parse-perf-build.ts";
import { findWorkingPerf, type Exec } from "./probe-perf-binary.ts";
import { probeEvents } from "./probe-events.ts";
import { probeCallGraph, probeClockid, probeControlFifo, probeRecordTogether } from "./probe-record.ts";
import { linkGuard } from "../../../src/toolkit/link-guard.ts";
import { readSysctl, sysctlFeature } from "./probe-sysctls.ts";
import type { RecordCheck } from "./parse-record-check.ts";

/** Feature keys set by {@link probeWalltime}; `doctor` prints them in this order. */
export const FEATURE_KEYS = [
  "perf", "kernel.perf_event_paranoid", "kernel.kptr_restrict", "fs.protected_symlinks", "zstd", "control_fifo", "clockid",
  "call_graph_fp", "call_graph_dwarf", "events",
] as const;
/** The features that need a working perf. */
const PERF_KEYS = FEATURE_KEYS.slice(FEATURE_KEYS.indexOf("zstd"));

function fromCheck(c: RecordCheck): Feature {
  return c.ok ? { enabled: true } : { enabled: false, reason: c.reason };
}

async function zstdFeature(exec: Exec, perf: string): Promise<Feature> {
  const r = await exec([perf, "version", "--build-options"], { timeoutMs: 10_000 });
  const on = r.code === 0 ? parseZstdSupport(r.stdout) : undefined;
  if (on) return { enabled: true };
  return { enabled: false, reason: on === false ? "perf is built without zstd" : "perf does not list its zstd build option" };
}

export interface ProbeDeps {
  platform?: string;
  sysctl?: (name: string) => number | undefined;
  /** Only root runs get the `fs.protected_symlinks` check: their node could overwrite any file. */
  isRoot?: boolean;
  /** Where the record checks create their FIFO pair (the plugin's temp folder, removed on every exit). */
  scratchDir?: string;
}

/** Probes perf feature by feature; `arch` picks the event names tried first. */
export async function probeWalltime(exec: Exec, arch: string, deps: ProbeDeps = {}): Promise<ProbeResult> {
  const platform = deps.platform ?? process.platform;
  const sysctl = deps.sysctl ?? readSysctl;
  const features: Record<string, Feature> = {};
  const reasons: string[] = [];
  // Linux's sysctls: elsewhere there is no perf for them to allow, and nothing to report.
  if (platform === "linux") {
    features["kernel.perf_event_paranoid"] = sysctlFeature("kernel.perf_event_paranoid", sysctl("kernel.perf_event_paranoid"));
    features["kernel.kptr_restrict"] = sysctlFeature("kernel.kptr_restrict", sysctl("kernel.kptr_restrict"));
    const links = linkGuard(sysctl, platform).feature({ isRoot: deps.isRoot ?? false });
    if (links) features["fs.protected_symlinks"] = links;
  }
  const sysctlsOff = Object.values(features).some((f) => !f.enabled);
  const perf = platform === "linux" ? await findWorkingPerf(exec) : undefined;
  if (!perf) {
    const why =
      platform === "linux" ? "no working perf executable (PATH, /usr/lib/linux-tools-*/perf)" : platform === "darwin" ? "macOS has no perf" : "perf needs Linux";
    features.perf = { enabled: false, reason: why };
    for (const k of PERF_KEYS) features[k] = { enabled: false, reason: "needs perf" };
    reasons.push(`Profiling is off: ${why}; walltime results still come from the integration`);
    const hint = platform === "linux" ? "Install perf (`apt-get install linux-perf`) or run `pacer setup`" : "Timings only: profiling needs perf on Linux";
    return { status: "degraded", features, reasons, hint, needsSetup: platform === "linux" };
  }
  features.perf = { enabled: true, value: `${perf.path} ${perf.version}` };
  const [zstd, together, fp, events] = await Promise.all([
    zstdFeature(exec, perf.path),
    probeRecordTogether(exec, perf.path, deps.scratchDir),
    probeCallGraph(exec, perf.path, "fp").then(fromCheck),
    probeEvents(exec, perf.path, arch),
  ]);
  // Only when the combined record fails is each option checked alone, to say which one is at fault.
  const [control, clockid, dwarf] = together.ok
    ? [{ enabled: true }, { enabled: true }, { enabled: true }]
    : await Promise.all([
        probeControlFifo(exec, perf.path, deps.scratchDir).then(fromCheck),
        probeClockid(exec, perf.path).then(fromCheck),
        probeCallGraph(exec, perf.path, "dwarf").then(fromCheck),
      ]);
  Object.assign(features, { zstd, control_fifo: control, clockid, call_graph_fp: fp, call_graph_dwarf: dwarf });
  // As in the reference, the event group is only used when records are compressed.
  features.events = zstd.enabled ? events.group : { enabled: false, reason: `needs zstd compression${events.group.enabled ? "" : `; also ${events.group.reason}`}` };
  Object.assign(features, events.perEvent);
  if (!control.enabled) reasons.push(`Profiling is off: perf cannot be driven through a control FIFO (${control.reason})`);
  const off = Object.entries(features).filter(([, f]) => !f.enabled).map(([k]) => k);
  return {
    status: off.length === 0 ? "supported" : "degraded",
    features,
    reasons,
    needsSetup: sysctlsOff,
  };
}

/** The plugin hook: the same probe, with the context's exec and arch. */
export function probe(ctx: PluginContext): Promise<ProbeResult> {
  return probeWalltime(ctx.exec, ctx.system.arch, { isRoot: ctx.system.isRoot, scratchDir: ctx.tempDir }).catch((err: unknown) => ({
    status: "degraded" as const,
    features: { perf: { enabled: false, reason: `probe failed: ${err instanceof Error ? err.message : String(err)}` } },
    reasons: ["Profiling is off: the perf probe failed"],
  }));
}
