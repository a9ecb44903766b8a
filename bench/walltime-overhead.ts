/**
 * Wall-time overhead of `pacer run --mode walltime` over running the very same `perf record`
 * command directly, on examples/tinybench/bench.mjs.
 *
 *   npx bun bench/walltime-overhead.ts        (BENCH_REPEAT=7 by default)
 *
 * The direct command is the one pacer runs, built by the same base command + walltime `wrap`
 * (node shim on PATH, integration env, bash pipeline, perf record with the control FIFO). Run
 * directly, nobody answers the integration or enables perf, so it measures perf + node alone;
 * pacer's extra time is its start-up, the probe (from the per-machine probe cache after the first
 * run: one untimed pacer run primes it), serving the FIFO, perf enable/disable, `perf script` +
 * folded stacks, sampled native symbols, history and printing. Prints the ratio, the fixed cost
 * (pacer minus direct) and PASS/FAIL against issue 16's goal (≤ 1.10x, ≤ 0.2 s).
 * Uses dist/pacer when built, else `bun src/cli.ts`.
 *
 * @module
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { median, PACER, timeCommand, timePacerRun } from "./_pacer.ts";
import { join } from "node:path";
import { baseCommand } from "../src/run/base-command.ts";
import { walltimeMode } from "../plugins/walltime/mode.ts";
import { systemInfo } from "../src/system/info.ts";
import { walltimeContext, walltimePlugin } from "../test/fixtures/walltime/context.ts";

const REPO = join(import.meta.dir, "..");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const BENCH = ["node", "bench.mjs"];
// @codspeed/core needs a real .git folder above the bench file (a git worktree has a .git file):
// the example runs from a copy in a fresh repository, removed at the end.
const ROOT = mkdtempSync(join(tmpdir(), "pacer-bench-wt-repo-"));
cpSync(join(REPO, "examples", "tinybench"), ROOT, { recursive: true });
symlinkSync(join(REPO, "node_modules"), join(ROOT, "node_modules"));
Bun.spawnSync(["git", "init", "-q"], { cwd: ROOT });
process.on("exit", () => rmSync(ROOT, { recursive: true, force: true }));

async function direct(): Promise<number> {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-wt-direct-"));
  const plan = { kind: "integration" as const, command: BENCH.join(" ") };
  const ctx = walltimeContext(plan, profile);
  ctx.probed = await walltimePlugin.probe(ctx);
  const base = await baseCommand({ mode: walltimeMode, plan, cwd: ROOT, profileFolder: profile, system: systemInfo(), tempDir: ctx.tempDir });
  const cmd = await walltimePlugin.wrap!(base, ctx, await walltimePlugin.start!(ctx));
  const ms = timeCommand(cmd, "direct perf run");
  // Nobody collects a direct run: remove what node's --perf-prof left in the cwd.
  for (const f of readdirSync(join(profile, "results"))) {
    const pid = JSON.parse(readFileSync(join(profile, "results", f), "utf8")).creator.pid as number;
    for (const n of readdirSync(ROOT)) if (n === `jit-${pid}.dump` || (n.startsWith("isolate-") && n.endsWith(`-${pid}-v8.log`))) rmSync(join(ROOT, n));
  }
  ctx.dispose();
  rmSync(profile, { recursive: true, force: true });
  return ms;
}

function viaPacer(): number {
  return timePacerRun(["run", "--mode", "walltime", "--skip-upload", "--skip-setup", "--", ...BENCH], ROOT);
}

// The steady state of a machine: its probe result is cached (PACER_PROBE_CACHE=0 to measure without).
viaPacer();
const directMs: number[] = [];
const pacerMs: number[] = [];
for (let i = 0; i < REPEAT; i++) {
  directMs.push(await direct());
  pacerMs.push(viaPacer());
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`suite: examples/tinybench/bench.mjs (3 benchmarks), pacer: ${PACER.join(" ")}, ${REPEAT} runs each, alternating`);
console.log(`perf record command directly: median ${s(median(directMs))}  (runs: ${directMs.map(s).join(", ")})`);
console.log(`pacer run --mode walltime:    median ${s(median(pacerMs))}  (runs: ${pacerMs.map(s).join(", ")})`);
const best = (xs: number[]) => Math.min(...xs);
console.log(`ratio (median): pacer takes ${(median(pacerMs) / median(directMs)).toFixed(3)}x the direct wall time (+${s(median(pacerMs) - median(directMs))})`);
// The machine may be shared: pacer also waits for the machine-wide FIFO lock of other runs.
console.log(`ratio (best):   pacer takes ${(best(pacerMs) / best(directMs)).toFixed(3)}x the direct wall time (+${s(best(pacerMs) - best(directMs))})`);
// Each pass runs the two back to back: their difference is less exposed to the machine's drift
// (the direct runs alone spread by ±0.2 s here) than the difference of the two medians.
const pairRatios = pacerMs.map((p, i) => p / directMs[i]!);
const pairFixed = pacerMs.map((p, i) => (p - directMs[i]!) / 1000);
console.log(`ratio (paired): median of the ${REPEAT} passes' ratios ${median(pairRatios).toFixed(3)}x, of their differences +${median(pairFixed).toFixed(2)} s`);
// Issue 16, goal 1: at most 1.10x the direct command and at most 0.2 s of fixed cost (medians).
const ratio = median(pacerMs) / median(directMs);
const fixed = (median(pacerMs) - median(directMs)) / 1000;
const pass = ratio <= 1.1 && fixed <= 0.2;
console.log(`goal (ratio <= 1.10x, fixed cost <= 0.20 s): ratio ${ratio.toFixed(3)}x, fixed cost ${fixed.toFixed(2)} s: ${pass ? "PASS" : "FAIL"}`);
