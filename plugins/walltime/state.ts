/**
 * What the walltime hooks hand each other through `ctx.state` during one run.
 *
 * @module
 */
import type { PluginContext, ProbeResult } from "../../src/index.ts";
import type { PerfControl } from "./perf-control.ts";
import type { Unwinding } from "./unwinding.ts";
import type { TimelineEvent } from "./benchmark-windows.ts";

/** The perf session set up by `wrap` when profiling is on. */
export interface PerfSession {
  control: PerfControl;
  pipedata: string;
  /** Written by the status wrapper with the benchmark's own exit code. */
  statusFile: string;
  unwinding: Unwinding;
  compression: boolean;
  events?: string;
  /** Canonical paths of the node executable the benchmark runs, for `ignored_modules`. */
  nodePaths?: string[];
  /** Where node writes `jit-<pid>.dump` (its cwd). */
  cwd: string;
  /** The last control failure, so it is logged once. */
  unresponsive?: string;
}


const PERF = "perf";
const TIMELINE = "timeline";
const CWD = "cwd";
const COLLECTED = "collected";

export const perfSession = (ctx: PluginContext): PerfSession | undefined => ctx.state.get(PERF) as PerfSession | undefined;
export const setPerfSession = (ctx: PluginContext, s: PerfSession): void => void ctx.state.set(PERF, s);

/** Start/stop/executed events in arrival order, with perf's own enable/disable times. */
export function timeline(ctx: PluginContext): TimelineEvent[] {
  let list = ctx.state.get(TIMELINE) as TimelineEvent[] | undefined;
  if (!list) ctx.state.set(TIMELINE, (list = []));
  return list;
}

/** The benchmark's working directory, where node drops its jitdump and v8 logs. */
export const benchCwd = (ctx: PluginContext): string | undefined => ctx.state.get(CWD) as string | undefined;
export const setBenchCwd = (ctx: PluginContext, cwd: string): void => void ctx.state.set(CWD, cwd);

export const markCollected = (ctx: PluginContext): void => void ctx.state.set(COLLECTED, true);
export const wasCollected = (ctx: PluginContext): boolean => ctx.state.get(COLLECTED) === true;

/** Whether this run profiles with perf: enabled by the flags, and perf plus its control FIFO work. */
export function perfUsable(flags: PluginContext["flags"], probed: ProbeResult | undefined): { ok: boolean; why?: string } {
  if (!flags.perfEnabled) return { ok: false, why: "disabled (CODSPEED_PERF_ENABLED=false)" };
  if (!probed) return { ok: false, why: "not probed" };
  for (const key of ["perf", "control_fifo", "clockid"]) {
    const f = probed.features[key];
    if (!f?.enabled) return { ok: false, why: `${key}: ${f?.reason ?? "not probed"}` };
  }
  if (!probed.features.call_graph_fp?.enabled && !probed.features.call_graph_dwarf?.enabled) {
    return { ok: false, why: `no call-graph mode works (${probed.features.call_graph_dwarf?.reason})` };
  }
  return { ok: true };
}
