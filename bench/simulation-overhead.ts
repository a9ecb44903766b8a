/**
 * Wall-time overhead of `pacer run --mode simulation` over running the very same valgrind command
 * directly, on the tinybench suite of test/fixtures/simulation/suite.
 *
 *   npx bun bench/simulation-overhead.ts
 *
 * The direct command is the one pacer runs: built by the same base command + simulation `wrap`
 * (node shim on PATH, integration env, wrapper, setarch, valgrind flags). pacer's extra time is its
 * start-up, the probe, collecting and printing. Uses dist/pacer when built, else `bun src/cli.ts`.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { PACER, timeCommand, timePacerRun } from "./_pacer.ts";
import { join } from "node:path";
import { baseCommand } from "../src/run/base-command.ts";
import { simulationMode } from "../plugins/simulation/mode.ts";
import { systemInfo } from "../src/system/info.ts";
import { simulationContext, simulationPlugin } from "../test/simulation/context.ts";

const ROOT = join(import.meta.dir, "..");
const SUITE = join(ROOT, "test", "fixtures", "simulation", "suite");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);

async function direct(): Promise<number> {
  const profile = mkdtempSync(join(tmpdir(), "pacer-bench-direct-"));
  const plan = { kind: "integration" as const, command: "node bench.mjs" };
  const ctx = simulationContext(plan, profile);
  ctx.probed = await simulationPlugin.probe(ctx);
  const base = await baseCommand({ mode: simulationMode, plan, cwd: SUITE, profileFolder: profile, system: systemInfo(), tempDir: ctx.tempDir });
  const cmd = await simulationPlugin.wrap!(base, ctx, await simulationPlugin.start!(ctx));
  const ms = timeCommand(cmd, "direct valgrind run");
  ctx.dispose();
  rmSync(profile, { recursive: true, force: true });
  return ms;
}

function viaPacer(): number {
  return timePacerRun(["run", "--mode", "simulation", "--skip-upload", "--", "node", "bench.mjs"], SUITE);
}

const directMs: number[] = [];
const pacerMs: number[] = [];
for (let i = 0; i < REPEAT; i++) {
  directMs.push(await direct());
  pacerMs.push(viaPacer());
}
const best = (xs: number[]) => Math.min(...xs);
console.log(`suite: ${SUITE} (3 benchmarks), pacer: ${PACER.join(" ")}, best of ${REPEAT}`);
console.log(`valgrind command directly: ${(best(directMs) / 1000).toFixed(2)} s  (runs: ${directMs.map((x) => (x / 1000).toFixed(2)).join(", ")})`);
console.log(`pacer run:                 ${(best(pacerMs) / 1000).toFixed(2)} s  (runs: ${pacerMs.map((x) => (x / 1000).toFixed(2)).join(", ")})`);
console.log(`ratio: pacer takes ${(best(pacerMs) / best(directMs)).toFixed(3)}x the direct wall time (+${((best(pacerMs) - best(directMs)) / 1000).toFixed(2)} s)`);
