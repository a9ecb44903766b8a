/**
 * The `memory` instrument: allocations per benchmark (peak, total allocated, count), recorded by an
 * LD_PRELOAD library for dynamically linked programs and by bpftrace uprobes for statically linked
 * ones, written as CodSpeed `MemtrackArtifact` files. See README.md for the accounting rules.
 *
 * @module
 */
import { definePlugin, type BenchmarkEvent, type PluginContext } from "../../src/index.ts";
import { protocolV1Message } from "./protocol-v1.ts";
import { memoryMode } from "./mode.ts";
import { newMemoryState, releaseState, setTracking, type MemoryRunState } from "./state.ts";
import type { MemoryOptions } from "./wrap.ts";
import { needsLinux } from "../../src/system/linux-only.ts";

const DEFAULT_CAPACITY = 2 ** 28; // 8 GiB of sparse file: only its ring is mapped, and ext4 with 1 KiB blocks still holds it

function onBenchmark(event: BenchmarkEvent, ctx: PluginContext<MemoryOptions>, state: MemoryRunState | undefined): void | "err" {
  switch (event.type) {
    case "start": {
      // The window opens (at the command's receipt, CLOCK_MONOTONIC like the recorders' stamps)
      // before recording starts, so every recorded event of the benchmark falls inside it. Bun's
      // process.hrtime is another clock: the event's timestamp is used instead.
      if (!state) return;
      if (!state.windows.start(event.timestampNs)) {
        ctx.log.warn("Received duplicate StartBenchmark command, ignoring");
        return;
      }
      setTracking(state, true);
      return;
    }
    case "stop":
      if (!state) return;
      setTracking(state, false);
      if (!state.windows.stop(event.timestampNs)) ctx.log.warn("Received StopBenchmark command before StartBenchmark, ignoring");
      return;
    case "executed":
      state?.windows.executed(event.pid, event.uri);
      return;
    case "integration":
      // Unlike the CodSpeed runner, every integration is accepted (codspeed-node included).
      ctx.log.debug(`Integration ${event.name} ${event.version}`);
      if (state) state.integration = { name: event.name, version: event.version };
      return;
    case "ping":
      // As the reference: v1 integrations are not instrumented in memory mode. Said at once (the
      // benchmarks then run uninstrumented), and again by collect.
      if (state && state.v1Pings++ === 0) ctx.log.warn(protocolV1Message(state.integration));
      return "err";
    default:
      return;
  }
}

export default definePlugin<MemoryOptions, MemoryRunState>({
  name: "memory",
  apiVersion: 1,
  mode: memoryMode,
  options: (v) =>
    v.object({
      capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Events each process can record before the rest are lost (and reported)")), DEFAULT_CAPACITY),
      perfBufferPages: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.description("Perf buffer pages per CPU of the eBPF tracker")), 4096),
    }),
  async probe(ctx) {
    // The preload library is a Linux ELF file and bpftrace is Linux's: nothing to probe elsewhere.
    const notLinux = needsLinux("The memory instrument (LD_PRELOAD library, bpftrace)");
    if (notLinux) return { status: "unsupported", features: {}, reasons: [notLinux], hint: "Use --mode walltime on this system" };
    try {
      // Hook code (the probe, the trackers, the event readers) is loaded when the hook runs.
      const { decideProbe, gatherFacts } = await import("./probe.ts");
      return decideProbe(await gatherFacts(ctx as PluginContext<unknown>));
    } catch (err) {
      return { status: "unsupported", features: {}, reasons: [`Memory probe failed: ${err instanceof Error ? err.message : String(err)}`] };
    }
  },
  async setup(ctx, probed) {
    if (probed.needsSetup) await (await import("./setup.ts")).setupMemory(ctx as PluginContext<unknown>);
  },
  start: newMemoryState,
  wrap: async (cmd, ctx, state) => (await import("./wrap.ts")).wrapMemory(cmd, ctx, state),
  onBenchmark,
  collect: async (ctx, outcome, state) => (await import("./collect.ts")).collectMemory(ctx as PluginContext<unknown>, outcome, state),
  teardown: (_ctx, state) => releaseState(state),
});
