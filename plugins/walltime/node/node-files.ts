/**
 * The last step of every walltime run, collected or failed: the maps and jitdumps of `pids` (and
 * of every pid whose jitdump the node shim sent to the profile folder) leave `/tmp` and the
 * benchmark's cwd for the profile folder. A failure here costs those files, never the run.
 *
 * @module
 */
import type { PluginContext } from "../../../src/index.ts";
import { copySymbolMaps, jitdumpPids } from "../symbols/perf-maps.ts";

/** `skip`: pids already handled (the perf profile copies the maps of the benchmarks it profiled). */
export function keepNodeFiles(ctx: PluginContext<unknown>, cwd: string | undefined, pids: number[], skip: number[] = []): void {
  const done = new Set(skip);
  const rest = [...pids, ...jitdumpPids(ctx.profileFolder)].filter((p) => !done.has(p));
  try {
    copySymbolMaps(rest, ctx.profileFolder, cwd ? [cwd] : [], "/tmp", { warn: ctx.log.warn });
  } catch (err) {
    ctx.log.warn(`Cannot keep node's symbol maps in the profile folder: ${(err as Error).message}`);
  }
}
