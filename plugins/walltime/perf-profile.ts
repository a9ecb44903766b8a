/**
 * The perf half of `collect()`: symbol maps, `ExecutionTimestamps.msgpack`, `perf.metadata`, and
 * folded stacks per benchmark from `perf script`. Returns what each benchmark URI got.
 *
 * @module
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PluginContext, RunOutcome } from "../../src/index.ts";
import { benchmarkWindows } from "./benchmark-windows.ts";
import { foldByWindow, foldedText } from "./folded-stacks.ts";
import { parsePerfScript, type PerfScript } from "./parse-perf-script.ts";
import { copySymbolMaps } from "./perf-maps.ts";
import { encodeExecutionTimestamps, perfMetadataJson } from "./profile-artifacts.ts";
import { timeline, type PerfSession } from "./state.ts";

/** Per-benchmark profile detail, keyed by the URI the integration reported on the FIFO. */
export interface ProfileDetail {
  /** Folded stacks file, relative to the profile folder. */
  folded: string;
  samples: number;
}

/** `perf script` fields the parser reads; `--ns` keeps full timestamp precision. */
export function perfScriptArgv(perf: string, pipedata: string): string[] {
  // --no-inline: without libbfd perf resolves inlined frames by running addr2line per address
  // (110 s instead of 2 s for a 3-benchmark tinybench profile here).
  return [perf, "script", "-i", pipedata, "--ns", "--no-inline", "--show-mmap-events", "-F", "comm,pid,tid,time,ip,sym,dso"];
}

function slug(uri: string, i: number): string {
  return `${String(i + 1).padStart(3, "0")}-${uri.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+/, "").slice(0, 80)}.folded`;
}

async function runPerfScript(ctx: PluginContext, perf: string, pipedata: string): Promise<PerfScript> {
  const r = await ctx.exec(perfScriptArgv(perf, pipedata), { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`perf script exited with ${r.code ?? "a signal"}: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return parsePerfScript(r.stdout);
}

/** Writes the perf artifacts; notes for the results table are pushed into `notes`. */
export async function collectPerfProfile(
  ctx: PluginContext,
  session: PerfSession,
  perf: string,
  outcome: RunOutcome,
  notes: string[],
): Promise<Map<string, ProfileDetail>> {
  const maps = copySymbolMaps(outcome.benchmarkPids, ctx.profileFolder, [session.cwd]);
  ctx.log.debug(`Copied ${maps.maps} perf maps and ${maps.jitSymbols} jitdump symbols`);
  if (outcome.timestamps) {
    writeFileSync(join(ctx.profileFolder, "ExecutionTimestamps.msgpack"), encodeExecutionTimestamps(ctx.libs, outcome.timestamps));
  }
  const details = new Map<string, ProfileDetail>();
  if (!existsSync(session.pipedata) || statSync(session.pipedata).size === 0) {
    ctx.log.warn(`perf wrote no data to "${session.pipedata}"`);
    return details;
  }
  const size = (statSync(session.pipedata).size / 2 ** 20).toFixed(1);
  notes.push(`perf data: perf.pipedata (${size} MiB${session.compression ? ", zstd-compressed" : ""}, call graph ${session.unwinding}${session.events ? `, events ${session.events}` : ""})`);
  const script = await runPerfScript(ctx, perf, session.pipedata);
  if (outcome.integration && outcome.timestamps) {
    writeFileSync(join(ctx.profileFolder, "perf.metadata"), perfMetadataJson(outcome.integration, outcome.timestamps, script.mmaps));
  } else {
    ctx.log.warn("Perf is enabled, but failed to detect benchmarks. If you wish to disable this warning, set CODSPEED_PERF_ENABLED=false");
  }
  const windows = benchmarkWindows(timeline(ctx));
  const folded = foldByWindow(script.samples, windows);
  const dir = join(ctx.profileFolder, "folded");
  mkdirSync(dir, { recursive: true });
  windows.forEach((w, i) => {
    const counts = folded[i]!;
    const file = join("folded", slug(w.uri, i));
    writeFileSync(join(ctx.profileFolder, file), foldedText(counts));
    const samples = [...counts.values()].reduce((a, b) => a + b, 0);
    const prev = details.get(w.uri);
    details.set(w.uri, prev && prev.samples >= samples ? prev : { folded: file, samples });
  });
  return details;
}
