/**
 * The instrument plugin interface: one shape for the built-in instruments (`plugins/<name>/`) and for
 * plugins users write in a `.ts` file. Plugins never import pacer internals: everything they need
 * arrives through {@link PluginContext}.
 *
 * @module
 */
import type * as valibot from "valibot";
import type { ErrorCode, PacerError } from "../errors.ts";
import type { SystemInfo } from "../system/info.ts";

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
  /**
   * A warmup of this many rounds instead of a warmup time (hyperfine's `--warmup N`); 0 disables
   * the warmup. Not set together with `warmupTimeNs`.
   */
  warmupRounds?: number;
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
  /** The shell prefix (`["sh", "-c"]`) when `argv` runs a shell string: its own cost is measured and subtracted. */
  shell?: string[];
  /** Run before / after each round of this target, not timed (`--prepare`, `--conclude`). */
  prepare?: string[];
  conclude?: string[];
  /** The parameter values this target was expanded with (`--parameter-scan`, `--parameter-list`). */
  parameters?: Record<string, string>;
  /**
   * A round that exits non-zero is measured and its exit code recorded, not an error
   * (hyperfine's `--ignore-failure`). `prepare` and `conclude` must still succeed.
   */
  ignoreFailure?: boolean;
}

/**
 * What is being run.
 * - `integration`: `pacer run -- <cmd>`; `command` is a shell string run by bash, the benchmark uses a
 *   CodSpeed integration.
 * - `exec`: `pacer exec -- <cmd>` or config targets; pacer's own harness measures `targets`.
 */
export type RunPlan =
  | { kind: "integration"; command: string }
  | { kind: "exec"; targets: ExecTarget[]; /** Several targets of one `pacer exec` call: rounds interleaved, compared to the first. */ interleave?: boolean };

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
  /**
   * How tables, compare and exports read this measurement: set by the host from the mode's
   * {@link ModeSpec} (a plugin does not fill it), saved with the run so a later `compare` or
   * `export` needs no plugin.
   */
  rules?: MeasurementRules;
  /**
   * The live `collect` left profile work for later ({@link RunFlags.deferProfile}): the benchmarks'
   * profile details (flame-graph files) come from the offline collect the host runs on demand.
   */
  profilePending?: boolean;
}

/** The part of a {@link ModeSpec} saved with each measurement of its mode. */
export interface MeasurementRules {
  mode: string;
  headline?: Headline;
  flameUnit?: string;
  metrics: Record<string, MetricRule>;
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
  /**
   * Nothing in this run reads the profile's derived files (it uploads nothing): a live `collect`
   * may leave the work only flame graphs and uploads need (walltime: unwinding the perf samples,
   * native symbols) for later, and say so with {@link Measurement.profilePending}. When a report or
   * an upload first needs the profile, the host collects the folder again offline; that collect
   * must do the work left and write its files, so the folder then holds what an eager run leaves.
   *
   * @example
   * ```ts
   * async collect(ctx, outcome, state) {
   *   const results = readResults(ctx.profileFolder);
   *   if (state && ctx.flags.deferProfile) {
   *     markPending(ctx.profileFolder); // read back by the offline collect below
   *     return { ...table(results), profilePending: true };
   *   }
   *   return { ...table(results), ...(await profileOf(ctx.profileFolder)) };
   * }
   * ```
   */
  deferProfile?: boolean;
}

