/**
 * `pacer run [-- <command>]`: runs a benchmark command that uses a CodSpeed integration, or the
 * config's `benchmarks:` targets through pacer's harness when no command is given.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import type { RunPlan } from "../plugin/types.ts";
import { commandString } from "../toolkit/shell.ts";
import { buildRunOptions, loadProjectConfig, type RunValues } from "./_shared/common-run.ts";
import { EXEC_FLAG_OPTIONS, targetsFromConfig, type ExecValues } from "./_shared/exec-targets.ts";
import { parseFlags } from "./_shared/parse.ts";
import { RUN_FLAG_OPTIONS, optionalBoolArgv } from "./_shared/run-flags.ts";
import { runSession } from "../run/session.ts";
import { runView } from "./_shared/run-view.ts";
import { RUN_HELP } from "./help-text.ts";
import { stdout } from "../log/console-out.ts";

/** `--skip-run` (reference §1.3): upload an existing `--profile-folder` with `pacer upload`. */
async function uploadOnly(values: RunValues): Promise<number> {
  if (!values["profile-folder"]) {
    throw new PacerError("E_USAGE", "--skip-run needs --profile-folder <dir>", { hint: "Example: pacer run --skip-run --profile-folder /tmp/profile.abc.out" });
  }
  const mode = values.mode?.split(",")[0];
  const args = ["--profile-folder", values["profile-folder"]];
  // `pacer upload --executor` takes a mode name too: it uploads under the executor the mode declares.
  if (mode) args.push("--executor", mode);
  if (values.token) args.push("--token", values.token);
  if (values["upload-url"]) args.push("--upload-url", values["upload-url"]);
  if (values["api-url"]) args.push("--api-url", values["api-url"]);
  if (values["allow-empty"]) args.push("--allow-empty");
  const { default: upload } = await import("./upload.ts");
  return upload(args);
}

export default async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("run", optionalBoolArgv(argv), { ...RUN_FLAG_OPTIONS, ...EXEC_FLAG_OPTIONS });
  if (values.help) {
    stdout.write(RUN_HELP);
    return 0;
  }
  const loaded = await loadProjectConfig(values as RunValues);
  if (values["skip-run"]) return uploadOnly(values as RunValues);
  let plan: RunPlan;
  if (positionals.length) {
    const command = commandString(positionals).replaceAll("cargo codspeed", "cargo-codspeed");
    if (!command) throw new PacerError("E_USAGE", "The benchmark command is empty", { hint: "Example: pacer run --mode walltime -- node bench.mjs" });
    plan = { kind: "integration", command };
  } else if (loaded.config.benchmarks.length) {
    plan = { kind: "exec", targets: targetsFromConfig(loaded.config, values as ExecValues) };
  } else {
    throw new PacerError("E_USAGE", "No benchmark command given and no `benchmarks:` targets in a config file", {
      hint: "Example: pacer run --mode walltime -- node bench.mjs",
    });
  }
  const options = buildRunOptions(values as RunValues, plan, loaded);
  return runSession(options, runView(options));
}
