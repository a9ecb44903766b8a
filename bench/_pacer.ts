/**
 * What the benchmarks share: how to run pacer (the built binary when there is one) and how long a
 * `pacer run` takes with a throw-away profile folder.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..");

/** The median (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

/** `$PACER_BIN` (e.g. an older build, for before/after), else `dist/pacer` when built, else pacer from source. */
export const PACER = process.env.PACER_BIN
  ? [process.env.PACER_BIN]
  : existsSync(join(ROOT, "dist", "pacer"))
    ? [join(ROOT, "dist", "pacer")]
    : [process.execPath, join(ROOT, "src", "cli.ts")];

/** Wall time in ms of `pacer <args> --profile-folder <fresh dir>` (stdout discarded); throws on failure. */
export function timePacerRun(args: string[], cwd: string): number {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-"));
  const i = args.indexOf("--");
  const withFolder = [...args.slice(0, i), "--profile-folder", profile, ...args.slice(i)];
  const t = performance.now();
  const r = Bun.spawnSync([...PACER, ...withFolder], { cwd, stdout: "ignore", stderr: "pipe" });
  const ms = performance.now() - t;
  rmSync(profile, { recursive: true, force: true });
  if (r.exitCode !== 0) throw new Error(`pacer ${args[0]} failed (${r.exitCode}): ${r.stderr.toString().slice(-500)}`);
  return ms;
}

/** Wall time in ms of running an already wrapped command directly (output discarded); throws on failure. */
export function timeCommand(cmd: { argv: string[]; env: Record<string, string>; cwd: string }, what: string): number {
  return timedCommand(cmd, what).ms;
}

/** {@link timeCommand} with the CPU time of the command and its children (their rusage). */
export function timedCommand(cmd: { argv: string[]; env: Record<string, string>; cwd: string }, what: string): { ms: number; cpuMs: number } {
  const t = performance.now();
  const r = Bun.spawnSync(cmd.argv, { env: cmd.env, cwd: cmd.cwd, stdout: "ignore", stderr: "ignore" });
  const ms = performance.now() - t;
  if (r.exitCode !== 0) throw new Error(`${what} failed (${r.exitCode})`);
  return { ms, cpuMs: Number(r.resourceUsage?.cpuTime.total ?? 0n) / 1000 };
}
