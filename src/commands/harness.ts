/**
 * `pacer __harness <spec.json>` (hidden): pacer's own benchmark harness, run by `pacer exec` under the
 * mode's instrument. It talks to the runner's FIFOs like a CodSpeed integration (when they exist)
 * and writes the walltime results file itself.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { formatNs } from "../harness/duration.ts";
import { readHarnessSpec, type HarnessSpec } from "../harness/harness-spec.ts";
import { measureWalltimeTargets, runAnalysisTarget, type MeasureDeps } from "../harness/measure-target.ts";
import type { ExecRoundsJson } from "../harness/exec-rounds.ts";
import { profileFolderFromEnv, writeWalltimeResults, type WalltimeBenchmarkJson } from "../harness/results-file.ts";
import { measureSpawnOverhead } from "../harness/spawn-round.ts";
import { createLogger } from "../log/logger.ts";
import type { ExecTarget } from "../plugin/types.ts";
import { isAnalysisWire, WALLTIME_RESULTS_INSTRUMENT } from "../protocol/commands.ts";
import { connectFifoClient, type FifoClient, type FifoClientOptions } from "../protocol/fifo-client.ts";
import { VERSION } from "../version.ts";

/** exec-harness limit (1024 − 100): longer names are cut, the URI is kept whole. */
const MAX_NAME_LENGTH = 924;
const OVERHEAD_SPAWNS = 20;

export interface HarnessOptions {
  /** FIFO paths (tests use private ones); default the protocol's fixed paths. */
  fifo?: FifoClientOptions;
  /** Default `$CODSPEED_PROFILE_FOLDER`, else `./.codspeed`. */
  profileFolder?: string;
}

/**
 * The cost of each shell the targets use, measured as hyperfine does (the shell running an empty
 * command, timed like a round): subtracted from those targets' round times.
 */
async function shellOverheads(targets: ExecTarget[], log: MeasureDeps["log"]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of targets) {
    if (!t.shell || out.has(t.shell.join(" "))) continue;
    const ns = await measureSpawnOverhead(OVERHEAD_SPAWNS, {}, [...t.shell, ""]);
    out.set(t.shell.join(" "), ns);
    log.info(`Shell overhead: ${formatNs(ns)} per round (median of ${OVERHEAD_SPAWNS} runs of "${t.shell.join(" ")} ''"), subtracted from the round times of shell commands`);
  }
  return out;
}

/** The spec's harness, else what the runner's FIFO server says (analysis modes time nothing). */
function harnessOf(spec: HarnessSpec, client: FifoClient | null): NonNullable<HarnessSpec["harness"]> {
  if (spec.harness) return spec.harness;
  return isAnalysisWire(client?.integrationMode()) ? "analysis" : "walltime";
}

function truncateName(t: ExecTarget, log: MeasureDeps["log"]): ExecTarget {
  if (t.name.length <= MAX_NAME_LENGTH) return t;
  log.warn(`Benchmark name is too long (${t.name.length} characters), truncating it to ${MAX_NAME_LENGTH} characters`);
  return { ...t, name: t.name.slice(0, MAX_NAME_LENGTH) };
}

/**
 * Measures every target of `spec` and, in walltime, writes `results/<pid>.json`; returns the exit
 * code. Without FIFOs (no runner) it still measures and writes the results.
 *
 * @example
 * ```ts
 * await runHarness({ mode: "my-mode", harness: "walltime", targets: [{ name: "sleep", uri: "exec_harness::sleep",
 *   argv: ["sleep", "0.01"], walltime: { maxRounds: 5 } }] });
 * ```
 */
export async function runHarness(spec: HarnessSpec, opts: HarnessOptions = {}): Promise<number> {
  const log = createLogger();
  const client = await connectFifoClient(opts.fifo);
  try {
    await client?.setIntegration("pacer", VERSION);
    const deps: MeasureDeps = { hooks: client ?? undefined, log, pid: process.pid };
    const kind = harnessOf(spec, client);
    log.debug(`Harness: ${spec.mode} mode, ${kind} measurement of ${spec.targets.length} target(s), FIFO ${client ? "connected" : "absent"}`);

    if (kind === "analysis") {
      for (const t of spec.targets) {
        const target = truncateName(t, log);
        log.info(`Executing: ${target.name}`);
        await runAnalysisTarget(target, deps);
      }
      return 0;
    }

    const overheadNs = await measureSpawnOverhead(OVERHEAD_SPAWNS);
    const targets = spec.targets.map((t) => truncateName(t, log));
    const shells = await shellOverheads(targets, log);
    const direct = targets.some((t) => !t.shell);
    log.info(`Spawn overhead: ${formatNs(overheadNs)} per round (median of ${OVERHEAD_SPAWNS} runs of "true"), ${direct ? "included in every round time of a command spawned directly" : "not in the round times: the shell's cost is subtracted instead"}`);
    // Config `benchmarks:` are independent benchmarks: one after the other, each with its perf window.
    const groups = spec.interleave ? [targets] : targets.map((t) => [t]);
    const measured = { benchmarks: [] as WalltimeBenchmarkJson[], rounds: [] as ExecRoundsJson[] };
    for (const g of groups) {
      const m = await measureWalltimeTargets(g, deps, shells);
      measured.benchmarks.push(...m.benchmarks);
      measured.rounds.push(...m.rounds);
    }
    const path = await writeWalltimeResults(opts.profileFolder ?? profileFolderFromEnv(), {
      creator: { name: "pacer", version: VERSION, pid: process.pid },
      instrument: WALLTIME_RESULTS_INSTRUMENT,
      benchmarks: measured.benchmarks,
      metadata: {
        ...(direct && { spawn_overhead_ns: overheadNs, spawn_overhead_samples: OVERHEAD_SPAWNS }),
        ...(shells.size && { shell_overhead_ns: Object.fromEntries(shells), shell_overhead_samples: OVERHEAD_SPAWNS }),
        exec: { interleaved: groups.length === 1 && targets.length > 1, benchmarks: measured.rounds },
      },
    });
    log.debug(`Wrote walltime results to "${path}"`);
    return 0;
  } finally {
    client?.close();
  }
}

/** `pacer __harness <spec.json>`. */
export default async function harness(argv: string[]): Promise<number> {
  if (argv.length !== 1 || !argv[0]) {
    throw new PacerError("E_USAGE", "Usage: pacer __harness <spec.json>", {
      hint: "This command is internal; use `pacer exec -- <command>`",
    });
  }
  return runHarness(await readHarnessSpec(argv[0]));
}
