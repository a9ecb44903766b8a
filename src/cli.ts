#!/usr/bin/env bun
/**
 * pacer's entry point: dispatches to a subcommand (loaded lazily, so `pacer --version` loads almost
 * nothing) and is the only place that maps errors to exit codes.
 *
 * @module
 */
import { VERSION } from "./version.ts";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  run: () => import("./commands/run.ts"),
  exec: () => import("./commands/exec.ts"),
  setup: () => import("./commands/setup.ts"),
  doctor: () => import("./commands/doctor.ts"),
  upload: () => import("./commands/upload.ts"),
  analyze: () => import("./commands/analyze.ts"),
  plugin: () => import("./commands/plugin.ts"),
  auth: () => import("./commands/auth.ts"),
  runs: () => import("./commands/runs.ts"),
  compare: () => import("./commands/compare.ts"),
  report: () => import("./commands/report.ts"),
  export: () => import("./commands/export.ts"),
  serve: () => import("./commands/serve.ts"),
  use: () => import("./commands/use.ts"),
  show: () => import("./commands/show.ts"),
  update: () => import("./commands/update.ts"),
  __harness: () => import("./commands/harness.ts"),
  __selftest: () => import("./commands/selftest.ts"),
  __rusage: () => import("./commands/rusage.ts"),
};
const ALIASES: Record<string, string> = { r: "run", x: "exec" };

/** Exit codes: 0 ok, 1 failure, 2 usage error, 130/143 interrupted. */
async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a, i) => a !== "--debug" || argv.indexOf("--") !== -1 && i > argv.indexOf("--"));
  const first = args[0];
  if (first === "--version" || first === "-V" || first === "version") {
    // console.log, not process.stdout: creating Bun's process.stdout stream costs ~20 ms here.
    console.log(`pacer ${VERSION}`);
    return 0;
  }
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const { MAIN_HELP } = await import("./commands/help-text.ts");
    process.stdout.write(MAIN_HELP);
    return first === undefined ? 2 : 0;
  }
  const name = ALIASES[first] ?? first;
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`Error: Unknown command "${first}"\n  hint: Run \`pacer --help\` to list the commands\n`);
    return 2;
  }
  try {
    return await (await load()).default(args.slice(1));
  } catch (err) {
    const { PacerError } = await import("./errors.ts");
    const { createLogger } = await import("./log/logger.ts");
    const log = createLogger();
    if (err instanceof PacerError) {
      log.error(err.message + (err.hint ? `\n  hint: ${err.hint}` : ""));
      if (debug && err.stack) process.stderr.write(err.stack + "\n");
      if (err.exitCode !== undefined) return err.exitCode;
      return err.code === "E_USAGE" ? 2 : 1;
    }
    log.error(`Unexpected error: ${err instanceof Error ? (debug ? err.stack : err.message) : String(err)}`);
    if (!debug) process.stderr.write("  hint: Run again with --debug for the stack trace, and report it\n");
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
