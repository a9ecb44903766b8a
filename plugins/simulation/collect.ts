/**
 * Reads what a simulation run produced: checks who failed, copies JIT maps, parses every callgrind
 * file and turns benchmark parts into results.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { BenchmarkResult, Measurement, PluginContext } from "../../src/index.ts";
import { PacerError } from "../../src/index.ts";
import { allocatorCost, subtractCost } from "./allocations.ts";
import { benchmarkDetail } from "./detail.ts";
import { simulationMeasurement } from "./measurement.ts";
import { countsOf, simulationMetrics, sumCounts, sysTimeScaleNs } from "./metrics.ts";
import { parseCallgrindFile, type CallgrindFile } from "./parse-callgrind.ts";
import { parsePerfMap, perfMapLookup } from "./perf-map.ts";
import { inFolder, readRun, recordRun, type RecordedStep } from "./run-record.ts";
import { checkStep } from "./run-status.ts";
import { DEFAULT_SIMULATION_OPTIONS, type SimulationOptions } from "./options.ts";
import { symbolizeFunctions } from "./symbolize.ts";
import type { SimulationRunState } from "./wrap.ts";

/** What collect reads: the profile folder, its log and libraries (no run needed). */
type CollectCtx = Pick<PluginContext, "profileFolder" | "log" | "libs">;

