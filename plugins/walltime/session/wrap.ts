/**
 * `wrap()`: puts `perf record` around the benchmark command when profiling is usable, creating
 * perf's control FIFO pair in the plugin's temp folder. Without perf the command runs as is and the
 * results come from the integration's JSON alone.
 *
 * @module
 */
import { join } from "node:path";
import type { Command, PluginContext } from "../../../src/index.ts";
import type { WalltimeOptions } from "../options.ts";
import { PacerError } from "../../../src/index.ts";
import { wrappedArgv, type PerfRecordOptions } from "../perf/perf-command.ts";
import { PerfControl } from "../perf/perf-control.ts";
import { resolveNodePath } from "../node/node-path.ts";
import { perfUsable, type WalltimeState } from "./state.ts";
import { chooseUnwinding } from "../perf/unwinding.ts";

/** The perf path from the probe's `perf` feature value (`<path> <version>`). */
function perfPath(value: unknown): string {
  return String(value ?? "perf").split(" ")[0] || "perf";
}

function debugLogging(): boolean {
  const level = (process.env.PACER_LOG ?? process.env.CODSPEED_LOG ?? "").toLowerCase();
  return level === "debug" || level === "trace" || process.env.RUNNER_DEBUG === "1";
}

export async function wrap(cmd: Command, ctx: PluginContext<WalltimeOptions>, state: WalltimeState): Promise<Command> {
  state.cwd = cmd.cwd;
  const links = ctx.toolkit.linkGuard.warning(ctx.probed);
  if (links) ctx.log.warn(links);
  const usable = perfUsable(ctx.options, ctx.probed);
  if (!usable.ok) {
    const log = ctx.options.perf ? ctx.log.warn : ctx.log.debug;
    log(`Profiling with perf is off: ${usable.why}; walltime results come from the integration only`);
    return cmd;
  }
  const f = ctx.probed!.features;
  const ctlFifo = join(ctx.tempDir, "codspeed_perf.ctl.fifo");
  const ackFifo = join(ctx.tempDir, "codspeed_perf.ack.fifo");
  try {
    for (const fifo of [ctlFifo, ackFifo]) ctx.toolkit.mkfifo(fifo);
  } catch (err) {
    throw new PacerError("E_RUN", `Cannot create perf's control FIFOs in "${ctx.tempDir}": ${(err as Error).message}`);
  }
  const unwinding = chooseUnwinding(ctx.options.unwinding, ctx.probed);
  ctx.log.debug(`perf call graph: ${unwinding.mode} (${unwinding.why})`);
  const opts: PerfRecordOptions = {
    perf: perfPath(f.perf?.value),
    compression: f.zstd?.enabled === true,
    events: f.events?.enabled ? String(f.events.value) : undefined,
    unwinding: unwinding.mode,
    ctlFifo,
    ackFifo,
    quiet: !debugLogging(),
  };
  if (!opts.compression) ctx.log.warn("perf does not support zstd compression: perf data is stored uncompressed");
  const pipedata = join(ctx.profileFolder, "perf.pipedata");
  const statusFile = join(ctx.tempDir, "benchmark.status");
  const node = await resolveNodePath(ctx.exec, cmd.env, cmd.cwd);
  ctx.log.debug(node ? `node executable: "${node}"` : "no node executable on PATH");
  state.perf = {
    control: PerfControl.open(ctlFifo, ackFifo),
    pipedata,
    statusFile,
    unwinding: unwinding.mode,
    compression: opts.compression,
    events: opts.events,
    nodePaths: node ? [node] : [],
    cwd: cmd.cwd,
  };
  return { ...cmd, argv: wrappedArgv(opts, pipedata, statusFile, cmd.argv) };
}
