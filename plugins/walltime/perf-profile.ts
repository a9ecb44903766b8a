/**
 * The perf half of `collect()`: symbol maps (JIT and native), unwind data, `perf.metadata`, and
 * folded stacks per benchmark from `perf script`. Returns what each benchmark URI got.
 *
 * @module
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PluginContext, RunOutcome } from "../../src/index.ts";
import { benchmarkWindows, windowOf } from "./benchmark-windows.ts";
import { groupLeader } from "./events.ts";
import { foldInto, foldedText } from "./folded-stacks.ts";
import type { Mmap } from "./parse-perf-script.ts";
import { perfScriptArgv, streamPerfScript } from "./perf-script-run.ts";
import { copySymbolMaps } from "./perf-maps.ts";
import { writeNativeSymbols } from "./native-symbols.ts";
import { JitIndex } from "./jit-index.ts";
import { resymbolizeSample } from "./resymbolize.ts";
import { perfMetadataJson } from "./profile-artifacts.ts";
import type { PerfSession } from "./state.ts";
import type { TimelineEvent } from "./benchmark-windows.ts";

/** One benchmark window's profile, with the URI and pid the integration reported on the FIFO. */
export interface WindowProfile {
  uri: string;
  pid: number;
  /** Samples per folded stack. */
  counts: Map<string, number>;
  samples: number;
}

/** `folded/<nnn>-<uri as a file name>.folded`, relative to the profile folder. */
export function foldedFileName(uri: string, i: number): string {
  return `folded/${String(i + 1).padStart(3, "0")}-${uri.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+/, "").slice(0, 80)}.folded`;
}

/** Writes one benchmark's folded stacks; returns the path relative to the profile folder. */
export function writeFolded(profileFolder: string, uri: string, i: number, counts: Map<string, number>): string {
  const file = foldedFileName(uri, i);
  mkdirSync(join(profileFolder, "folded"), { recursive: true });
  writeFileSync(join(profileFolder, file), foldedText(counts));
  return file;
}

/** Native symbols and unwind data; a failure costs those files, never the run (the reference only logs perf parse errors). */
export function nativeSymbols(ctx: PluginContext, pids: number[], mmaps: Mmap[]): void {
  const t0 = performance.now();
  try {
    const s = writeNativeSymbols(ctx.profileFolder, pids, mmaps, (msg) => ctx.log.debug(msg));
    ctx.log.debug(`Wrote ${s.symbols} symbols for ${s.modules} modules, ${s.unwindFiles} unwind files in ${Math.round(performance.now() - t0)} ms`);
  } catch (err) {
    ctx.log.warn(`Cannot write native symbols and unwind data: ${(err as Error).message}`);
  }
}

/** Writes the perf artifacts; notes for the results table are pushed into `notes`. */
export async function collectPerfProfile(
  ctx: PluginContext<unknown>,
  session: PerfSession,
  timeline: TimelineEvent[],
  perf: string,
  outcome: RunOutcome,
  notes: string[],
): Promise<WindowProfile[]> {
  const maps = copySymbolMaps(outcome.benchmarkPids, ctx.profileFolder, [session.cwd], "/tmp", { warn: ctx.log.warn });
  const jitCount = [...maps.jit.values()].reduce((n, s) => n + s.length, 0);
  ctx.log.debug(`Copied ${maps.maps} perf maps and ${jitCount} jitdump symbols`);
  if (!existsSync(session.pipedata) || statSync(session.pipedata).size === 0) {
    ctx.log.warn(`perf wrote no data to "${session.pipedata}"`);
    return [];
  }
  const size = (statSync(session.pipedata).size / 2 ** 20).toFixed(1);
  notes.push(`perf data: perf.pipedata (${size} MiB${session.compression ? ", zstd-compressed" : ""}, call graph ${session.unwinding}${session.events ? `, events ${session.events}` : ""})`);
  const windows = benchmarkWindows(timeline);
  const folded = windows.map(() => new Map<string, number>());
  const jit = new Map([...maps.jit].map(([pid, syms]) => [pid, new JitIndex(syms)]));
  // Samples are folded as perf prints them, never all held: only the group leader's count.
  const mmaps = await streamPerfScript(perfScriptArgv(perf, session.pipedata), (s) => {
    if (windowOf(windows, s.timeNs) < 0) return;
    resymbolizeSample(s, jit);
    foldInto(folded, windows, s);
  }, { event: groupLeader(session.events) });
  nativeSymbols(ctx, outcome.benchmarkPids, mmaps);
  if (outcome.integration && outcome.timestamps) {
    writeFileSync(join(ctx.profileFolder, "perf.metadata"), perfMetadataJson(outcome.integration, outcome.timestamps, mmaps, session.nodePaths));
  } else {
    ctx.log.warn("Perf is enabled, but failed to detect benchmarks. If you wish to disable this warning, set CODSPEED_PERF_ENABLED=false");
  }
  return windows.map((w, i) => {
    const counts = folded[i]!;
    return { uri: w.uri, pid: w.pid, counts, samples: [...counts.values()].reduce((a, b) => a + b, 0) };
  });
}
