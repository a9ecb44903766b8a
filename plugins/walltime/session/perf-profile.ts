/**
 * The perf half of `collect()`: symbol maps (JIT and native), unwind data, `perf.metadata`, and
 * folded stacks per benchmark from `perf script`. Returns what each benchmark URI got.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PluginContext } from "../../../src/index.ts";
import { benchmarkWindows, windowOf } from "./benchmark-windows.ts";
import { groupLeader } from "../perf/events.ts";
import { foldInto, foldedText } from "../results/folded-stacks.ts";
import type { Mmap } from "../perf/parse-perf-script.ts";
import { perfScriptArgv, streamPerfScript } from "../perf/perf-script-run.ts";
import { copySymbolMaps } from "../symbols/perf-maps.ts";
import { writeNativeSymbols, type SampledAddresses } from "../symbols/native-symbols.ts";
import { JitIndex } from "../symbols/jit-index.ts";
import { parseJitdump, type JitSymbol } from "../symbols/jitdump.ts";
import { resymbolizeSample } from "../symbols/resymbolize.ts";
import { perfMetadataJson } from "../results/profile-artifacts.ts";
import type { PendingArtifacts, RecordedPerf } from "./run-record.ts";
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
export function nativeSymbols(ctx: Pick<PluginContext, "profileFolder" | "log">, pids: number[], mmaps: Mmap[], sampled?: SampledAddresses): void {
  const t0 = performance.now();
  try {
    const s = writeNativeSymbols(ctx.profileFolder, pids, mmaps, (msg) => ctx.log.debug(msg), sampled);
    ctx.log.debug(`Wrote ${s.symbols} symbols for ${s.modules} modules, ${s.unwindFiles} unwind files in ${Math.round(performance.now() - t0)} ms`);
  } catch (err) {
    ctx.log.warn(`Cannot write native symbols and unwind data: ${(err as Error).message}`);
  }
}

/** The jitdump symbols of `pids` from the dumps the run moved into the profile folder. */
export function folderJitSymbols(folder: string, pids: number[]): Map<number, JitSymbol[]> {
  const out = new Map<number, JitSymbol[]>();
  for (const pid of new Set(pids)) {
    const dump = join(folder, `jit-${pid}.dump`);
    if (existsSync(dump)) out.set(pid, parseJitdump(readFileSync(dump)));
  }
  return out;
}

/**
 * What only the run itself can do: move node's perf maps and jitdumps out of /tmp and the
 * benchmark's cwd into the profile folder. Returns the jitdump symbols, and (`leaveJit`) the pids
 * whose jitdump in the folder was left for the offline collect.
 */
export function keepSymbolMaps(ctx: Pick<PluginContext<unknown>, "profileFolder" | "log">, pids: number[], cwd: string, leaveJit = false): { jit: Map<number, JitSymbol[]>; left: number[] } {
  const maps = copySymbolMaps(pids, ctx.profileFolder, [cwd], "/tmp", { warn: ctx.log.warn }, leaveJit);
  ctx.log.debug(`Copied ${maps.maps} perf maps and ${[...maps.jit.values()].reduce((n, s) => n + s.length, 0)} jitdump symbols${maps.left.length ? ` (${maps.left.length} jitdumps left for later)` : ""}`);
  return maps;
}

/** The note under the results table naming the perf data; undefined when perf wrote none. */
export function perfDataNote(ctx: Pick<PluginContext<unknown>, "profileFolder" | "log">, session: RecordedPerf): string | undefined {
  const pipedata = join(ctx.profileFolder, session.pipedata);
  if (!existsSync(pipedata) || statSync(pipedata).size === 0) {
    ctx.log.warn(`perf wrote no data to "${pipedata}"`);
    return undefined;
  }
  const size = (statSync(pipedata).size / 2 ** 20).toFixed(1);
  return `perf data: perf.pipedata (${size} MiB${session.compression ? ", zstd-compressed" : ""}, call graph ${session.unwinding}${session.events ? `, events ${session.events}` : ""})`;
}

/**
 * Folds the recorded perf data per benchmark window (`jitSymbols` rename the JIT frames); notes
 * for the results table are pushed into `notes`. With `artifacts` (a live run, or the offline
 * collect finishing a deferred one) it also writes the native symbols, unwind data and
 * `perf.metadata` an upload carries.
 */
export async function collectPerfProfile(
  ctx: Pick<PluginContext<unknown>, "profileFolder" | "log">,
  session: RecordedPerf,
  timeline: TimelineEvent[],
  pids: number[],
  notes: string[],
  jitSymbols: Map<number, JitSymbol[]>,
  artifacts?: PendingArtifacts,
): Promise<WindowProfile[]> {
  const note = perfDataNote(ctx, session);
  if (!note) return [];
  notes.push(note);
  const pipedata = join(ctx.profileFolder, session.pipedata);
  const windows = benchmarkWindows(timeline);
  const folded = windows.map(() => new Map<string, number>());
  const jit = new Map([...jitSymbols].map(([pid, syms]) => [pid, new JitIndex(syms)]));
  // Samples are folded as perf prints them, never all held: only the group leader's count.
  // Every address a sample holds, before the JIT renaming: the native symbols written are theirs.
  const sampled: SampledAddresses = new Map();
  const mmaps = await streamPerfScript(perfScriptArgv(session.binary, pipedata), (s) => {
    if (artifacts) {
      let ips = sampled.get(s.pid);
      if (!ips) sampled.set(s.pid, (ips = new Set()));
      for (const f of s.frames) if (/^[0-9a-f]{1,16}$/i.test(f.ip)) ips.add(BigInt(`0x${f.ip}`));
    }
    if (windowOf(windows, s.timeNs) < 0) return;
    resymbolizeSample(s, jit);
    foldInto(folded, windows, s);
  }, { event: groupLeader(session.events) });
  if (artifacts) {
    // PACER_PERF_MAP_SYMBOLS=all: every symbol of every module, as the reference writes them.
    nativeSymbols(ctx, pids, mmaps, process.env.PACER_PERF_MAP_SYMBOLS === "all" ? undefined : sampled);
    if (artifacts.integration && artifacts.timestamps) {
      writeFileSync(join(ctx.profileFolder, "perf.metadata"), perfMetadataJson(artifacts.integration, artifacts.timestamps, mmaps, session.nodePaths));
    } else {
      ctx.log.warn("Perf is enabled, but failed to detect benchmarks. If you wish to disable this warning, set CODSPEED_PERF_ENABLED=false");
    }
  }
  return windows.map((w, i) => {
    const counts = folded[i]!;
    return { uri: w.uri, pid: w.pid, counts, samples: [...counts.values()].reduce((a, b) => a + b, 0) };
  });
}
