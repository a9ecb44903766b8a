/**
 * `pacer exec --mode walltime` against hyperfine, in the same run.
 *
 * 1. Three commands in one call of each tool (shell strings, both subtracting the shell's cost):
 *    medians side by side, pacer's relative comparison to the first command against hyperfine's
 *    (both: ratio of means, ± by error propagation), and a pass/fail line "within noise".
 * 2. Per command against `hyperfine -N`: median and spread; pacer runs twice per command, with perf
 *    around its harness (the default) and with CODSPEED_PERF_ENABLED=false.
 *
 *   bun bench/index.ts walltime-exec-vs-hyperfine      (needs hyperfine: apt-get install hyperfine)
 *
 * @module
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACER, ROOT } from "./_pacer.ts";

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

// A CPU loop of a few ms in sh itself, so no program is spawned inside the timed command.
const THREE = ["sleep 0.01", "sleep 0.02", "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done"];

interface HfResult {
  command: string;
  mean: number;
  stddev: number;
  times: number[];
}

function relative(a: HfResult, b: HfResult): { r: number; e: number } {
  const r = b.mean / a.mean;
  return { r, e: r * Math.sqrt((a.stddev / a.mean) ** 2 + (b.stddev / b.mean) ** 2) };
}

/** hyperfine's JSON (pacer's --export-json writes the same shape). */
function readResults(path: string): HfResult[] {
  return JSON.parse(readFileSync(path, "utf8")).results as HfResult[];
}

const PASSES = Number(process.env.BENCH_PASSES ?? 4);

/** One call of each tool on the three commands, `rounds` rounds each; returns [hyperfine, pacer] results. */
function onePass(dir: string, pass: number, rounds: number): [HfResult[], HfResult[]] {
  const hfJson = join(dir, `hf${pass}.json`);
  const hf = Bun.spawnSync(["hyperfine", "--warmup", "3", "--runs", String(rounds), "--export-json", hfJson, ...THREE], { stdout: "ignore", stderr: "pipe" });
  if (hf.exitCode !== 0) throw new Error(`hyperfine failed: ${hf.stderr.toString().slice(-300)}`);
  const pacerJson = join(dir, `pacer${pass}.json`);
  const p = Bun.spawnSync(
    [...PACER, "exec", "--mode", "walltime", "--skip-upload", "--skip-setup", "--disable-perf", "--profile-folder", join(dir, `profile${pass}`), "--warmup-time", "0.1",
      "--max-rounds", String(rounds), "--export-json", pacerJson, ...THREE.flatMap((c) => ["--command", c])],
    { cwd: ROOT, stdout: "ignore", stderr: "pipe", env: { ...process.env, PACER_HISTORY: "0" } },
  );
  if (p.exitCode !== 0) throw new Error(`pacer exec failed: ${p.stderr.toString().slice(-300)}`);
  return [readResults(hfJson), readResults(pacerJson)];
}

/** The passes' rounds of each command pooled, mean and sample stddev recomputed. */
function pooled(passes: HfResult[][]): HfResult[] {
  return THREE.map((command, i) => {
    const times = passes.flatMap((p) => p[i]!.times);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const stddev = Math.sqrt(times.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, times.length - 1));
    return { command, mean, stddev, times };
  });
}

function threeCommands(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "pacer-bench-three-"));
  try {
    // The tools alternate in short passes, so a change of the machine's load weighs on both alike.
    const per = Math.max(2, Math.round(ROUNDS / PASSES));
    const hfPasses: HfResult[][] = [];
    const pacerPasses: HfResult[][] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      const [a, b] = onePass(dir, pass, per);
      hfPasses.push(a);
      pacerPasses.push(b);
    }
    const [h, q] = [pooled(hfPasses), pooled(pacerPasses)];
    console.log(`Three commands in one call each, ${PASSES} alternating passes of ${per} rounds (shell sh, shell cost subtracted by both)`);
    console.log(`${"command".padEnd(28)}${"hyperfine".padStart(10)}${"pacer".padStart(10)}  ${"hf relative".padEnd(14)}${"pacer relative".padEnd(15)}verdict`);
    let ok = true;
    for (let i = 0; i < THREE.length; i++) {
      const [a, b] = [h[i]!, q[i]!];
      const sorted = (x: HfResult) => [...x.times].sort((m, n) => m - n).map((t) => t * 1e9);
      const [ta, tb] = [sorted(a), sorted(b)];
      const [ma, mb] = [quantile(ta, 0.5), quantile(tb, 0.5)];
      // Noise: the larger of the two interquartile ranges (rounds of one tool spread that much by themselves).
      const noise = Math.max(quantile(ta, 0.75) - quantile(ta, 0.25), quantile(tb, 0.75) - quantile(tb, 0.25));
      const [ra, rb] = [relative(h[0]!, a), relative(q[0]!, b)];
      const medianOk = Math.abs(ma - mb) <= noise;
      const relOk = i === 0 || Math.abs(ra.r - rb.r) <= 2 * Math.hypot(ra.e, rb.e);
      ok &&= medianOk && relOk;
      const rel = (x: { r: number; e: number }) => (i === 0 ? "1.00" : `${x.r.toFixed(2)} ± ${x.e.toFixed(2)}`);
      console.log(`${THREE[i]!.slice(0, 26).padEnd(28)}${ms(ma)}${ms(mb)}  ${rel(ra).padEnd(14)}${rel(rb).padEnd(15)}${medianOk ? "median ok" : `median off by ${ms(Math.abs(ma - mb)).trim()} > IQR ${ms(noise).trim()}`}${relOk ? "" : ", ratio off by more than 2σ"}`);
    }
    console.log(ok ? "PASS: pacer's medians and ratios are within noise of hyperfine's" : "FAIL: pacer and hyperfine differ beyond noise (see above)");
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const threeOk = threeCommands();
if (process.env.BENCH_THREE_ONLY) process.exit(threeOk ? 0 : 1);
console.log(`\n${ROUNDS} rounds each; pacer: ${PACER.join(" ")}`);
for (const cmd of COMMANDS) {
  const rows = [hyperfine(cmd), pacerExec(cmd, false), pacerExec(cmd, true)];
  console.log(`\n${cmd.join(" ")}`);
  console.log(`${"tool".padEnd(22)}${"median".padStart(10)}${"stdev".padStart(10)}${"IQR".padStart(10)}${"min".padStart(10)}  rounds  median/hyperfine`);
  for (const r of rows) {
    console.log(`${r.tool.padEnd(22)}${ms(r.median)}${ms(r.stdev)}${ms(r.q3 - r.q1)}${ms(r.min)}  ${String(r.rounds).padStart(6)}  ${(r.median / rows[0]!.median).toFixed(3)}`);
  }
}
process.exit(threeOk ? 0 : 1);
