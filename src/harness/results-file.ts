/**
 * The walltime results file (`$CODSPEED_PROFILE_FOLDER/results/<pid>.json`) written by `pacer exec`,
 * in the format the CodSpeed integrations write, so the walltime instrument reads one format.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LoopOptions } from "./options.ts";
import type { WalltimeStats } from "./stats.ts";
import type { WALLTIME_RESULTS_INSTRUMENT } from "../protocol/commands.ts";

/** The `config` object; `null` for bounds the user did not set. */
export interface WalltimeBenchmarkConfig {
  warmup_time_ns: number | null;
  min_round_time_ns: number | null;
  max_time_ns: number | null;
  max_rounds: number | null;
}

export interface WalltimeBenchmarkJson {
  name: string;
  uri: string;
  config: WalltimeBenchmarkConfig;
  stats: WalltimeStats;
}

export interface WalltimeResultsJson {
  creator: { name: string; version: string; pid: number };
  instrument: typeof WALLTIME_RESULTS_INSTRUMENT;
  benchmarks: WalltimeBenchmarkJson[];
  /** Extra facts; readers tolerate the key (codspeed-node writes `async_warning` there). */
  metadata?: Record<string, unknown>;
}

/** The `config` object describing the loop bounds that were applied. */
export function benchmarkConfig(o: LoopOptions): WalltimeBenchmarkConfig {
  return {
    warmup_time_ns: o.warmupTimeNs,
    min_round_time_ns: null,
    max_time_ns: o.max?.timeNs ?? null,
    max_rounds: o.max?.rounds ?? null,
  };
}

/**
 * The folder holding `results/`: `$CODSPEED_PROFILE_FOLDER`, or `./.codspeed` when pacer's harness
 * runs outside a runner (as exec-harness does).
 */
export function profileFolderFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return env.CODSPEED_PROFILE_FOLDER || join(cwd, ".codspeed");
}

/**
 * Writes `<folder>/results/<creator.pid>.json` (creating `results/`) and returns its path.
 *
 * @example
 * ```ts
 * await writeWalltimeResults(profileFolderFromEnv(), results);
 * ```
 */
export async function writeWalltimeResults(folder: string, results: WalltimeResultsJson): Promise<string> {
  const dir = join(folder, "results");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${results.creator.pid}.json`);
  await writeFile(path, JSON.stringify(results, null, 2) + "\n");
  return path;
}
