/**
 * The node executable the benchmark runs, as perf names its mapping: the reference asks node itself
 * (`process.execPath`) and canonicalises the answer, so Debian's `/usr/bin/nodejs`, a symlinked
 * `node` (nvm, alternatives) or a renamed binary are all found.
 *
 * @module
 */
import { realpathSync } from "node:fs";
import type { ExecOptions, ExecResult } from "../../../src/index.ts";

type Exec = (argv: string[], opts?: ExecOptions) => Promise<ExecResult>;

/** The program's answer, canonicalised; undefined when it cannot tell (the reference skips silently). */
export function canonicalExecPath(stdout: string): string | undefined {
  const path = stdout.trim().split("\n").pop()?.trim();
  if (!path || !path.startsWith("/")) return undefined;
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Asks the `node` found on the benchmark's PATH where it lives. Runs a program, so it belongs in
 * `wrap`, not in `probe`.
 *
 * @example
 * ```ts
 * const node = await resolveNodePath(ctx.exec, cmd.env, cmd.cwd); // "/usr/bin/nodejs" on Debian
 * ```
 */
export async function resolveNodePath(exec: Exec, env: Record<string, string>, cwd: string): Promise<string | undefined> {
  const r = await exec(["node", "-e", "console.log(process.execPath)"], { env, cwd, timeoutMs: 10_000 });
  return r.code === 0 ? canonicalExecPath(r.stdout) : undefined;
}
