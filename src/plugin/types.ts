/**
 * The instrument plugin interface: one shape for the built-in instruments (`plugins/<name>/`) and for
 * plugins users write in a `.ts` file. Plugins never import pacer internals: everything they need
 * arrives through {@link PluginContext}.
 *
 * @module
 */
import type * as valibot from "valibot";
import type { SystemInfo } from "../system/info.ts";

/** The measurement modes pacer knows. User plugins may add their own mode names. */
export type BuiltinMode = "simulation" | "walltime" | "memory";

/** Status of one probed capability. */
export interface Feature {
  /** Whether pacer will use it in this run. */
  enabled: boolean;
  /** Why it is off (or a short note on what was found). */
  reason?: string;
  /** What was detected, e.g. a version or a path. */
  value?: string | number | boolean;
}

/**
 * What `probe()` found. A probe never throws and never changes the system.
 * - `supported`: everything the plugin can use is there.
 * - `degraded`: it works, with some features off (each says why in `features`).
 * - `unsupported`: it cannot run here; `reasons` say why and `hint` says what to do.
 */
export interface ProbeResult {
  status: "supported" | "degraded" | "unsupported";
  features: Record<string, Feature>;
  reasons: string[];
  hint?: string;
  /** Whether `setup()` has something to do (e.g. a tool to install, a sysctl to change). */
  needsSetup?: boolean;
}

/** A command as an argv vector, with the environment and working directory it runs with. */
export interface Command {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/** Walltime loop options of `pacer exec` and `benchmarks:` targets, all in nanoseconds or rounds. */
export interface WalltimeOptions {
  warmupTimeNs?: number;
  maxTimeNs?: number;
  minTimeNs?: number;
  maxRounds?: number;
  minRounds?: number;
}

/** One command measured by `pacer exec` (or a `benchmarks:` target of the config). */
export interface ExecTarget {
  name: string;
  /** `exec_harness::<name>`, as the CodSpeed runner names exec benchmarks. */
  uri: string;
  argv: string[];
  walltime: WalltimeOptions;
}

/**
 * What is being run.
 * - `integration`: `pacer run -- <cmd>`; `command` is a shell string run by bash, the benchmark uses a
 *   CodSpeed integration.
 * - `exec`: `pacer exec -- <cmd>` or config targets; pacer's own harness measures `targets`.
 */
export type RunPlan =
  | { kind: "integration"; command: string }
  | { kind: "exec"; targets: ExecTarget[] };

/** Answer to the integration's `GetIntegrationMode`; `none` means pacer opens no FIFOs for this mode. */
export type IntegrationMode = "perf" | "analysis" | "none";

/** A benchmark lifecycle event from an integration (FIFO protocol), passed to `onBenchmark`. */
export type BenchmarkEvent =
  | { type: "start"; timestampNs: bigint }
  | { type: "stop"; timestampNs: bigint }
  | { type: "ping"; timestampNs: bigint }
  | { type: "executed"; pid: number; uri: string; timestampNs: bigint }
  | { type: "integration"; name: string; version: string }
  | { type: "marker"; pid: number; marker: MarkerType; timestampNs: bigint };

export type MarkerType = "SampleStart" | "SampleEnd" | "BenchmarkStart" | "BenchmarkEnd";

/** `ExecutionTimestamps` as recorded by the FIFO server (CLOCK_MONOTONIC nanoseconds). */
export interface ExecutionTimestamps {
  uriByTs: Array<[bigint, string]>;
  markers: Array<{ type: MarkerType; timestampNs: bigint }>;
}

/** What the run of the (wrapped) command produced, handed to `collect()`. */
export interface RunOutcome {
  exitCode: number | null;
  signal: string | null;
  wallTimeMs: number;
  /** Only when pacer served the FIFO protocol for this mode. */
  timestamps?: ExecutionTimestamps;
  integration?: { name: string; version: string };
  /** Pids that reported a benchmark through `CurrentBenchmark`. */
  benchmarkPids: number[];
}

/** The units a column may have: the host refuses any other (see `measurement-schema.ts`). */
export const UNITS = ["seconds", "bytes", "count", "percent", "text"] as const;

/** How a metric column is shown. */
export type Unit = (typeof UNITS)[number];

/** One column of an instrument's results table. */
export interface Column {
  key: string;
  label: string;
  unit: Unit;
  /** Fraction digits for `seconds` and `percent` (default 2). */
  digits?: number;
}

/** One benchmark's results from one instrument. */
export interface BenchmarkResult {
  name: string;
  uri: string;
  /** Values keyed by {@link Column.key} plus any extra raw counters (shown with `--json`). */
  metrics: Record<string, number | string | null>;
  /** Anything else worth keeping (per-function costs, folded stacks path…); saved with the run. */
  detail?: Record<string, unknown>;
}

/** The results of one instrument: printed as a table titled `<title> Instrument`. */
export interface Measurement {
  /** The instrument kind (`simulation`, `walltime`, `memory`, or a user plugin's name). */
  instrument: string;
  /** Table title without the word "Instrument", e.g. `CPU Simulation`. */
  title: string;
  columns: Column[];
  benchmarks: BenchmarkResult[];
  /** Notes printed under the table (formula used, caveats). */
  notes?: string[];
}

/** A tagged logger; every line goes to the console (by level) and to `runner.log`. */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Result of {@link PluginContext.exec}: never throws for a non-zero exit. */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (e.g. not found). */
  spawnError?: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Kill the process after this many milliseconds (default 60 000). */
  timeoutMs?: number;
  stdin?: string;
}

