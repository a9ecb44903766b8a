/**
 * The record phase of one mode: probe → setup → start → wrap → spawn (serving the integration
 * FIFO) → collect → teardown, saving the run (history row, `pacer-run.json`) on every way out.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PacerError, errorMessage } from "../errors.ts";
import { withExecHint } from "./exec-hint.ts";
import { attachLogFile, createLogger, inGroup, stopSpinner } from "../log/logger.ts";
import { dispatchEvent, reduceWrap, runCollect, runStart, runTeardown } from "../plugin/driver.ts";
import { integrationOf } from "../plugin/modes.ts";
import type { PluginSpec } from "../plugin/load.ts";
import type { Command, ExecutionTimestamps, Measurement, ModeSpec, RunEnd, RunFlags, RunOutcome, RunPlan } from "../plugin/types.ts";
import { rulesOfMode } from "../results/mode-rules.ts";
import type { RunRecord } from "../results/run-record.ts";
import { systemInfo } from "../system/info.ts";
import { VERSION } from "../version.ts";
import { baseCommand } from "./base-command.ts";
import { nodeShimDir, removeNodePerfMaps } from "./node-shim.ts";
import { exitCodeForSignal, installSignalHandlers, interruptedBy, onExitCleanup, setInterruptHandler } from "./interrupt.ts";
import { preparePlugins, type RunPlugins } from "./plugins.ts";
import { probeAndSetup } from "./probe-and-setup.ts";
import { createProfileFolder } from "./profile-folder.ts";
import { newRunRecord } from "./record.ts";
import { selfCommand } from "./self-command.ts";
import { spawnTree } from "./spawn.ts";
import { openRunHistory, type RunHistory } from "./history-hook.ts";
import { folderFullError } from "./folder-full.ts";
import { writeRunRecord } from "./write-record.ts";
import { writeFileAtomic } from "../system/atomic-file.ts";

export interface PipelineOptions {
  mode: string;
  plan: RunPlan;
  /** Working directory of the benchmark. */
  cwd: string;
  profileFolder?: string;
  flags: RunFlags;
  userSpecs: PluginSpec[];
  instrumentOptions: Record<string, unknown>;
  /** `--json`: the benchmark's stdout goes to stderr so stdout holds only the JSON. */
  json?: boolean;
  /** Environment of env-backed plugin options (default: the process's). */
  env?: Record<string, string | undefined>;
  /** Run history settings from the config (`history:`). */
  history?: { path?: string; enabled?: boolean };
  /** False (`--no-probe-cache`): probe fresh instead of reusing this machine's cached probe results. */
  probeCache?: boolean;
}

export interface PipelineResult {
  record: RunRecord;
  measurements: Measurement[];
  profileFolder: string;
  mode: ModeSpec;
  /** Whether the local history holds the run (off, unopenable or read-only: false). */
  inHistory?: boolean;
}

const log = createLogger();

