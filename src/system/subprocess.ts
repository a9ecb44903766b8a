/**
 * Runs a program to completion and captures its output; used by probes and setup.
 *
 * @module
 */
import type { ExecOptions, ExecResult } from "../plugin/types.ts";

/** Runs `argv`; a non-zero exit or a missing program is reported in the result, never thrown. */
export async function execCapture(argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  let proc;
  try {
    proc = Bun.spawn(argv, {
      cwd: opts.cwd,
      env: opts.env ?? (process.env as Record<string, string>),
      stdin: opts.stdin === undefined ? "ignore" : new TextEncoder().encode(opts.stdin),
      stdout: "pipe",
      stderr: "pipe",
    });
  } catch (err) {
    return { code: null, stdout: "", stderr: "", spawnError: err instanceof Error ? err.message : String(err) };
  }
  const timeout = setTimeout(() => proc.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  clearTimeout(timeout);
  return { code: proc.signalCode ? null : code, stdout, stderr };
}

/** Whether a program is on PATH. */
export function which(name: string): string | null {
  return Bun.which(name);
}
