/**
 * Helpers of the exec-count tests: compiles the programs of known instruction budget
 * (`programs/*.c`), runs them under the compiled `dist/pacer exec --mode simulation`, and asks
 * valgrind itself (a plain callgrind run read by callgrind_annotate) for the reference counts.
 *
 * @module
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY } from "../helpers/pacer.ts";

const PROGRAMS = join(import.meta.dir, "programs");

/** A folder of compiled programs (`<name>`, and `<name>-static` for those in `opts.static`), removed by `dispose()`. */
export function compilePrograms(names: string[], opts: { static?: string[] } = {}): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-sim-budget-"));
  const builds = [...names.map((n) => [n, n, []]), ...(opts.static ?? []).map((n) => [n, `${n}-static`, ["-static"]])] as Array<[string, string, string[]]>;
  for (const [name, out, flags] of builds) {
    const r = Bun.spawnSync(["gcc", "-O2", ...flags, "-o", join(dir, out), join(PROGRAMS, `${name}.c`)], { stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(`gcc ${name}.c failed: ${r.stderr}`);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ExecRun {
  code: number | null;
  stderr: string;
  ir?: number;
  processes: Array<{ pid: number; cmd?: string; ir: number }>;
}

/**
 * `pacer exec --mode simulation --json -- <argv>`, holding the machine-wide runner lock (the wait
 * for it, behind other jobs' runs, is why the tests using this have long timeouts).
 */
export function pacerExec(argv: string[], cwd: string, env: Record<string, string> = {}, pacer: string[] = [BINARY]): ExecRun {
  const profile = mkdtempSync(join(tmpdir(), "pacer-sim-exec-"));
  const r = Bun.spawnSync(
    [...pacer, "exec", "--mode", "simulation", "--skip-upload", "--json", "--profile-folder", profile, "--", ...argv],
    { cwd, env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", ...env } as Record<string, string>, stdout: "pipe", stderr: "pipe" },
  );
  rmSync(profile, { recursive: true, force: true });
  const out: ExecRun = { code: r.exitCode, stderr: r.stderr.toString(), processes: [] };
  if (r.exitCode !== 0) return out;
  const b = JSON.parse(r.stdout.toString()).runs[0].measurements[0].benchmarks[0];
  out.ir = b.metrics.ir;
  out.processes = b.detail.processes;
  return out;
}

/**
 * valgrind's own count: a plain callgrind run of the whole program (collection on from the first
 * instruction), then callgrind_annotate's inclusive Ir of each function in `functions` (summed) and
 * the program total.
 */
export function valgrindReference(argv: string[], functions: string[]): { inclusive: number; total: number } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-sim-ref-"));
  try {
    const run = Bun.spawnSync(["valgrind", "-q", "--tool=callgrind", `--callgrind-out-file=${join(dir, "ref.%p.out")}`, ...argv], { stderr: "pipe" });
    if (run.exitCode !== 0) throw new Error(`valgrind failed: ${run.stderr}`);
    const files = readdirSync(dir);
    if (files.length !== 1) throw new Error(`expected one callgrind file, found ${files.join(", ")}`);
    const a = Bun.spawnSync(["callgrind_annotate", "--inclusive=yes", "--threshold=100", join(dir, files[0]!)], { stdout: "pipe" });
    const text = a.stdout.toString();
    const total = Number(/^\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS/m.exec(text)?.[1]?.replace(/,/g, ""));
    let inclusive = 0;
    for (const fn of functions) {
      // e.g. "1,000,007 (88.89%)  ???:main [/tmp/pacer-sim-budget-x/loop]"; the largest comes first.
      const m = new RegExp(`^\\s*([\\d,]+)\\s+\\(\\s*[\\d.]+%\\)\\s+\\S*:${fn}( \\[|$)`, "m").exec(text);
      if (!m) throw new Error(`callgrind_annotate lists no "${fn}":\n${text}`);
      inclusive += Number(m[1]!.replace(/,/g, ""));
    }
    return { inclusive, total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
