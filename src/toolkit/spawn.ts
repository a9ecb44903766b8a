/**
 * A streaming spawn: the program's output as streams while it runs (for `perf script` and other
 * long outputs), where `ctx.exec` captures it whole.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { SpawnOptions, Spawned } from "../plugin/types.ts";

export type { SpawnOptions, Spawned };

/**
 * Starts `argv`; throws an E_RUN error when the program cannot be started (e.g. not found).
 *
 * @example
 * ```ts
 * const p = spawn(["perf", "script", "-i", data]);
 * const [, { code }] = await Promise.all([forEachLine(p.stdout, parse), p.exited]);
 * ```
 */
export function spawn(argv: string[], opts: SpawnOptions = {}): Spawned {
  let proc;
  try {
    const stdin = opts.stdin === undefined ? "ignore" : typeof opts.stdin === "string" ? new TextEncoder().encode(opts.stdin) : opts.stdin;
    proc = Bun.spawn(argv, { cwd: opts.cwd, env: opts.env ?? (process.env as Record<string, string>), stdin, stdout: "pipe", stderr: "pipe" });
  } catch (err) {
    throw new PacerError("E_RUN", `Cannot start "${argv[0]}": ${(err as Error).message}`, { hint: "Check that the program is installed and on PATH" });
  }
  const p = proc;
  let timedOut = false;
  const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), p.kill("SIGKILL")), opts.timeoutMs);
  const exited = p.exited.then((code) => {
    clearTimeout(timer);
    if (timedOut) throw new PacerError("E_RUN", `"${argv[0]}" did not finish within ${Math.round(opts.timeoutMs! / 1000)} s`);
    return { code: p.signalCode ? null : code, signal: p.signalCode ? String(p.signalCode) : null };
  });
  // Callers that only read the streams must not see an unhandled rejection for the timeout.
  exited.catch(() => {});
  return { pid: p.pid, stdout: p.stdout, stderr: p.stderr, exited, kill: (s = "SIGKILL") => p.kill(s) };
}
