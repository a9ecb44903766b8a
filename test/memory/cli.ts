/**
 * Runs pacer's CLI for the memory e2e tests: `$PACER_TEST_BIN` (e.g. `dist/pacer`) when set, else the
 * sources through Bun. Runs share the machine-global FIFOs; pacer's lock serialises them.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

export function pacerCommand(): string[] {
  const bin = process.env.PACER_TEST_BIN;
  return bin ? [bin] : [process.execPath, join(ROOT, "src", "cli.ts")];
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function pacer(args: string[], cwd: string, timeoutMs = 120_000): CliRun {
  const [cmd, ...pre] = pacerCommand();
  const r = spawnSync(cmd!, [...pre, ...args], { cwd, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The memory metrics per benchmark name of a `--json` run. */
export function memoryMetrics(stdout: string): { metrics: Record<string, Record<string, number>>; notes: string[] } {
  // The benchmark's own output shares stdout with pacer's JSON (e.g. "[CodSpeed] …" lines): the
  // JSON document is the last thing printed.
  const at = stdout.lastIndexOf('{\n  "runs"');
  const json = JSON.parse(at >= 0 ? stdout.slice(at) : stdout) as { runs: Array<{ measurements: Array<{ instrument: string; notes?: string[]; benchmarks: Array<{ name: string; metrics: Record<string, number> }> }> }> };
  const m = json.runs.flatMap((r) => r.measurements).find((x) => x.instrument === "memory");
  if (!m) throw new Error(`No memory measurement in: ${stdout.slice(0, 500)}`);
  return { metrics: Object.fromEntries(m.benchmarks.map((b) => [b.name, b.metrics])), notes: m.notes ?? [] };
}