/** Runs the wrapped command, serving the FIFO protocol when the instrument asks for it. */
async function execute(plugins: RunPlugins, cmd: Command, json: boolean): Promise<RunOutcome> {
  const all = plugins.all;
  const mode = integrationOf(plugins.mode, plugins.instrument.ctx);
  let fatal: PacerError | undefined;
  let fifo: Awaited<ReturnType<typeof import("../protocol/fifo-server.ts").startFifoServer>> | undefined;
  if (mode !== "none") {
    const { startFifoServer } = await import("../protocol/fifo-server.ts");
    fifo = await startFifoServer({
      mode,
      log: createLogger("fifo"),
      onEvent: (e) => dispatchEvent(all, e, (err) => log.warn(errorMessage(err))),
      onFatal: (err) => {
        fatal = err;
        child?.killTree("SIGTERM");
      },
    });
  }
  const removeFifo = onExitCleanup(() => fifo?.removeSync());
  let child: ReturnType<typeof spawnTree> | undefined;
  const started = performance.now();
  try {
    stopSpinner();
    log.debug(`Running: ${JSON.stringify(cmd.argv)} in "${cmd.cwd}"`);
    child = spawnTree(cmd, { stdoutToStderr: json });
    const running = child;
    setInterruptHandler((sig) => {
      log.warn(`Received ${sig}: stopping the benchmark`);
      // A flood of queued commands must not keep the run alive: their answers no longer matter.
      fifo?.detachHooks();
      running.killTree("SIGTERM");
      setTimeout(() => running.killTree("SIGKILL"), 3000).unref();
    });
    const { code, signal } = await child.exited;
    const wallTimeMs = performance.now() - started;
    await fifo?.close();
    if (fatal) throw fatal;
    if (fifo) await writeTimestamps(fifo.timestamps(), plugins.mode, plugins.instrument.ctx.profileFolder);
    return {
      exitCode: code,
      signal,
      wallTimeMs,
      timestamps: fifo?.timestamps(),
      integration: fifo?.integration(),
      benchmarkPids: fifo?.benchmarkPids() ?? [],
    };
  } finally {
    setInterruptHandler(undefined);
    // close() is idempotent; on an early failure (e.g. spawn) it also stops the FIFO reader, which
    // would otherwise keep the event loop, and pacer, alive.
    await fifo?.close().catch((err: unknown) => log.debug(`Closing the FIFO server: ${errorMessage(err)}`));
    fifo?.removeSync();
    removeFifo();
  }
}

/**
 * `ExecutionTimestamps.msgpack` (reference §4.5), byte-compatible with rmp_serde: in the profile root
 * for perf-style runs, under `results/` for analysis (memory) runs, as the CodSpeed runner does.
 */
async function writeTimestamps(ts: ExecutionTimestamps, mode: ModeSpec, profileFolder: string): Promise<void> {
  const { encodeExecutionTimestamps, EXECUTION_TIMESTAMPS_FILE } = await import("../protocol/execution-timestamps.ts");
  const where = mode.timestampsDir ?? (integrationIsAnalysis(mode) ? "results" : "root");
  const dir = where === "results" ? join(profileFolder, "results") : profileFolder;
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, EXECUTION_TIMESTAMPS_FILE), encodeExecutionTimestamps(ts));
}

/** A mode without `timestampsDir`: analysis FIFOs keep them under `results/`, as the CodSpeed runner does. */
const integrationIsAnalysis = (mode: ModeSpec): boolean => mode.integration === "analysis";

function endOf(primary: unknown): RunEnd {
  if (primary === undefined) return { status: "ok" };
  const interrupted = primary instanceof PacerError && primary.code === "E_INTERRUPTED";
  return { status: interrupted ? "interrupted" : "failed", error: primary };
}

