/**
 * Wraps the benchmark command in valgrind (integration runs) or replaces pacer's exec harness with
 * one valgrind run per target (exec runs: pacer's own compiled harness cannot run under valgrind).
 *
 * @module
 */
import { realpathSync } from "node:fs";
import { join } from "node:path";
import type { Command, PluginContext } from "../../src/index.ts";
import { execPreloadPrefix } from "./exec-preload.ts";
import { checkExecTarget } from "./exec-targets.ts";
import { statusFiles, writeOuterScript, writeWrapper, type ScriptStep } from "./run-scripts.ts";
import { removeStaleOutputs } from "./stale-outputs.ts";
import { aslrPrefix, valgrindFlags, type OptionalFlag } from "./valgrind-flags.ts";
import { optionsOf, type SimulationOptions } from "./options.ts";
import { materializeExecWindow } from "./window-library.ts";

/** What `wrap` fills in for `collect`: the valgrind steps of this run. */
export interface SimulationRunState {
  kind: "integration" | "exec";
  /** `--allow-empty` of this run, recorded so the folder is collected later the same way. */
  allowEmpty: boolean;
  /** The run's options, recorded so the folder is collected later with the same metrics. */
  options?: SimulationOptions;
  steps: Array<ScriptStep & { outPrefix: string; logFile: string; uri?: string; name?: string }>;
}

/** The `start` hook: an empty state for this run's plan. */
export const newSimulationState = (ctx: PluginContext): SimulationRunState => ({
  kind: ctx.plan.kind,
  allowEmpty: ctx.flags.allowEmpty,
  options: optionsOf(ctx.options),
  steps: [],
});

function enabled(ctx: PluginContext, feature: string): boolean {
  return ctx.probed?.features[feature]?.enabled ?? false;
}

/** Objects `--obj-skip` leaves out (reference §3.2): the real node binary and libpython. Failures are skipped. */
async function objSkipPaths(ctx: PluginContext, cmd: Command): Promise<string[]> {
  const env = { ...cmd.env, PATH: (cmd.env.PATH ?? "").split(":").filter((d) => !d.includes("introspected_node")).join(":") };
  const queries: string[][] = [
    ["node", "-e", "console.log(process.execPath)"],
    ["python3", "-c", "import sysconfig; print('/'.join(sysconfig.get_config_vars('LIBDIR', 'INSTSONAME')))"],
  ];
  const out: string[] = [];
  for (const argv of queries) {
    const r = await ctx.exec(argv, { env, cwd: cmd.cwd, timeoutMs: 20_000 });
    const p = r.code === 0 ? r.stdout.trim() : "";
    try {
      if (p) out.push(realpathSync(p));
    } catch {
      // Not there (e.g. a static python has no libpython): nothing to skip.
    }
  }
  return out;
}

export async function wrapSimulation(cmd: Command, ctx: PluginContext, state: SimulationRunState): Promise<Command> {
  const links = ctx.toolkit.linkGuard.warning(ctx.probed);
  if (links) ctx.log.warn(links);
  const flagsOn: Partial<Record<OptionalFlag, boolean>> = {
    "collect-systime": enabled(ctx, "collect-systime"),
    "cycle-estimation": enabled(ctx, "cycle-estimation"),
    "obj-skip": enabled(ctx, "obj-skip"),
  };
  const cycleEstimation = optionsOf(ctx.options).cycleEstimation;
  const objSkip = flagsOn["obj-skip"] ? await objSkipPaths(ctx, cmd) : [];
  const prefix = [...aslrPrefix(ctx.system.arch, enabled(ctx, "aslr-off")), "valgrind"];
  const env = { ...cmd.env };
  if (enabled(ctx, "python-malloc")) env.PYTHONMALLOC = "malloc";
  state.kind = ctx.plan.kind;
  state.allowEmpty = ctx.flags.allowEmpty;
  state.options = optionsOf(ctx.options);
  state.steps = [];

  if (ctx.plan.kind === "integration") {
    const outPrefix = `${ctx.profileFolder.replace(/\/+$/, "")}/`;
    const logFile = join(ctx.profileFolder, "valgrind.log");
    const status = statusFiles(ctx.tempDir, 0);
    const flags = valgrindFlags({ kind: "integration", cycleEstimation, enabled: flagsOn, objSkip, outFile: `${outPrefix}%p.out`, logFile });
    const argv = [...prefix, ...flags, "bash", writeWrapper(ctx.tempDir), status.benchmark, ...cmd.argv];
    state.steps.push({ argv, status, wrapped: true, outPrefix, logFile });
  } else {
    for (const t of ctx.plan.targets) checkExecTarget(t.argv, cmd.cwd, env.PATH ?? "");
    const preload = execPreloadPrefix(await materializeExecWindow(ctx.tempDir), env.LD_PRELOAD);
    ctx.plan.targets.forEach((t, i) => {
      const outPrefix = join(ctx.profileFolder, `exec-${i}.`);
      const logFile = join(ctx.profileFolder, `valgrind-exec-${i}.log`);
      const flags = valgrindFlags({ kind: "exec", cycleEstimation, enabled: flagsOn, objSkip, outFile: `${outPrefix}%p.out`, logFile });
      const argv = [...preload, ...prefix, ...flags, "--", ...t.argv];
      state.steps.push({ argv, status: statusFiles(ctx.tempDir, i), wrapped: false, outPrefix, logFile, uri: t.uri, name: t.name, ...(t.ignoreFailure && { ignoreFailure: true }) });
    });
  }
  // Only once the command is known to be runnable: a refused target leaves the folder as it was.
  const removed = removeStaleOutputs(ctx.profileFolder);
  if (removed.length > 0) ctx.log.debug(`Removed ${removed.length} valgrind output file(s) of an earlier run from "${ctx.profileFolder}"`);
  const script = writeOuterScript(ctx.tempDir, state.steps);
  ctx.log.debug(`valgrind command: ${state.steps.map((s) => s.argv.join(" ")).join(" ; ")}`);
  return { argv: ["bash", script], env, cwd: cmd.cwd };
}
