/**
 * Spawns the benchmark in its own process group, streams its output live (line-buffered) to the
 * console and to runner.log, and can stop the whole tree.
 *
 * @module
 */
import type { Command } from "../plugin/types.ts";
import { logToFile } from "../log/logger.ts";

export interface RunningProcess {
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Signals the whole process group. */
  killTree(signal: NodeJS.Signals): void;
}

/** Pipes a child stream to `out` as it arrives and to runner.log line by line. */
async function tee(stream: ReadableStream<Uint8Array>, out: NodeJS.WriteStream, prefix: string): Promise<void> {
  const decoder = new TextDecoder();
  let pending = "";
  // A closed console (`pacer … | head -1`) must not kill the run: runner.log still gets everything.
  let consoleOpen = true;
  out.once("error", () => {
    consoleOpen = false;
  });
  for await (const chunk of stream) {
    if (consoleOpen) {
      try {
        out.write(chunk);
      } catch {
        consoleOpen = false;
      }
    }
    pending += decoder.decode(chunk, { stream: true });
    const cut = Math.max(pending.lastIndexOf("\n"), pending.lastIndexOf("\r"));
    if (cut >= 0) {
      logToFile(pending.slice(0, cut + 1).replace(/^(?=.)/gm, prefix));
      pending = pending.slice(cut + 1);
    }
  }
  if (pending) logToFile(prefix + pending + "\n");
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
  const streams = Promise.all([tee(proc.stdout, opts.stdoutToStderr ? process.stderr : process.stdout, "[stdout] "), tee(proc.stderr, process.stderr, "[stderr] ")]);
  const exited = proc.exited.then(async (code) => {
    await streams.catch(() => undefined);
    return { code: proc.signalCode ? null : code, signal: proc.signalCode ? String(proc.signalCode) : null };
  });
  return {
    pid: proc.pid,
    exited,
    killTree(signal) {
      try {
        process.kill(-proc.pid, signal);
      } catch {
        // The group is already gone.
      }
    },
  };
}
