/**
 * `pacer exec --mode walltime` statistics against `hyperfine -N` on the same commands, in the same
 * run: median and spread side by side. pacer runs twice per command: with perf around its harness
 * (the default) and with CODSPEED_PERF_ENABLED=false.
 *
 *   npx bun bench/walltime-exec-vs-hyperfine.ts      (needs hyperfine: apt-get install hyperfine)
 *
 * @module
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACER } from "./_pacer.ts";

const ROOT = join(import.meta.dir, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const COMMANDS = [["sleep", "0.02"], ["node", "-e", "0"]];

interface Row {
  tool: string;
  median: number;
  stdev: number;
  q1: number;
  q3: number;
  min: number;
  rounds: number;
}

/** Python's `statistics.quantiles(..., method="exclusive")`, as pacer's harness computes quartiles. */
function quantile(sorted: number[], p: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0]!;
  const pos = p * (n + 1) - 1;
  const i = Math.max(0, Math.min(n - 1, Math.floor(pos)));
  const f = pos - Math.floor(pos);
  return i + 1 < n ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}

function hyperfine(cmd: string[]): Row {
  const out = join(mkdtempSync(join(tmpdir(), "pacer-bench-hf-")), "hf.json");
  const r = Bun.spawnSync(["hyperfine", "-N", "--warmup", "3", "--runs", String(ROUNDS), "--export-json", out, "--", cmd.join(" ")], { stdout: "ignore", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`hyperfine failed: ${r.stderr.toString().slice(-300)}`);
  const res = JSON.parse(readFileSync(out, "utf8")).results[0] as { times: number[]; stddev: number };
  const t = [...res.times].sort((a, b) => a - b).map((s) => s * 1e9);
  return { tool: "hyperfine -N", median: quantile(t, 0.5), stdev: res.stddev * 1e9, q1: quantile(t, 0.25), q3: quantile(t, 0.75), min: t[0]!, rounds: t.length };
}

function pacerExec(cmd: string[], perf: boolean): Row {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-exec-"));
  const r = Bun.spawnSync(
    [...PACER, "exec", "--mode", "walltime", "--skip-upload", "--skip-setup", "--profile-folder", profile, "--warmup-time", "0.2", "--max-rounds", String(ROUNDS), "--", ...cmd],
    { cwd: ROOT, stdout: "ignore", stderr: "pipe", env: { ...process.env, CODSPEED_PERF_ENABLED: perf ? "true" : "false" } },
  );
  if (r.exitCode !== 0) throw new Error(`pacer exec failed: ${r.stderr.toString().slice(-300)}`);
  const dir = join(profile, "results");
  const s = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), "utf8")).benchmarks[0].stats;
  rmSync(profile, { recursive: true, force: true });
  return { tool: `pacer exec (perf ${perf ? "on" : "off"})`, median: s.median_ns, stdev: s.stdev_ns, q1: s.q1_ns, q3: s.q3_ns, min: s.min_ns, rounds: s.rounds };
}

const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`.padStart(10);
console.log(`${ROUNDS} rounds each; pacer: ${PACER.join(" ")}`);
for (const cmd of COMMANDS) {
  const rows = [hyperfine(cmd), pacerExec(cmd, false), pacerExec(cmd, true)];
  console.log(`\n${cmd.join(" ")}`);
  console.log(`${"tool".padEnd(22)}${"median".padStart(10)}${"stdev".padStart(10)}${"IQR".padStart(10)}${"min".padStart(10)}  rounds  median/hyperfine`);
  for (const r of rows) {
    console.log(`${r.tool.padEnd(22)}${ms(r.median)}${ms(r.stdev)}${ms(r.q3 - r.q1)}${ms(r.min)}  ${String(r.rounds).padStart(6)}  ${(r.median / rows[0]!.median).toFixed(3)}`);
  }
}
