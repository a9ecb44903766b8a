#!/usr/bin/env bun
/**
 * pacer's entry point: dispatches to a subcommand (loaded lazily, so `pacer --version` loads almost
 * nothing) and is the only place that maps errors to exit codes.
 *
 * @module
 */
import { VERSION } from "./version.ts";

type Command = (argv: string[]) => Promise<number>;

/** The command table; names starting with `__` are internal (not listed, not in the conventions test). */
export const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
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
export const ALIASES: Record<string, string> = { r: "run", x: "exec" };

/** Exit codes: 0 ok, 1 failure, 2 usage error, 130/143 interrupted. */
async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === "--version" || first === "-V" || first === "version") {
    // console.log, not process.stdout: creating Bun's process.stdout stream costs ~20 ms here.
    console.log(`pacer ${VERSION}`);
    return 0;
  }
  let debug = argv.includes("--debug");
  try {
    const { takeGlobalFlags } = await import("./commands/_shared/global-flags.ts");
    const global = takeGlobalFlags(argv);
    debug = global.debug;
    if (global.color !== undefined) (await import("./log/color.ts")).setColorChoice(global.color);
    if (global.verbosity) {
      const level = global.verbosity === "quiet" ? "error" : "debug";
      (await import("./log/logger.ts")).setLevel(level);
      // pacer's own child processes (the exec harness) log through the same variable.
      process.env.PACER_LOG = level;
    }
    const args = global.rest;
    const name = args[0];
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const { MAIN_HELP } = await import("./commands/help-text.ts");
      (await import("./log/console-out.ts")).stdout.write(MAIN_HELP);
      return name === undefined ? 2 : 0;
    }
    const load = COMMANDS[ALIASES[name] ?? name];
    if (!load) throw await unknownCommand(name);
    return await (await load()).default(args.slice(1));
  } catch (err) {
    const { PacerError } = await import("./errors.ts");
    const { createLogger } = await import("./log/logger.ts");
    const { stderr } = await import("./log/console-out.ts");
    const log = createLogger();
    if (err instanceof PacerError) {
      log.error(err.message + (err.hint ? `\n  hint: ${err.hint}` : ""));
      if (debug && err.stack) stderr.write(err.stack + "\n");
      if (err.exitCode !== undefined) return err.exitCode;
      return err.code === "E_USAGE" ? 2 : 1;
    }
    log.error(`Unexpected error: ${err instanceof Error ? (debug ? err.stack : err.message) : String(err)}`);
    if (!debug) stderr.write("  hint: Run again with --debug for the stack trace, and report it\n");
    return 1;
  }
}

async function unknownCommand(name: string): Promise<Error> {
  const { PacerError } = await import("./errors.ts");
  const { closestKey } = await import("./config/suggest.ts");
  const names = Object.keys(COMMANDS).filter((c) => !c.startsWith("__"));
  const guess = name.startsWith("-") ? undefined : closestKey(name, names);
  const what = name.startsWith("-") ? `Unknown option "${name}" before the command` : `Unknown command "${name}"`;
  return new PacerError("E_USAGE", guess ? `${what}, did you mean "${guess}"?` : what, { hint: "Run `pacer --help` to list the commands" });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
