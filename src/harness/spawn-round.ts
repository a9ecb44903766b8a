/**
 * One round of `pacer exec`: spawn the command (no shell), wait for it, and time it with the
 * monotonic clock the FIFO markers use.
 *
 * @module
 */
import { constants } from "node:os";
import { errorMessage, PacerError } from "../errors.ts";
import { monotonicNs } from "../protocol/monotonic-clock.ts";
import type { RoundTiming } from "./loop.ts";

export interface SpawnRoundOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /**
   * Where the command's stdout/stderr go. Default `inherit`: the user sees the output (the runner
   * tees it into runner.log), as with the CodSpeed harness.
   */
  output?: "inherit" | "ignore";
  /**
   * A non-zero exit is returned as {@link RoundTiming.exitCode} instead of thrown (hyperfine's
   * `--ignore-failure`); death by a signal counts as 128 + its number, as a shell reports it.
   */
  ignoreFailure?: boolean;
}

/**
 * Runs `argv` once and returns the CLOCK_MONOTONIC timestamps taken right before the spawn and
 * right after the exit was seen. The start must come before the spawn: once the child exists it
 * runs on another core while pacer may be descheduled, so a clock started after the spawn can miss
 * any part of the command and report a round shorter than the command can take (measured on a
 * loaded 2-core machine: 6.7 ms for `sleep 0.01`, 84 µs for a program that burns 3 ms of CPU).
 * The price is that every round includes the spawn, which {@link measureSpawnOverhead} reports.
 *
 * stdin is `/dev/null`, so every round gets the same (empty) input and a command that reads stdin
 * cannot hang on the terminal.
 *
 * @throws PacerError `E_RUN` when the command cannot be started, or does not exit with status 0
 *   and `ignoreFailure` is not set
 *
 * @example
 * ```ts
 * const { startNs, endNs } = await spawnRound(["sleep", "0.01"]);
 * ```
 */
export async function spawnRound(argv: string[], opts: SpawnRoundOptions = {}): Promise<RoundTiming> {
  const out = opts.output ?? "inherit";
  let proc: Bun.Subprocess;
  const startNs = monotonicNs();
  try {
    proc = Bun.spawn(argv, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", out, out] });
  } catch (err) {
    throw new PacerError("E_RUN", `Cannot start "${argv[0]}": ${errorMessage(err)}`, {
      hint: "Check the command name and that it is an executable on PATH",
      cause: err,
    });
  }
  await proc.exited;
  const endNs = monotonicNs();
  const signal = proc.signalCode;
  const exitCode = proc.exitCode ?? 128 + (typeof signal === "string" ? (constants.signals[signal] ?? 0) : (signal ?? 0));
  if (exitCode !== 0 && !opts.ignoreFailure) {
    const status = proc.signalCode ? `signal: ${proc.signalCode}` : `exit status: ${proc.exitCode}`;
    throw new PacerError("E_RUN", `Command exited with non-zero status: ${status}`, {
      hint: `The benchmarked command "${argv.join(" ")}" must succeed on every round (or pass --ignore-failure to measure it anyway)`,
    });
  }
  // wait4's rusage of the child, as hyperfine reads it (microseconds).
  const cpu = proc.resourceUsage()?.cpuTime;
  const timing: RoundTiming = cpu ? { startNs, endNs, userNs: Number(cpu.user) * 1e3, sysNs: Number(cpu.system) * 1e3 } : { startNs, endNs };
  if (exitCode !== 0) timing.exitCode = exitCode;
  return timing;
}

/**
 * The median wall time of spawning and waiting for `true` (a no-op) `rounds` times, timed exactly as
 * a round is (as hyperfine times its shell): the part of every round time that is pacer's overhead,
 * not the command's. It is reported, never subtracted from a command spawned directly: subtracting
 * a median could make a round shorter than the command can take. With `argv` = a shell running an
 * empty command (`["sh", "-c", ""]`) it is the shell's own cost, which hyperfine subtracts and so
 * does pacer for shell strings (see `shellCorrected`).
 *
 * @example
 * ```ts
 * const overheadNs = await measureSpawnOverhead(20);
 * ```
 */
export async function measureSpawnOverhead(rounds = 20, opts: SpawnRoundOptions = {}, argv: string[] = ["true"]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, rounds); i++) {
    const { startNs, endNs } = await spawnRound(argv, opts);
    times.push(Number(endNs - startNs));
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}