/** Libraries a user plugin cannot import from disk, handed over by the host. */
export interface PluginLibs {
  valibot: typeof valibot;
  zstd: {
    compress(data: Uint8Array, level?: number): Uint8Array;
    decompress(data: Uint8Array): Uint8Array;
  };
  msgpack: {
    encode(value: unknown): Uint8Array;
    /**
     * Decodes every back-to-back MessagePack value of the buffer. On a truncated or malformed buffer
     * it throws an error whose `values` property holds the values decoded before the bad part.
     */
    decodeAll(data: Uint8Array): unknown[];
  };
}

/** Run-wide switches from the CLI and config. */
export interface RunFlags {
  skipSetup: boolean;
  allowEmpty: boolean;
  /** `CODSPEED_PERF_ENABLED` / `--enable-perf` (walltime profiling). */
  perfEnabled: boolean;
  /** `--perf-unwinding-mode` / `CODSPEED_PERF_UNWINDING_MODE`. */
  perfUnwindingMode?: "fp" | "dwarf";
}

/**
 * Everything a plugin gets from the host. One context per plugin per run.
 *
 * @example
 * ```ts
 * async probe(ctx) {
 *   const r = await ctx.exec(["valgrind", "--version"]);
 *   ctx.log.debug(`valgrind said ${r.stdout.trim()}`);
 *   return { status: r.code === 0 ? "supported" : "unsupported", features: {}, reasons: [] };
 * }
 * ```
 */
export interface PluginContext<O = unknown> {
  /** The plugin's options, validated against its `options` schema. */
  readonly options: O;
  readonly system: SystemInfo;
  readonly log: Logger;
  readonly meta: { runnerVersion: string; pluginName: string };
  /** The selected mode of this run (`walltime`…); `doctor` and `setup` use the plugin's own mode. */
  readonly mode: string;
  /** Absolute profile folder; exists before any hook runs. */
  readonly profileFolder: string;
  /** A private temp folder for this plugin, removed after teardown. */
  readonly tempDir: string;
  readonly plan: RunPlan;
  readonly flags: RunFlags;
  /** Absolute path of pacer's own executable invocation (argv prefix) for re-invoking helpers. */
  readonly selfCommand: string[];
  readonly libs: PluginLibs;
  /** Runs a program to completion, capturing its output. */
  exec(argv: string[], opts?: ExecOptions): Promise<ExecResult>;
  /**
   * CLOCK_MONOTONIC in nanoseconds: the clock of integration timestamps, perf samples and eBPF
   * events (Bun's `process.hrtime` counts from process start instead).
   */
  monotonicNs(): bigint;
  /** Probe result of this plugin in this run (undefined inside `probe`). */
  readonly probed?: ProbeResult;
  /** Shared, per-plugin scratch space that lives for the run (e.g. a perf control channel). */
  readonly state: Map<string, unknown>;
}

