/**
 * Runs pacer in tests: from source (`bun src/cli.ts`) or the compiled `dist/pacer`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "../..");
export const BINARY = join(ROOT, "dist/pacer");

/** The compiled binary, when `npm run build` has produced it. */
export function hasBinary(): boolean {
  return existsSync(BINARY);
}

export interface PacerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runPacer(
  args: string[],
  opts: { binary?: boolean; cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<PacerRun> {
  const argv = opts.binary ? [BINARY, ...args] : [process.execPath, join(ROOT, "src/cli.ts"), ...args];
  const proc = Bun.spawn(argv, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", ...opts.env } as Record<string, string>,
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export function which(tool: string): boolean {
  return Bun.which(tool) !== null;
}

/** Whether a walltime run can profile node here: perf and node are installed and `perf record` works. */
export function perfRecordsNode(): boolean {
  return which("perf") && which("node") && Bun.spawnSync(["perf", "record", "-q", "-o", "/dev/null", "--", "true"]).exitCode === 0;
}
