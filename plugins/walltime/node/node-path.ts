/**
 * The node executable the benchmark runs, as perf names its mapping: the reference asks node itself
 * (`process.execPath`) and canonicalises the answer, so Debian's `/usr/bin/nodejs`, a symlinked
 * `node` (nvm, alternatives) or a renamed binary are all found.
 *
 * @module
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { ExecOptions, ExecResult } from "../../../src/index.ts";
import { NODE_SHIM_MARK } from "../../../src/toolkit/node-shim-mark.ts";

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
 * The `node` the benchmark's PATH leads to, found without running it: pacer's own shim is skipped
 * (it runs the next `node` on PATH), and the first other `node` must be an ELF executable, which
 * is then canonicalised. "unknown" when that `node` is a script (a version manager's shim decides
 * at run time which node it starts): only asking node itself can tell.
 */
export function nodeOnPath(path: string, cwd: string): string | undefined | "unknown" {
  for (const entry of path.split(":")) {
    const candidate = resolve(cwd, entry || ".", "node");
    let head: string;
    try {
      if (!statSync(candidate).isFile()) continue;
      const fd = openSync(candidate, "r");
      try {
        const buf = Buffer.alloc(128);
        head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString("latin1");
      } finally {
        closeSync(fd);
      }
    } catch {
      continue;
    }
    if (head.startsWith("\x7fELF")) return canonicalExecPath(candidate);
    if (head.includes(NODE_SHIM_MARK)) continue;
    return "unknown";
  }
  return undefined;
}

/**
 * Asks the `node` found on the benchmark's PATH where it lives (a spawn of ~0.25 s through the
 * shim, so only when `nodeOnPath` cannot tell). Runs a program, so it belongs in
 * `wrap`, not in `probe`.
 *
 * @example
 * ```ts
 * const node = await resolveNodePath(ctx.exec, cmd.env, cmd.cwd); // "/usr/bin/nodejs" on Debian
 * ```
 */
export async function resolveNodePath(exec: Exec, env: Record<string, string>, cwd: string): Promise<string | undefined> {
  const found = nodeOnPath(env.PATH ?? "", cwd);
  if (found !== "unknown") return found;
  const r = await exec(["node", "-e", "console.log(process.execPath)"], { env, cwd, timeoutMs: 10_000 });
  return r.code === 0 ? canonicalExecPath(r.stdout) : undefined;
}