/**
 * An instrument plugin. Hooks run in this order, each wrapped so an error or hang names the plugin
 * and the hook: `probe` (parallel) → `setup` (sequential, skipped with `--skip-setup`) → `wrap`
 * (reduce: each plugin wraps the previous command) → `onBenchmark` (as integration events arrive) →
 * `collect` (parallel) → `teardown` (reverse order, always).
 *
 * @example
 * ```ts
 * import type { InstrumentPlugin } from "pacer";
 * export default {
 *   name: "hello",
 *   apiVersion: 1,
 *   probe: () => ({ status: "supported", features: {}, reasons: [] }),
 *   wrap: (cmd) => ({ ...cmd, argv: ["time", ...cmd.argv] }),
 * } satisfies InstrumentPlugin;
 * ```
 */
export interface InstrumentPlugin<O = unknown> {
  /** Kebab-case name, used in logs, errors, option keys of the config and `--plugin` output. */
  name: string;
  /** The plugin API version this plugin was written for. Only `1` exists. */
  apiVersion: 1;
  version?: string;
  /** The mode this plugin measures (`--mode <mode>` selects it). Plugins without a mode join every run. */
  mode?: string;
  /** Answer to the integration's `GetIntegrationMode`; `none` (default) opens no FIFOs. */
  integrationMode?: IntegrationMode | ((ctx: PluginContext<O>) => IntegrationMode);
  /** Order among plugins for `wrap`: `pre` wraps first (innermost), `post` last (outermost). */
  enforce?: "pre" | "post";
  /** Options schema, built with the valibot the host passes in. */
  options?: (v: typeof valibot) => valibot.GenericSchema<unknown, O>;
  /** Checks the machine without changing it. Must not throw. */
  probe(ctx: PluginContext<O>): ProbeResult | Promise<ProbeResult>;
  /** Changes the system (installs, sysctls) only when a fresh check says it must. */
  setup?(ctx: PluginContext<O>, probed: ProbeResult): void | Promise<void>;
  /** Returns the command wrapped by this instrument (e.g. `perf record … -- <cmd>`). */
  wrap?(cmd: Command, ctx: PluginContext<O>): Command | Promise<Command>;
  /**
   * Reacts to an integration event before the integration gets its answer; must finish well under
   * 1 s (the client gives up after 1 s). Return `"err"` to answer the client with `Err`.
   */
  onBenchmark?(event: BenchmarkEvent, ctx: PluginContext<O>): void | "err" | Promise<void | "err">;
  /** Reads what the run produced. */
  collect?(ctx: PluginContext<O>, outcome: RunOutcome): Measurement | undefined | Promise<Measurement | undefined>;
  /** Releases what `setup`/`wrap` acquired; always runs, in reverse order. */
  teardown?(ctx: PluginContext<O>): void | Promise<void>;
}

/** A plugin, or a (possibly async) factory of one. */
export type Resolvable<T> = T | (() => T | Promise<T>);

/** Hook names and how the driver combines them; the compiler rejects a hook added without a kind. */
export const HOOK_KINDS = {
  probe: "parallel",
  setup: "sequential",
  wrap: "reduce",
  onBenchmark: "sequential",
  collect: "parallel",
  teardown: "reverse",
} as const satisfies Record<
  Exclude<keyof InstrumentPlugin, "name" | "apiVersion" | "version" | "mode" | "integrationMode" | "enforce" | "options">,
  "parallel" | "sequential" | "reduce" | "reverse"
>;

export type HookName = keyof typeof HOOK_KINDS;
