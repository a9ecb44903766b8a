/**
 * `pacer exec [--command '<sh>']… [-- <command>]`: benchmarks any commands with pacer's own harness
 * (no integration needed), several in one call measured interleaved and compared to the first.
 *
 * @module
 */
import { checkRoundFlags, resolveLoopOptions } from "../harness/options.ts";
import { buildRunOptions, loadProjectConfig, type RunValues } from "./_shared/common-run.ts";
import { EXEC_COMMAND_FLAG_OPTIONS } from "./_shared/exec-commands.ts";
import { hyperfineParameterArgs } from "./_shared/exec-parameters.ts";
import { EXEC_FLAG_OPTIONS, cliWalltime, targetsFromCli, type ExecValues } from "./_shared/exec-targets.ts";
import { exportView, type ExportValues } from "./_shared/exec-exports.ts";
import { parseFlags } from "./_shared/parse.ts";
import { DEFAULT_EXEC_MODE, RUN_FLAG_OPTIONS, optionalBoolArgv } from "./_shared/run-flags.ts";
import { runSession } from "../run/session.ts";
import { runView } from "./_shared/run-view.ts";
import { EXEC_HELP } from "./help-text.ts";
import { stdout } from "../log/console-out.ts";

/** `--quick`: a local look, not a CI measurement (CodSpeed's defaults are 1 s warmup, 3 s). */
export const QUICK_PRESET = { warmupTimeNs: 100e6, maxTimeNs: 500e6 };

export default async function exec(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("exec", optionalBoolArgv(hyperfineParameterArgs(argv)), { ...RUN_FLAG_OPTIONS, ...EXEC_FLAG_OPTIONS, ...EXEC_COMMAND_FLAG_OPTIONS });
  if (values.help) {
    stdout.write(EXEC_HELP);
    return 0;
  }
  checkRoundFlags(values as ExecValues);
  // Commands are checked before the config and any probe or spawn: a usage error exits 2 at once.
  const preset = values.quick ? QUICK_PRESET : {};
  const commands = targetsFromCli(positionals, values as ExecValues, {}, preset);
  const loaded = await loadProjectConfig(values as RunValues);
  // Every command shares the loop options, now with the config's root options under the flags.
  const walltime = cliWalltime(values as ExecValues, loaded.config.options, preset);
  // The harness applies the same checks, but only after the probes, as "exited with code 2".
  resolveLoopOptions(walltime);
  const targets = commands.map((t) => ({ ...t, walltime }));
  const plan = { kind: "exec" as const, targets, interleave: targets.length > 1 };
  // exec-harness measures walltime unless told otherwise.
  const options = buildRunOptions(values as RunValues, plan, loaded, DEFAULT_EXEC_MODE);
  return runSession(options, exportView(runView(options, "exec"), values as ExportValues));
}
