/**
 * Spawns the benchmark in its own process group, streams its output live to the console and to
 * runner.log, and can stop the whole tree. Once the benchmark's main process has exited, a process
 * it left behind that still holds the output pipes gets a short grace period, then its group is
 * stopped: pacer must not wait on it silently.
 *
 * @module
 */
import type { Command } from "../plugin/types.ts";
import { stderr, stdout } from "../log/console-out.ts";
import { createLogger } from "../log/logger.ts";
import { groupMembers } from "./process-group.ts";
import { tee } from "./tee.ts";

export interface RunningProcess {
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Signals the whole process group. */
  killTree(signal: NodeJS.Signals): void;
}

/** `PACER_OUTPUT_GRACE_MS` (tests) overrides how long leftover processes may keep the output open. */
function outputGraceMs(): number {
  const v = Number(process.env.PACER_OUTPUT_GRACE_MS);
  return Number.isFinite(v) && v >= 0 && process.env.PACER_OUTPUT_GRACE_MS !== "" ? v : 2000;
}

/** Whether `p` settled within `ms`; the timer does not outlive the answer. */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `stdoutToStderr` keeps pacer's stdout for machine-readable output (`--json`). */
export function spawnTree(cmd: Command, opts: { stdoutToStderr?: boolean } = {}): RunningProcess {
  const proc = Bun.spawn(cmd.argv, {
    cwd: cmd.cwd,
    env: cmd.env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    // A process group of its own, so Ctrl-C and errors stop every descendant, not just the shell.
    detached: true,
  });
  const tees = [tee(proc.stdout, opts.stdoutToStderr ? stderr : stdout, "[stdout] "), tee(proc.stderr, stderr, "[stderr] ")];
  const streams = Promise.all(tees.map((t) => t.done)).catch(() => undefined);
  const killTree = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const exited = proc.exited.then(async (code) => {
    if (!(await settlesWithin(streams, outputGraceMs()))) {
      const holders = groupMembers(proc.pid);
      const who = holders.length ? `(pid ${holders.join(", ")}) ` : "";
      createLogger().warn(`A process of the benchmark ${who}still holds its output open: stopping the process group`);
      killTree("SIGTERM");
      if (!(await settlesWithin(streams, 1000))) {
        killTree("SIGKILL");
        // A holder outside the group (it called setsid) is out of reach: stop reading instead.
        if (!(await settlesWithin(streams, 500))) tees.forEach((t) => t.stop());
      }
      await streams;
    }
    return { code: proc.signalCode ? null : code, signal: proc.signalCode ? String(proc.signalCode) : null };
  });
  return { pid: proc.pid, exited, killTree };
}
