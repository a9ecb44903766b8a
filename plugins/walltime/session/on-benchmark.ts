/**
 * `onBenchmark()`: turns the integration's StartBenchmark/StopBenchmark/PingPerf into perf
 * `enable`/`disable`/`ping` before the integration is acked (reference §3.3), and keeps the
 * timeline that later splits perf samples per benchmark.
 *
 * @module
 */
import type { BenchmarkEvent, PluginContext } from "../../../src/index.ts";
import type { PerfCommand } from "../perf/perf-control.ts";
import type { WalltimeState } from "./state.ts";

const PERF_COMMANDS: Partial<Record<BenchmarkEvent["type"], PerfCommand>> = { start: "enable", stop: "disable", ping: "ping" };

/**
 * The event's CLOCK_MONOTONIC stamp moved by the time spent here. Bun's `process.hrtime` is not
 * CLOCK_MONOTONIC, so the host's receipt stamp is the only clock reading that matches perf's.
 */
/**
 * Once perf missed a deadline, later commands wait this long only: a perf that exited would
 * otherwise cost the full deadline on every Start/Stop, and one that recovers still acks in time.
 */
const UNRESPONSIVE_WAIT_MS = 25;

const after = (stampNs: bigint, sinceMs: number): bigint => stampNs + BigInt(Math.ceil((performance.now() - sinceMs) * 1e6));

export async function onBenchmark(event: BenchmarkEvent, ctx: PluginContext<unknown>, state: WalltimeState): Promise<void | "err"> {
  const events = state.timeline;
  if (event.type === "executed") {
    events.push({ kind: "executed", ns: event.timestampNs, uri: event.uri, pid: event.pid });
    return;
  }
  // The window spans from before `enable` to after `disable` is acked, so it holds every sample.
  if (event.type === "start") events.push({ kind: "start", ns: event.timestampNs });
  const cmd = PERF_COMMANDS[event.type];
  const session = state.perf;
  const began = performance.now();
  let reply: void | "err" = undefined;
  if (cmd && session) {
    try {
      await session.control.send(cmd, session.unresponsive ? UNRESPONSIVE_WAIT_MS : undefined);
      if (session.unresponsive) ctx.log.info(`perf answers again ("${cmd}" acked)`);
      session.unresponsive = undefined;
      ctx.log.debug(`perf ${cmd} acked in ${(performance.now() - began).toFixed(1)} ms`);
    } catch (err) {
      // Warn once: a perf that exited keeps timing out, and each event would repeat the same line.
      if (!session.unresponsive) {
        ctx.log.warn(`Cannot ${cmd} perf: ${(err as Error).message}`);
        // The probe said the control FIFO works: the next run checks again.
        ctx.probeFailed("control_fifo", (err as Error).message);
      }
      session.unresponsive = (err as Error).message;
      reply = "err";
    }
  }
  if (event.type === "stop") events.push({ kind: "stop", ns: after(event.timestampNs, began) });
  return reply;
}
