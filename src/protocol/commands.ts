/**
 * The commands of the CodSpeed runner FIFO protocol (`runner-shared/src/fifo.rs`), as a discriminated
 * union. The wire index of each variant is its position in {@link COMMAND_KINDS}.
 *
 * @module
 */
import type { MarkerType } from "../plugin/types.ts";

/** Protocol version pacer speaks (v2 adds `GetIntegrationMode`). */
export const CURRENT_PROTOCOL_VERSION = 2n;
/** Oldest client protocol version the server accepts. */
export const MINIMAL_SUPPORTED_PROTOCOL_VERSION = 1n;

/** Variant names in wire order: the index is the bincode `u32` tag. */
export const COMMAND_KINDS = [
  "CurrentBenchmark",
  "StartBenchmark",
  "StopBenchmark",
  "Ack",
  "PingPerf",
  "SetIntegration",
  "Err",
  "AddMarker",
  "SetVersion",
  "GetIntegrationMode",
  "IntegrationModeResponse",
] as const;

/** Marker types in wire order (`u32` tag). */
export const MARKER_TYPES = ["SampleStart", "SampleEnd", "BenchmarkStart", "BenchmarkEnd"] as const satisfies readonly MarkerType[];

/** `IntegrationMode` values in wire order (`u32` tag): the runner's answer to `GetIntegrationMode`. */
export const WIRE_INTEGRATION_MODES = ["perf", "simulation", "analysis"] as const;
export type WireIntegrationMode = (typeof WIRE_INTEGRATION_MODES)[number];

/** Whether a runner's answer means "run each benchmark once between Start/Stop" (no timed rounds). */
export const isAnalysisWire = (m: WireIntegrationMode | undefined): boolean => m === "analysis" || m === "simulation";

/** `instrument` of the walltime results JSON (`results/<pid>.json`) integrations and the harness write. */
export const WALLTIME_RESULTS_INSTRUMENT = { type: "walltime" } as const;

/**
 * One FIFO protocol message. Named `FifoCommand` so it does not clash with the plugin `Command` (argv).
 *
 * @example
 * ```ts
 * const cmd: FifoCommand = { kind: "CurrentBenchmark", pid: 42, uri: "bench.mjs::fib" };
 * ```
 */
export type FifoCommand =
  | { kind: "CurrentBenchmark"; pid: number; uri: string }
  | { kind: "StartBenchmark" }
  | { kind: "StopBenchmark" }
  | { kind: "Ack" }
  | { kind: "PingPerf" }
  | { kind: "SetIntegration"; name: string; version: string }
  | { kind: "Err" }
  | { kind: "AddMarker"; pid: number; marker: MarkerType; timestampNs: bigint }
  | { kind: "SetVersion"; version: bigint }
  | { kind: "GetIntegrationMode" }
  | { kind: "IntegrationModeResponse"; mode: WireIntegrationMode };

export type FifoCommandKind = FifoCommand["kind"];

/** Short, log-friendly rendering of a command (no unbounded strings). */
export function describeCommand(cmd: FifoCommand): string {
  switch (cmd.kind) {
    case "CurrentBenchmark":
      return `CurrentBenchmark(pid ${cmd.pid}, "${cmd.uri.slice(0, 200)}")`;
    case "SetIntegration":
      return `SetIntegration("${cmd.name.slice(0, 100)}", "${cmd.version.slice(0, 100)}")`;
    case "AddMarker":
      return `AddMarker(pid ${cmd.pid}, ${cmd.marker} ${cmd.timestampNs})`;
    case "SetVersion":
      return `SetVersion(${cmd.version})`;
    case "IntegrationModeResponse":
      return `IntegrationModeResponse(${cmd.mode})`;
    default:
      return cmd.kind;
  }
}
