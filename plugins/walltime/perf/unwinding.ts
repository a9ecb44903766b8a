/**
 * Picks perf's call-graph mode the way the reference does: an explicit choice wins; otherwise DWARF
 * (the reference's rules for cargo, python and everything else all end in `dwarf,8192`).
 *
 * @module
 */
import type { ProbeResult } from "../../../src/index.ts";

export type Unwinding = "fp" | "dwarf";

export interface UnwindingChoice {
  mode: Unwinding;
  /** Why this mode, for the log. */
  why: string;
}

/** The call-graph mode for this run; falls back to the other mode when the probe says one fails. */
export function chooseUnwinding(explicit: Unwinding | undefined, probed: ProbeResult | undefined): UnwindingChoice {
  const works = (m: Unwinding) => probed?.features[`call_graph_${m}`]?.enabled !== false;
  const wanted = explicit ?? "dwarf";
  const why = explicit ? "set by --perf-unwinding-mode" : "the reference's default";
  if (works(wanted)) return { mode: wanted, why };
  const other: Unwinding = wanted === "fp" ? "dwarf" : "fp";
  return { mode: other, why: `"${wanted}" does not work here (${probed?.features[`call_graph_${wanted}`]?.reason})` };
}

/** perf's `--call-graph` value; DWARF copies 8 KiB of stack per sample, as the reference does. */
export function callGraphArg(mode: Unwinding): string {
  return mode === "fp" ? "--call-graph=fp" : "--call-graph=dwarf,8192";
}