/** Callgrind files of a step, as `[pid, path]` sorted by pid (`<prefix><pid>.out`). */
export function callgrindFiles(prefix: string): Array<[number, string]> {
  const dir = dirname(`${prefix}x`);
  const stem = basename(`${prefix}x`).slice(0, -1);
  const re = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\d+)\\.out$`);
  const out: Array<[number, string]> = [];
  for (const name of readdirSync(dir)) {
    const m = re.exec(name);
    if (m) out.push([Number(m[1]), join(dir, name)]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Where JIT runtimes write `perf-<pid>.map` (V8, CPython). */
export const PERF_MAP_DIR = "/tmp";

/** Copies `<perfMapDir>/perf-<pid>.map` next to the callgrind files (reference §3.2 teardown); returns the copy. */
async function parseWithSymbols(
  path: string,
  pid: number,
  ctx: CollectCtx,
  functionsFor: (p: { trigger: string; uri?: string }) => boolean,
): Promise<CallgrindFile> {
  const file = await parseCallgrindFile(path, { functionsFor });
  const map = join(ctx.profileFolder, `perf-${pid}.map`);
  if (existsSync(map)) {
    const lookup = perfMapLookup(parsePerfMap(readFileSync(map, "utf8")));
    for (const part of file.parts) if (part.functions) part.functions = symbolizeFunctions(part.functions, lookup);
  }
  for (const part of file.parts) {
    if (part.totals === undefined) ctx.log.warn(`"${path}" part ${part.index} has no totals line (truncated file?): ignored`);
  }
  return file;
}

/** A part's event counts, less the allocator's cost when the run excludes allocations. */
function partCounts(part: CallgrindFile["parts"][number], options: SimulationOptions): Record<string, number> {
  const totals = part.totals ?? [];
  if (!options.excludeAllocations) return countsOf(part.events, totals);
  return countsOf(part.events, subtractCost(totals, allocatorCost(part.functions, part.events.length)));
}

function nameOfUri(uri: string): string {
  const i = uri.lastIndexOf("::");
  return i >= 0 ? uri.slice(i + 2) : uri;
}

async function integrationResults(ctx: CollectCtx, prefix: string, options: SimulationOptions): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const [pid, path] of callgrindFiles(prefix)) {
    const file = await parseWithSymbols(path, pid, ctx, (p) => p.uri !== undefined);
    const scale = sysTimeScaleNs(file.eventDescriptions.sysTime);
    for (const part of file.parts) {
      if (!part.uri || !part.totals) continue;
      results.push({
        name: nameOfUri(part.uri),
        uri: part.uri,
        metrics: simulationMetrics(partCounts(part, options), scale, options.cycleEstimation),
        detail: benchmarkDetail(part.events, part.functions, { pid, file: basename(path), part: part.index }),
      });
    }
  }
  return results;
}

async function execResult(
  ctx: CollectCtx,
  step: RecordedStep,
  mainPid: number,
  options: SimulationOptions,
): Promise<BenchmarkResult> {
  let counts: Record<string, number> = {};
  let scale = 1;
  const processes: Array<{ pid: number; cmd?: string; ir: number }> = [];
  let detail: Record<string, unknown> = {};
  for (const [pid, path] of callgrindFiles(inFolder(ctx.profileFolder, step.outPrefix))) {
    // Excluding allocations needs every process's call graph; otherwise only the main one's is shown.
    const file = await parseWithSymbols(path, pid, ctx, () => options.excludeAllocations || pid === mainPid);
    scale = sysTimeScaleNs(file.eventDescriptions.sysTime);
    let ir = 0;
    for (const part of file.parts) {
      if (!part.totals) continue;
      const c = partCounts(part, options);
      counts = sumCounts(counts, c);
      ir += c.Ir ?? 0;
      if (pid === mainPid && part.functions) detail = benchmarkDetail(part.events, part.functions, { pid, file: basename(path), part: part.index });
    }
    processes.push({ pid, cmd: file.cmd, ir });
    // Collection is opened by the preloaded window library, which a static executable never loads.
    if (pid !== mainPid && ir === 0) {
      ctx.log.warn(
        `Process ${pid} ("${file.cmd?.trim() ?? "?"}") of "${step.name ?? step.argv.join(" ")}" counted no instructions: ` +
          "a statically linked program started by the target cannot load pacer's exec window library, so its work is not measured",
      );
    }
  }
  return {
    name: step.name ?? step.argv.join(" "),
    uri: step.uri ?? "",
    metrics: simulationMetrics(counts, scale, options.cycleEstimation),
    detail: { ...detail, processes },
  };
}

/** The `collect` hook of the simulation instrument. */
export async function collectSimulation(ctx: CollectCtx, state: SimulationRunState | undefined, perfMapDir = PERF_MAP_DIR): Promise<Measurement> {
  if (state && state.steps.length === 0) throw new PacerError("E_RUN", "Cannot collect simulation results: the command was not wrapped by valgrind");
  const folder = ctx.profileFolder;
  const pids = () => state!.steps.flatMap((s) => callgrindFiles(s.outPrefix).map(([pid]) => pid));
  // Live, the run is recorded first and then read like any folder: offline gives the same result.
  const run = state ? recordRun(state, folder, state.allowEmpty, pids(), perfMapDir, (m) => ctx.log.warn(m)) : readRun(ctx.libs.valibot, folder);
  const runnerLog = join(folder, "runner.log");
  const options = run.options ?? DEFAULT_SIMULATION_OPTIONS;
  const benchmarks: BenchmarkResult[] = [];
  for (const step of run.steps) {
    const pid = checkStep(step, folder, runnerLog);
    if (pid === "skipped") continue;
    if (step.ignoreFailure && step.status.valgrind !== "0") {
      ctx.log.warn(`"${step.name ?? step.argv.join(" ")}" exited with status ${step.status.valgrind} under valgrind: measured anyway (--ignore-failure)`);
    }
    if (run.kind === "integration") benchmarks.push(...(await integrationResults(ctx, inFolder(folder, step.outPrefix), options)));
    else benchmarks.push(await execResult(ctx, step, pid!, options));
  }
  const seen = new Set<string>();
  for (const b of benchmarks) {
    if (seen.has(b.uri)) ctx.log.warn(`Benchmark "${b.uri}" was measured more than once: each measurement is listed`);
    seen.add(b.uri);
  }
  if (benchmarks.length === 0 && !run.allowEmpty) {
    throw new PacerError("E_RESULTS", "No benchmark was measured: valgrind saw no benchmark start and stop", {
      hint: "Run benchmarks through a CodSpeed integration (e.g. @codspeed/tinybench-plugin), or pass --allow-empty",
    });
  }
  return simulationMeasurement(benchmarks, options.cycleEstimation);
}