function failureOf(outcome: RunOutcome, profileFolder: string): PacerError | undefined {
  const sig = interruptedBy();
  if (sig) return new PacerError("E_INTERRUPTED", `Run interrupted by ${sig}`, { exitCode: exitCodeForSignal(sig) });
  if (outcome.exitCode === 0) return undefined;
  const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode}`;
  return new PacerError("E_RUN", `The benchmark command failed: it ${how}`, {
    hint: `Its output is above and in "${join(profileFolder, "runner.log")}"`,
  });
}

export async function recordMode(o: PipelineOptions): Promise<PipelineResult> {
  installSignalHandlers();
  const profileFolder = createProfileFolder(o.profileFolder, o.cwd);
  attachLogFile(join(profileFolder, "runner.log"));
  const system = systemInfo();
  const plugins = await preparePlugins({
    mode: o.mode,
    userSpecs: o.userSpecs,
    instrumentOptions: o.instrumentOptions,
    cwd: o.cwd,
    env: o.env,
    base: { system, mode: o.mode, profileFolder, plan: o.plan, flags: o.flags, selfCommand: selfCommand() },
  });
  for (const p of plugins.all) onExitCleanup(() => p.ctx.dispose());
  let record: RunRecord | undefined;
  let pendingRecord: Promise<RunRecord> | undefined;
  let history: RunHistory | undefined;
  let primary: unknown;
  let result: PipelineResult | undefined;
  try {
    // Git state and tool versions (~0.5 s of spawns) are read while the probe runs, and the record
    // is awaited only after start and wrap; after a setup they are read again, so that the
    // fingerprint names the tool versions setup may have just installed.
    const recordOpts = { mode: plugins.mode.name, plan: o.plan, cwd: o.cwd, profileFolder, version: VERSION };
    const early = newRunRecord(recordOpts);
    early.catch(() => {}); // awaited below unless a setup ran or the probe failed
    let setupRan = false;
    await probeAndSetup(plugins, o.flags.skipSetup, { probeCache: o.probeCache !== false, onSetup: () => (setupRan = true) });
    pendingRecord = setupRan ? newRunRecord(recordOpts) : early;
    pendingRecord.catch(() => {});
    const base = await baseCommand({ mode: plugins.mode, plan: o.plan, cwd: o.cwd, profileFolder, system, tempDir: plugins.instrument.ctx.tempDir });
    await runStart(plugins.all);
    const cmd = await reduceWrap(plugins.all, base);
    // The record and the history are finished while the benchmark starts (node, perf, valgrind take
    // tens of milliseconds before their first instruction of interest), not before it.
    const running = inGroup("Running the benchmarks", {}, () => execute(plugins, cmd, !!o.json));
    let outcome: RunOutcome;
    try {
      record = await pendingRecord;
      history = o.history?.enabled === false ? undefined : await openRunHistory(o.cwd, o.history?.path);
      history?.begin(record);
    } finally {
      outcome = await running;
    }
    record.exitCode = outcome.exitCode;
    const { timestamps: _kept, ...recorded } = outcome;
    record.outcome = recorded;
    const failure = failureOf(outcome, profileFolder);
    if (failure) throw failure;
    const collected = await inGroup("Collecting results", { spinner: true }, () => runCollect(plugins.all, outcome));
    // The mode's rules travel with its measurement, so later reads (compare, export) need no plugin.
    const rules = rulesOfMode(plugins.mode);
    for (const c of collected.by) if (c.plugin === plugins.instrument && !c.measurement.rules) c.measurement.rules = rules;
    record.measurements = collected.measurements;
    if (collected.failures.length) throw withExecHint(collected.failures[0], o.plan, outcome);
    record.status = "ok";
    result = { record, measurements: collected.measurements, profileFolder, mode: plugins.mode, inHistory: false };
    return result;
  } catch (caught) {
    const err = folderFullError(caught, profileFolder) ?? caught;
    primary = err;
    // start or wrap failed while the record was being made: the failed run is still recorded.
    if (!record && pendingRecord) record = await pendingRecord.catch(() => undefined);
    if (record) {
      record.status = err instanceof PacerError && err.code === "E_INTERRUPTED" ? "partial" : "failed";
      record.error = errorMessage(err);
    }
    throw err;
  } finally {
    stopSpinner();
    try {
      await runTeardown(plugins.all, endOf(primary));
    } catch (err) {
      // A teardown failure must not hide why the run failed.
      if (primary === undefined) throw err;
      log.warn(errorMessage(err));
    } finally {
      // After collect and teardown, before the temp folder holding the shim's list goes.
      removeNodePerfMaps(nodeShimDir(plugins.instrument.ctx.tempDir));
      for (const p of plugins.all) p.ctx.dispose();
      if (record) {
        record.finishedAt = new Date().toISOString();
        let unsaved: unknown;
        try {
          writeRunRecord(profileFolder, record);
        } catch (err) {
          unsaved = err;
          if (primary === undefined) Object.assign(record, { status: "failed", error: errorMessage(err) });
        }
        // Even when the record could not be saved: a row left `running` would later read `partial`.
        const kept = history?.finish(record) ?? false;
        if (result) result.inHistory = kept && unsaved === undefined;
        if (unsaved !== undefined) {
          if (primary === undefined) {
            history?.close();
            throw unsaved;
          }
          log.warn(errorMessage(unsaved));
        }
      }
      history?.close();
    }
  }
}