/**
 * Everything a plugin gets from the host. One context per plugin per run.
 *
 * @example
 * ```ts
 * async probe(ctx) {
 *   const r = await ctx.exec(["perf", "--version"]);
 *   ctx.log.debug(`perf said ${r.stdout.trim()}`);
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
  /**
   * A private temp folder for this plugin (0700), removed after teardown; if pacer is killed, the
   * next pacer that makes a temp folder removes it (its owner lock is free).
   */
  readonly tempDir: string;
  readonly plan: RunPlan;
  readonly flags: RunFlags;
  /** Absolute path of pacer's own executable invocation (argv prefix) for re-invoking helpers. */
  readonly selfCommand: string[];
  readonly libs: PluginLibs;
  /** Helpers shared by built-ins and user plugins (quoting, lines, ELF, spawn, errors). */
  readonly toolkit: Toolkit;
  /** Runs a program to completion, capturing its output. */
  exec(argv: string[], opts?: ExecOptions): Promise<ExecResult>;
  /**
   * CLOCK_MONOTONIC in nanoseconds: the clock of integration timestamps, perf samples and eBPF
   * events (Bun's `process.hrtime` counts from process start instead).
   */
  monotonicNs(): bigint;
  /** Probe result of this plugin in this run (undefined inside `probe`). */
  readonly probed?: ProbeResult;
  /**
   * Says that `feature`, which the probe found working, failed during this run: the cached probe
   * result (see {@link InstrumentPlugin.probeKey}) is dropped, so the next run probes again.
   */
  probeFailed(feature: string, reason: string): void;
}

/**
 * The part of the context `collect` may use: no run, just a folder (plus log, libs, toolkit,
 * options, and the run-wide flags such as `allowEmpty`, which `pacer upload` passes too).
 */
export type CollectContext<O = unknown> = Pick<
  PluginContext<O>,
  "options" | "log" | "libs" | "toolkit" | "profileFolder" | "meta" | "mode" | "system" | "flags"
>;

/** How the run ended, handed to `teardown`. */
export type RunEnd = { status: "ok" } | { status: "failed" | "interrupted"; error: unknown };

/** What {@link Toolkit.readElf} tells about an executable or library. */
export interface ElfInfo {
  class: 32 | 64;
  littleEndian: boolean;
  machine: number;
  /** `static-pie`: PT_DYNAMIC (self-relocating) but no PT_INTERP. */
  linkage: "dynamic" | "static" | "static-pie";
  /** No PT_INTERP: the kernel starts it directly, so no LD_PRELOAD library reaches it. */
  static: boolean;
  /** Section headers (64-bit little-endian files only). */
  sections: Array<{ name: string; type: number; addr: bigint; offset: number; size: number; link: number; entsize: number }>;
  /** Defined symbols sized as perf does (read on each call; empty for other than 64-bit little-endian). */
  symbols(): Array<{ name: string; addr: bigint; size: bigint }>;
  /** Names of the functions the file defines (`.symtab`, else `.dynsym`). */
  functions(): Set<string>;
}

export interface SpawnOptions {
  cwd?: string;
  /** The whole environment (default: pacer's own). */
  env?: Record<string, string>;
  /** Bytes written to the program's stdin (default: none, stdin is closed). */
  stdin?: string | Uint8Array;
  /** SIGKILL the program after this many milliseconds (default: never); `exited` then rejects with an E_RUN error. */
  timeoutMs?: number;
}

