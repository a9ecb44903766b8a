/**
 * `pacer exec -- <command>`: benchmarks any command with pacer's own harness (no integration
 * needed).
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { checkRoundFlags, resolveLoopOptions } from "../harness/options.ts";
import { buildRunOptions, loadProjectConfig, type RunValues } from "./_shared/common-run.ts";
import { EXEC_FLAG_OPTIONS, targetsFromCli, type ExecValues } from "./_shared/exec-targets.ts";
import { parseFlags } from "./_shared/parse.ts";
import { DEFAULT_EXEC_MODE, RUN_FLAG_OPTIONS } from "./_shared/run-flags.ts";
import { runSession } from "../run/session.ts";
import { runView } from "./_shared/run-view.ts";
import { EXEC_HELP } from "./help-text.ts";

export default async function exec(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("exec", argv, { ...RUN_FLAG_OPTIONS, ...EXEC_FLAG_OPTIONS });
  if (values.help) {
    process.stdout.write(EXEC_HELP);
    return 0;
  }
  if (!positionals.length) {
    throw new PacerError("E_USAGE", "No command given to benchmark", { hint: "Example: pacer exec -- sleep 0.01" });
  }
  // Refused here, before any probe or spawn, as `run -- ""` is (it used to fail in the harness, exit 1).
  if (!positionals[0]?.trim()) {
    throw new PacerError("E_USAGE", `The benchmark command is empty: the program name after "--" is "${positionals[0]}"`, {
      hint: "Example: pacer exec -- sleep 0.01",
    });
  }
  checkRoundFlags(values as ExecValues);
  const loaded = await loadProjectConfig(values as RunValues);
  const plan = { kind: "exec" as const, targets: targetsFromCli(positionals, values as ExecValues, loaded.config.options) };
  // The harness applies the same checks, but only after the probes, as "exited with code 2".
  for (const t of plan.targets) resolveLoopOptions(t.walltime);
  // exec-harness measures walltime unless told otherwise.
  const options = buildRunOptions(values as RunValues, plan, loaded, DEFAULT_EXEC_MODE);
  return runSession(options, runView(options, "exec"));
}
