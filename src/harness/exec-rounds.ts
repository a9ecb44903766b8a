/**
 * The per-round facts of `pacer exec` kept beside the CodSpeed statistics, in the results file's
 * `metadata.exec`: raw round times, CPU times, exit codes, parameters, the shell correction and
 * the comparison to the first command.
 *
 * @module
 */
import type { ExecTarget } from "../plugin/types.ts";
import type { LoopResult } from "./loop.ts";
import { relativeTo, type Relative } from "./relative.ts";

export interface ExecRoundsJson {
  uri: string;
  name: string;
  /** The command as run (argv; a shell string is its last word). */
  command: string[];
  /** Round wall times the statistics use (shell cost subtracted for shell strings), ns. */
  times_ns: number[];
  user_ns: number[];
  sys_ns: number[];
  exit_codes: number[];
  /** Subtracted from every round time (the shell's median cost), 0 for a direct spawn. */
  shell_overhead_ns: number;
  parameters?: Record<string, string>;
  /** Against the first command of the call, when there are several (mean and stddev, as hyperfine). */
  relative?: Relative & { reference: string };
}

export interface ExecMetadataJson {
  interleaved: boolean;
  benchmarks: ExecRoundsJson[];
}

/**
 * Round times with the shell's cost taken out, never below 0 (hyperfine clamps too).
 * A direct spawn passes overhead 0 and keeps its times.
 */
export function shellCorrected(times: number[], overheadNs: number): number[] {
  return times.map((t) => Math.max(0, t - overheadNs));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const stddev = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

/** One entry per target, with `relative` when there are several. */
export function execRounds(targets: ExecTarget[], results: LoopResult[], times: number[][], overheads: number[]): ExecRoundsJson[] {
  const out: ExecRoundsJson[] = targets.map((t, i) => ({
    uri: t.uri,
    name: t.name,
    command: t.argv,
    times_ns: times[i]!,
    user_ns: results[i]!.rounds.map((r) => r.userNs ?? 0),
    sys_ns: results[i]!.rounds.map((r) => r.sysNs ?? 0),
    // A failing round stops the run unless the target ignores failures and keeps its status.
    exit_codes: results[i]!.rounds.map((r) => r.exitCode ?? 0),
    shell_overhead_ns: overheads[i]!,
    ...(t.parameters && { parameters: t.parameters }),
  }));
  if (out.length < 2) return out;
  const ref = { mean: mean(out[0]!.times_ns), stddev: stddev(out[0]!.times_ns) };
  for (const b of out) {
    const r = relativeTo(ref, { mean: mean(b.times_ns), stddev: stddev(b.times_ns) });
    if (r) b.relative = { ...r, reference: out[0]!.name };
  }
  return out;
}
