/**
 * Wall-time overhead of `pacer run --mode simulation` over running the very same valgrind command
 * directly, on the tinybench suite of test/fixtures/simulation/suite (copied into a throw-away git
 * repository: @codspeed/core needs a real `.git` folder, which a git worktree does not have).
 *
 *   npx bun bench/simulation-overhead.ts
 *
 * The direct command is the one pacer runs: built by the same base command + simulation `wrap`
 * (node shim on PATH, integration env, wrapper, setarch, valgrind flags). pacer's extra time is
 * broken down into start-up (`pacer --version`), the probe and collect (both timed in this process;
 * collect on the folder pacer left) and the rest (writing the record, history, printing). The runs
 * use the probe cache, primed by an untimed `pacer doctor`; the fresh probe is timed and printed
 * for reference, not counted. Prints the ratio. Medians of BENCH_REPEAT=3.
 * Uses dist/pacer when built (or $PACER_BIN), else `bun src/cli.ts`; PACER_BASE=<binary> times an
 * older build in the same rounds.
 *
 * @module
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACER, ROOT, median, timeCommand } from "./_pacer.ts";
import { baseCommand } from "../src/run/base-command.ts";
import { simulationMode } from "../plugins/simulation/mode.ts";
import { collectSimulation } from "../plugins/simulation/collect.ts";
import { systemInfo } from "../src/system/info.ts";
import { simulationContext, simulationPlugin } from "../test/simulation/context.ts";

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const GOAL = 1.02;

/** The suite in a fresh folder with a `.git` directory and pacer's node_modules. */
function suiteRepo(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pacer-bench-sim-suite-"));
  cpSync(join(ROOT, "test", "fixtures", "simulation", "suite"), dir, { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, ".git"));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

async function probeMs(): Promise<number> {
  const ctx = simulationContext({ kind: "integration", command: "node bench.mjs" });
  try {
    const t = performance.now();
    await simulationPlugin.probe!(ctx);
    return performance.now() - t;
  } finally {
    ctx.dispose();
  }
}

async function direct(cwd: string): Promise<number> {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-direct-"));
  const plan = { kind: "integration" as const, command: "node bench.mjs" };
  const ctx = simulationContext(plan, profile);
  try {
    ctx.probed = await simulationPlugin.probe(ctx);
    const base = await baseCommand({ mode: simulationMode, plan, cwd, profileFolder: profile, system: systemInfo(), tempDir: ctx.tempDir });
    const cmd = await simulationPlugin.wrap!(base, ctx, await simulationPlugin.start!(ctx));
    return timeCommand(cmd, "direct valgrind run");
  } finally {
    ctx.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** `pacer run` into a kept folder; then collect timed again on that folder alone. */
async function viaPacer(cwd: string, pacer: string[]): Promise<{ ms: number; collectMs: number }> {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-"));
  try {
    const t = performance.now();
    const r = Bun.spawnSync([...pacer, "run", "--mode", "simulation", "--skip-upload", "--profile-folder", profile, "--", "node", "bench.mjs"], {
      cwd,
      stdout: "ignore",
      stderr: "pipe",
    });
    const ms = performance.now() - t;
    if (r.exitCode !== 0) throw new Error(`pacer run failed (${r.exitCode}): ${r.stderr.toString().slice(-500)}`);
    const ctx = simulationContext({ kind: "integration", command: "" }, profile);
    try {
      const c = performance.now();
      await collectSimulation(ctx, undefined);
      return { ms, collectMs: performance.now() - c };
    } finally {
      ctx.dispose();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function versionMs(): number {
  const t = performance.now();
  Bun.spawnSync([...PACER, "--version"], { stdout: "ignore" });
  return performance.now() - t;
}

const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

const repo = suiteRepo();
const directMs: number[] = [];
const pacerMs: number[] = [];
const probe: number[] = [];
const collect: number[] = [];
const startup: number[] = [];
/** PACER_BASE=<older pacer binary>: also timed in every round, for a before/after in one run. */
const PACER_BASE = process.env.PACER_BASE;
const against: number[] = [];
try {
  // `doctor` probes fresh and stores the result, as any first run on a machine would.
  Bun.spawnSync([...PACER, "doctor"], { cwd: repo.dir, stdout: "ignore", stderr: "ignore" });
  for (let i = 0; i < REPEAT; i++) {
    directMs.push(await direct(repo.dir));
    if (PACER_BASE) against.push((await viaPacer(repo.dir, [PACER_BASE])).ms);
    const p = await viaPacer(repo.dir, PACER);
    pacerMs.push(p.ms);
    collect.push(p.collectMs);
    probe.push(await probeMs());
    startup.push(versionMs());
  }
} finally {
  repo.dispose();
}
if (against.length) console.log(`PACER_BASE ${PACER_BASE}: ${s(median(against))}  (runs: ${against.map(s).join(", ")}), ratio ${(median(against) / median(directMs)).toFixed(3)}x`);
const d = median(directMs);
const p = median(pacerMs);
const extra = p - d;
const rest = extra - median(collect) - median(startup);
const ratio = p / d;
console.log(`suite: test/fixtures/simulation/suite (3 benchmarks), pacer: ${PACER.join(" ")}, median of ${REPEAT}`);
console.log(`valgrind command directly: ${s(d)}  (runs: ${directMs.map(s).join(", ")})`);
console.log(`pacer run:                 ${s(p)}  (runs: ${pacerMs.map(s).join(", ")})`);
console.log(`extra ${s(extra)}: start-up ${s(median(startup))}, collect (parse, symbols) ${s(median(collect))}, rest ${s(rest)}; the probe (${s(median(probe))} fresh) came from the cache`);
console.log(`ratio: ${ratio.toFixed(3)}x the direct wall time (goal ≤ ${GOAL}x): ${ratio <= GOAL ? "PASS" : "FAIL"}`);
// On a shared machine other processes add seconds to single runs; the best runs show pacer's own cost.
const best = Math.min(...pacerMs) / Math.min(...directMs);
console.log(`ratio of the best runs: ${best.toFixed(3)}x`);
