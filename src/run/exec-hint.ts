/**
 * `pacer run -- <command>` where no CodSpeed integration ever spoke on the runner FIFO: the command is
 * most likely a plain program, which `pacer exec` benchmarks as it is. The "no results" error then
 * says so.
 *
 * @module
 */
import { PacerError, PluginError } from "../errors.ts";
import type { RunOutcome, RunPlan } from "../plugin/types.ts";

export function withExecHint(err: unknown, plan: RunPlan, outcome: Pick<RunOutcome, "integration">): unknown {
  if (plan.kind !== "integration" || outcome.integration || !(err instanceof PacerError)) return err;
  const code = err instanceof PluginError ? (err.pluginCode ?? err.code) : err.code;
  if (code !== "E_RESULTS") return err;
  // The same error (a PluginError keeps its plugin and hook), with the next step that fits.
  (err as { hint?: string }).hint =
    `No CodSpeed integration spoke to pacer: to benchmark the command itself, run \`pacer exec -- ${plan.command}\`` +
    " (or pass --allow-empty if a run without benchmarks is expected)";
  return err;
}
