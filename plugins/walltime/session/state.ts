/**
 * What the walltime hooks hand each other during one run: created by `start()`, passed to every
 * later hook.
 *
 * @module
 */
import type { ProbeResult } from "../../../src/index.ts";
import type { PerfControl } from "../perf/perf-control.ts";
import type { Unwinding } from "../perf/unwinding.ts";
import type { TimelineEvent } from "./benchmark-windows.ts";
import type { WalltimeOptions } from "../options.ts";

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

export interface WalltimeState {
  perf?: PerfSession;
  /** Start/stop/executed events in arrival order, with perf's own enable/disable times. */
  timeline: TimelineEvent[];
  /** The benchmark's working directory, where node drops its jitdump and v8 logs. */
  cwd?: string;
  /** Whether `collect` ran: teardown then has nothing left to rescue. */
  collected: boolean;
}

export const newWalltimeState = (): WalltimeState => ({ timeline: [], collected: false });

/** Whether this run profiles with perf: enabled by the options, and perf plus its control FIFO work. */
export function perfUsable(options: Pick<WalltimeOptions, "perf">, probed: ProbeResult | undefined): { ok: boolean; why?: string } {
  if (!options.perf) return { ok: false, why: "disabled (CODSPEED_PERF_ENABLED=false)" };
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
