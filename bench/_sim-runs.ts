/**
 * The two sides of bench/simulation-overhead.ts: the valgrind command pacer would run, run directly
 * (built by the same base command + simulation `start`/`wrap` in this process), and `pacer run
 * --mode simulation` itself. Each returns its wall and CPU time (pacer's rusage holds valgrind's,
 * as pacer waits for it), the instruction count of every benchmark, and what it ran, so that the
 * bench can check the two did the same work. `command` is a shell command (one argument after `--`).
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Measurement } from "../src/index.ts";
import { baseCommand } from "../src/run/base-command.ts";
import { simulationMode } from "../plugins/simulation/mode.ts";
import { collectSimulation } from "../plugins/simulation/collect.ts";
import type { SimulationRunState } from "../plugins/simulation/wrap.ts";
import { systemInfo } from "../src/system/info.ts";
import { simulationContext, simulationPlugin } from "../test/simulation/context.ts";
import { timedCommand } from "./_pacer.ts";
import { simPhases, type SimPhases } from "./_sim-phases.ts";

export interface SimRun {
  ms: number;
  cpuMs: number;
  /** Instructions (`Ir`) per benchmark URI. */
  ir: Record<string, number>;
  /** The valgrind command line, run-specific temp paths replaced by placeholders. */
  command: string;
}

/** Run-specific paths (profile folder, plugin temp folder) as placeholders: what is left must match. */
export function normalizePaths(text: string, profile: string): string {
  return text.replaceAll(profile, "<profile>").replace(/\/tmp\/pacer-simulation-[A-Za-z0-9]{6}/g, "<temp>");
}

const irOf = (m: Measurement): Record<string, number> => Object.fromEntries(m.benchmarks.map((b) => [b.uri, Number(b.metrics.ir)]));
const cpuMsOf = (r: { resourceUsage?: { cpuTime: { total: bigint } } }): number => Number(r.resourceUsage?.cpuTime.total ?? 0n) / 1000;

/** The valgrind command pacer would run for `command` in `cwd`, run directly; `keep(profile)` sees the folder before it goes. */
export async function runDirect(cwd: string, command: string, keep?: (profile: string) => void): Promise<SimRun> {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-direct-"));
  const plan = { kind: "integration" as const, command };
  const ctx = simulationContext(plan, profile);
  try {
    ctx.probed = await simulationPlugin.probe(ctx);
    const base = await baseCommand({ mode: simulationMode, plan, cwd, profileFolder: profile, system: systemInfo(), tempDir: ctx.tempDir });
    const state = (await simulationPlugin.start!(ctx)) as SimulationRunState;
    const cmd = await simulationPlugin.wrap!(base, ctx, state);
    const { ms, cpuMs } = timedCommand(cmd, "direct valgrind run");
    keep?.(profile);
    const ir = command === "node bench.mjs" ? irOf(await collectSimulation(ctx, state)) : {};
    const line = state.steps.map((s) => s.argv.join(" ")).join(" ; ");
    return { ms, cpuMs, ir, command: normalizePaths(line, profile) };
  } finally {
    ctx.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface PacerRun extends SimRun {
  phases: SimPhases;
}

/** `pacer run --mode simulation` of `command` into a fresh folder, read back and removed. */
export async function runPacer(cwd: string, pacer: string[], command: string, keep?: (profile: string) => void, env?: Record<string, string>): Promise<PacerRun> {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-"));
  try {
    const argv = [...pacer, "run", "--mode", "simulation", "--skip-upload", "--allow-empty", "--profile-folder", profile, "--", command];
    const start = Date.now();
    const t = performance.now();
    const r = Bun.spawnSync(argv, { cwd, stdout: "ignore", stderr: "pipe", ...(env && { env: { ...process.env, ...env } }) });
    const ms = performance.now() - t;
    const end = start + ms;
    if (r.exitCode !== 0) throw new Error(`pacer run failed (${r.exitCode}): ${r.stderr.toString().slice(-500)}`);
    keep?.(profile);
    const log = readFileSync(join(profile, "runner.log"), "utf8");
    const logged = /valgrind command: (.*)$/m.exec(log)?.[1] ?? "";
    const ctx = simulationContext({ kind: "integration", command: "" }, profile);
    try {
      const ir = command === "node bench.mjs" ? irOf(await collectSimulation(ctx, undefined)) : {};
      return { ms, cpuMs: cpuMsOf(r), ir, command: normalizePaths(logged, profile), phases: simPhases(log, start, end) };
    } finally {
      ctx.dispose();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