/** A process started by {@link Toolkit.spawn}, with its output as streams. */
export interface Spawned {
  pid: number;
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  exited: Promise<{ code: number | null; signal: string | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/** Helpers for plugin authors, the same code the built-ins use (src/toolkit/). */
/** A file read by {@link Toolkit.readOwnedFile}: its bytes, or why it was refused. */
export type OwnedRead = { ok: true; data: Uint8Array } | { ok: false; why: string };

export interface Toolkit {
  /** Joins an argv into a bash command line (the bundled `shlex`). */
  shellQuote(argv: string[]): string;
  /** Splits a command line into words; throws an E_USAGE error on an unclosed quote. */
  shellSplit(s: string): string[];
  /** The lines of a byte stream, one partial line held at a time. */
  lines(stream: AsyncIterable<Uint8Array | string>): AsyncIterable<string>;
  /** The same through a callback: faster for outputs of millions of lines. */
  forEachLine(stream: AsyncIterable<Uint8Array | string>, onLine: (line: string) => void): Promise<void>;
  /** One ELF reader: class, machine, linkage (the PT_INTERP check), symbols on demand. */
  readElf(path: string): ElfInfo | undefined;
  /** Starts a program with its output as streams. */
  spawn(argv: string[], opts?: SpawnOptions): Spawned;
  logLevel(): "debug" | "info" | "warn" | "error";
  /** A typed error: the host prints its message and hint, and exits by its code. */
  error(code: ErrorCode, message: string, hint?: string): PacerError;
  /** Writes `<folder>/<name>` (JSON): what the run leaves for an offline `collect`. */
  writeRunRecord(folder: string, name: string, value: object): void;
  /** Reads it back through a valibot schema; an E_RESULTS error naming the file when it is missing or invalid. */
  readRunRecord<T>(folder: string, name: string, schema: valibot.GenericSchema<unknown, T>): T;
  /**
   * `name=path:size:mtime` of each tool as found on PATH (`missing` when absent), for a
   * {@link InstrumentPlugin.probeKey}: an upgrade changes it without running the tool.
   */
  toolStamp(names: string[]): string;
  /**
   * Makes a FIFO at `path` with exactly `mode` (default 0700), without spawning `mkfifo`; throws
   * an Error saying why when it cannot (the path exists, the folder is not writable).
   *
   * @example
   * ```ts
   * ctx.toolkit.mkfifo(join(ctx.tempDir, "control.fifo"));
   * ```
   */
  mkfifo(path: string, mode?: number): void;
  /**
   * Reads a file the benchmark left in a shared place (`/tmp/perf-<pid>.map`) without trusting the
   * path: only a regular file owned by `uid` (default: the benchmark's, which is pacer's) is read,
   * opened without following a final symlink and checked on the open descriptor. Undefined when
   * there is no such file; `{ ok: false, why }` when one is there but refused (a planted link, a
   * FIFO, another user's file), so the caller can say so.
   *
   * @example
   * ```ts
   * const r = ctx.toolkit.readOwnedFile(`/tmp/perf-${pid}.map`);
   * if (r && !r.ok) ctx.log.warn(`Ignoring /tmp/perf-${pid}.map: ${r.why}`);
   * if (r?.ok) writeFileSync(join(ctx.profileFolder, `perf-${pid}.map`), r.data);
   * ```
   */
  readOwnedFile(path: string, uid?: number): OwnedRead | undefined;
  /**
   * `fs.protected_symlinks` for an instrument whose benchmark may write a fixed name in /tmp (a
   * perf map): a root run on Linux with it at 0 follows links other users plant there. Reported
   * as the feature `fs.protected_symlinks`, warned about at run start, set to 1 by setup.
   *
   * @example
   * ```ts
   * probe: async (ctx) => {
   *   const features: Record<string, Feature> = {};
   *   const links = ctx.toolkit.linkGuard.feature(ctx.system);
   *   if (links) features["fs.protected_symlinks"] = links;
   *   return { status: "supported", features, reasons: [], needsSetup: links?.enabled === false };
   * },
   * probeKey: (ctx) => ctx.toolkit.linkGuard.key(),
   * setup: (ctx) => ctx.toolkit.linkGuard.setup(ctx),
   * wrap: async (cmd, ctx) => {
   *   const warning = ctx.toolkit.linkGuard.warning(ctx.probed);
   *   if (warning) ctx.log.warn(warning);
   *   return cmd;
   * },
   * ```
   */
  readonly linkGuard: LinkGuard;
}

/** See {@link Toolkit.linkGuard}. */
export interface LinkGuard {
  /** The feature for a root run on Linux (read now, no side effects); undefined for any other run. */
  feature(system: Pick<SystemInfo, "isRoot">): Feature | undefined;
  /** `fs.protected_symlinks=<value>`, for a probe key: changing the sysctl invalidates the probe. */
  key(): string;
  /** The run-start warning when the probe found the guard off; undefined when it is on or not checked. */
  warning(probed: ProbeResult | undefined): string | undefined;
  /** Sets it to 1 when the run is root's and it is off (logs what it does; warns when it cannot). */
  setup(ctx: Pick<PluginContext, "system" | "log" | "exec">): Promise<void>;
}

/** How compare treats one metric of a mode. */
export interface MetricRule {
  /** "exact": deterministic values compared as numbers; "statistical": Welch's t-test on round stats. */
  compare: "exact" | "statistical";
  /** Which direction is an improvement. "lower" for costs (time, instructions, bytes). */
  better: "lower" | "higher";
  /** Gated by `compare --check` when the thresholds don't say otherwise. */
  gate?: boolean;
  /** Shown in compare tables by default. */
  shown?: boolean;
  /**
   * For "statistical" rules: the stored round statistics (keys of BenchmarkResult.metrics); `scale`
   * turns them into the metric's unit. `median`/`q1`/`q3` make the median the location when present.
   */
  stats?: { mean: string; stdev: string; rounds: string; median?: string; q1?: string; q3?: string; scale: number };
  /**
   * How exports name it: the Bencher measure slug, the github-action-benchmark `label` and `unit`
   * (metrics without a label are left out there), and the value scale (e.g. 1e9 for seconds → ns).
   * `throughput`: also exported as operations per second (1 / value) where bigger is better.
   */
  export?: { bencher?: string; scale?: number; label?: string; unit?: string; throughput?: boolean };
}

/** The one number every table, compare, report and export shows for a benchmark of this mode. */
export interface Headline {
  /** The metric key compare gates and reports (`<instrument>.<metric>` in the thresholds). */
  metric: string;
  /** Where the value is read from, in order (e.g. the median, falling back to the mean on old records). */
  keys: string[];
  /** Multiplies the stored value into the column's unit (ns stored, seconds shown: 1e-9). */
  scale: number;
  column: Column;
  /** A plugin column this headline replaces in tables. */
  replaces?: string;
  /**
   * A percentage column the plugin computes relative to the replaced statistic; tables show it
   * relative to the headline instead: `key` = `from` / headline × 100.
   */
  relative?: { key: string; from: string };
  /** What the number is, for documentation and the report. */
  statistic: string;
}

/** Everything the core needs to know about a mode; the core never branches on a mode name. */
export interface ModeSpec {
  /** `--mode` name. */
  name: string;
  /** Deprecated names accepted with a warning. */
  aliases?: string[];
  /** `CODSPEED_RUNNER_MODE` sent to integrations (default: name). */
  wireName?: string;
  /** Upload metadata `executor` (default: name). */
  executor?: string;
  /** Archive compression the upload uses by default for this executor (default: zstd when available). */
  archiveEncoding?: "gzip" | "zstd" | null;
  /** Added to the integration environment. */
  env?: Record<string, string>;
  /** Integration runs get the node introspection shim first on PATH. */
  nodeShim?: boolean;
  /** How `pacer exec` measures its targets: timed rounds, or one run each between Start/Stop. */
  harness: "walltime" | "analysis";
  /** Answer to the integration's GetIntegrationMode: "none" opens no FIFO. */
  integration: IntegrationMode | ((ctx: PluginContext<any>) => IntegrationMode);
  headline?: Headline;
  metrics: Record<string, MetricRule>;
  /** Where ExecutionTimestamps.msgpack goes: profile root ("root", perf-style) or "results/" (analysis). */
  timestampsDir?: "root" | "results";
  /** What the flame graphs of this mode count (e.g. "samples"). */
  flameUnit?: string;
  /** Tells a profile folder of this mode from its files (upload of a folder without pacer-run.json). */
  recognizes?(entries: { top: string[]; results: string[] }): boolean;
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
export interface InstrumentPlugin<O = unknown, S = unknown> {
  /** Kebab-case name, used in logs, errors, option keys of the config and `--plugin` output. */
  name: string;
  /** The plugin API version this plugin was written for. Only `1` exists. */
  apiVersion: 1;
  version?: string;
  /**
   * The mode this plugin measures (`--mode <name>` selects it). A bare name is a mode without FIFO,
   * timed by pacer's walltime harness under `exec`, with no compare rules. Plugins without a mode
   * join every run.
   */
  mode?: ModeSpec | string;
  /**
   * For a `mode` given as a bare name: the answer to `GetIntegrationMode` (API of before ModeSpec;
   * a ModeSpec says it in `integration`).
   */
  integrationMode?: IntegrationMode | ((ctx: PluginContext<O>) => IntegrationMode);
  /** Order among plugins for every hook: `pre` first, `post` last; teardown runs the reverse. */
  enforce?: "pre" | "post";
  /** Options schema, built with the valibot the host passes in. */
  options?: (v: typeof valibot) => valibot.GenericSchema<unknown, O>;
  /**
   * Options read from the environment (and the CLI flags that stand for it), overriding the
   * config's `instruments.<name>` section key by key. Only keys that are set are returned.
   */
  optionsFromEnv?(env: Record<string, string | undefined>): Record<string, unknown>;
  /** Checks the machine without changing it. Must not throw. */
  probe(ctx: PluginContext<O>): ProbeResult | Promise<ProbeResult>;
  /**
   * Opts the probe into the per-machine probe cache: a string naming everything the probe result
   * depends on (kernel release, tool path and version, sysctls, uid), much cheaper to compute than
   * the probe. While the key (plus pacer's and the plugin's version) is unchanged, a run reuses the
   * stored result instead of calling `probe`. The entry is dropped by `pacer setup` and by
   * `ctx.probeFailed()`; `pacer doctor` always probes fresh; `PACER_PROBE_CACHE=0` or
   * `--no-probe-cache` bypasses it. Return undefined to probe fresh this time. Must not throw.
   *
   * @example
   * ```ts
   * probeKey: (ctx) => `kernel ${ctx.system.kernel}; uid ${process.getuid?.()}`,
   * ```
   */
  probeKey?(ctx: PluginContext<O>): string | undefined | Promise<string | undefined>;
  /** Changes the system (installs, sysctls) only when a fresh check says it must. */
  setup?(ctx: PluginContext<O>, probed: ProbeResult): void | Promise<void>;
  /** Creates this run's state, once, after setup; later hooks receive it typed. */
  start?(ctx: PluginContext<O>): S | Promise<S>;
  /** Returns the command wrapped by this instrument (e.g. `perf record … -- <cmd>`). */
  wrap?(cmd: Command, ctx: PluginContext<O>, state: S): Command | Promise<Command>;
  /**
   * Reacts to an integration event before the integration gets its answer; must finish well under
   * 1 s (the client gives up after 1 s). Return `"err"` to answer the client with `Err`.
   */
  onBenchmark?(event: BenchmarkEvent, ctx: PluginContext<O>, state: S): void | "err" | Promise<void | "err">;
  /**
   * Reads what the run produced. Works from the profile folder alone: `state` is undefined when
   * the folder is read offline (`pacer upload`, `pacer analyze`, the server); everything collect
   * needs must have been written into the folder during the run.
   */
  collect?(ctx: CollectContext<O>, outcome: RunOutcome, state?: S): Measurement | undefined | Promise<Measurement | undefined>;
  /** Releases what `setup`/`start`/`wrap` acquired; always runs, in reverse order; gets how the run ended. */
  teardown?(ctx: PluginContext<O>, state: S | undefined, ended: RunEnd): void | Promise<void>;
}

/** A plugin, or a (possibly async) factory of one. */
export type Resolvable<T> = T | (() => T | Promise<T>);

