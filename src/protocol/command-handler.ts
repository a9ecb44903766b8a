/**
 * What the runner does with each FIFO command (codspeed-runner.md §4.2), apart from any I/O: it
 * records timestamps, calls the plugins' `onEvent`, and returns the one reply the client waits for.
 *
 * @module
 */
import { PacerError, errorMessage } from "../errors.ts";
import type { BenchmarkEvent, ExecutionTimestamps, Logger } from "../plugin/types.ts";
import { createRepeatWarnings } from "./repeat-warnings.ts";
import {
  CURRENT_PROTOCOL_VERSION,
  MINIMAL_SUPPORTED_PROTOCOL_VERSION,
  describeCommand,
  type FifoCommand,
} from "./commands.ts";

export type EventHook = (e: BenchmarkEvent) => void | "err" | Promise<void | "err">;

export interface CommandHandlerOptions {
  /** Answer to `GetIntegrationMode`. */
  mode: "perf" | "analysis";
  onEvent?: EventHook;
  onFatal?: (err: PacerError) => void;
  log: Logger;
  /** `CLOCK_MONOTONIC` ns at receipt. */
  now: () => bigint;
  /**
   * A `PingPerf` within this many ms of the last answered one gets the same answer without asking
   * the plugins again (default 100): a client pinging in a loop cannot queue one perf round-trip
   * per frame.
   */
  pingReuseMs?: number;
}

export interface CommandHandler {
  handle(cmd: FifoCommand): Promise<FifoCommand>;
  /**
   * From now on, commands only update the recorded state: no plugin is asked (the benchmark was
   * interrupted, or its last commands are drained after it exited).
   */
  detachHooks(): void;
  /** Logs the count of each warning that was repeated. */
  summarizeWarnings(): void;
  timestamps(): ExecutionTimestamps;
  integration(): { name: string; version: string } | undefined;
  benchmarkPids(): number[];
}

const ACK: FifoCommand = { kind: "Ack" };
const ERR: FifoCommand = { kind: "Err" };

/**
 * Creates the state machine of one FIFO server. `handle` must be called one command at a time, in
 * arrival order: replies are matched to requests only by order.
 *
 * @example
 * ```ts
 * const h = createCommandHandler({ mode: "perf", log, now: monotonicNs });
 * await h.handle({ kind: "GetIntegrationMode" }); // { kind: "IntegrationModeResponse", mode: "perf" }
 * ```
 */
export function createCommandHandler(opts: CommandHandlerOptions): CommandHandler {
  const { log, now } = opts;
  const ts: ExecutionTimestamps = { uriByTs: [], markers: [] };
  const pids = new Set<number>();
  let integration: { name: string; version: string } | undefined;
  let windowOpen = false;
  let hooks = true;
  const repeats = createRepeatWarnings(log);
  const pingReuseMs = opts.pingReuseMs ?? 100;
  let lastPing: { at: number; reply: FifoCommand } | undefined;

  // A plugin that throws must not leave the client without its reply.
  const emit = async (e: BenchmarkEvent): Promise<void | "err"> => {
    if (!opts.onEvent || !hooks) return;
    try {
      return await opts.onEvent(e);
    } catch (err) {
      log.error(`Handling the ${e.type} event failed: ${errorMessage(err)}`);
      return "err";
    }
  };
  const replyOf = (r: void | "err"): FifoCommand => (r === "err" ? ERR : ACK);

  async function handle(cmd: FifoCommand): Promise<FifoCommand> {
    const t = now();
    switch (cmd.kind) {
      case "SetVersion":
        return setVersion(cmd.version);
      case "GetIntegrationMode":
        return { kind: "IntegrationModeResponse", mode: opts.mode };
      case "SetIntegration":
        integration = { name: cmd.name, version: cmd.version };
        return replyOf(await emit({ type: "integration", name: cmd.name, version: cmd.version }));
      case "StartBenchmark": {
        // The instrument is already on: asking it again would cost a round-trip per repeated frame.
        if (windowOpen) {
          repeats.warn("start", "Received duplicate StartBenchmark command, ignoring");
          return ACK;
        }
        const r = await emit({ type: "start", timestampNs: t });
        // The window opens once the instrument is on, so it is taken after the hook.
        ts.markers.push({ type: "SampleStart", timestampNs: now() });
        windowOpen = true;
        return replyOf(r);
      }
      case "StopBenchmark": {
        if (!windowOpen) {
          repeats.warn("stop", "Received StopBenchmark command before StartBenchmark, ignoring");
          return ACK;
        }
        // …and closes before it is turned off: the receipt time.
        ts.markers.push({ type: "SampleEnd", timestampNs: t });
        windowOpen = false;
        return replyOf(await emit({ type: "stop", timestampNs: t }));
      }
      case "CurrentBenchmark":
        ts.uriByTs.push([t, cmd.uri]);
        pids.add(cmd.pid);
        return replyOf(await emit({ type: "executed", pid: cmd.pid, uri: cmd.uri, timestampNs: t }));
      case "AddMarker":
        ts.markers.push({ type: cmd.marker, timestampNs: cmd.timestampNs });
        return replyOf(await emit({ type: "marker", pid: cmd.pid, marker: cmd.marker, timestampNs: cmd.timestampNs }));
      case "PingPerf": {
        if (lastPing && performance.now() - lastPing.at < pingReuseMs) return lastPing.reply;
        const reply = replyOf(await emit({ type: "ping", timestampNs: t }));
        lastPing = { at: performance.now(), reply };
        return reply;
      }
      default:
        repeats.warn(`unhandled ${cmd.kind}`, `Unhandled FIFO command: ${describeCommand(cmd)}`);
        return ERR;
    }
  }

  function setVersion(v: bigint): FifoCommand {
    if (v >= MINIMAL_SUPPORTED_PROTOCOL_VERSION && v <= CURRENT_PROTOCOL_VERSION) return ACK;
    const err =
      v < MINIMAL_SUPPORTED_PROTOCOL_VERSION
        ? new PacerError("E_PROTOCOL", `The integration uses FIFO protocol version ${v}, older than the minimal supported version ${MINIMAL_SUPPORTED_PROTOCOL_VERSION}`, {
            hint: "Update the CodSpeed integration of the benchmark",
          })
        : new PacerError("E_PROTOCOL", `The integration uses FIFO protocol version ${v}, newer than pacer's version ${CURRENT_PROTOCOL_VERSION}`, {
            hint: "Update pacer to the latest version",
          });
    log.error(err.message);
    opts.onFatal?.(err);
    // Err makes the CodSpeed client exit 1 at once instead of waiting out its timeout.
    return ERR;
  }

  return {
    handle,
    detachHooks: () => {
      hooks = false;
    },
    summarizeWarnings: () => repeats.summarize(),
    timestamps: () => ({ uriByTs: [...ts.uriByTs], markers: [...ts.markers] }),
    integration: () => integration,
    benchmarkPids: () => [...pids],
  };
}
