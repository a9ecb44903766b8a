/**
 * Flags shared by `pacer run` and `pacer exec`, compatible with the CodSpeed runner where they
 * overlap (reference §1.3), and their resolution: CLI > environment > config > defaults.
 *
 * @module
 */
import { PacerError } from "../../errors.ts";
import { createLogger } from "../../log/logger.ts";
import { BUILTIN_MODES } from "../../plugin/builtin-modes.ts";
import { findMode, resolveMode } from "../../plugin/modes.ts";
import { shellMode } from "../../shell-mode/store.ts";
import { envFlag } from "./parse.ts";
import { boolWord } from "../../toolkit/bool-words.ts";

export const RUN_FLAG_OPTIONS = {
  mode: { type: "string", short: "m" },
  "working-directory": { type: "string" },
  "profile-folder": { type: "string" },
  "allow-empty": { type: "boolean" },
  "skip-setup": { type: "boolean" },
  "no-probe-cache": { type: "boolean" },
  "skip-run": { type: "boolean" },
  "skip-upload": { type: "boolean" },
  upload: { type: "boolean" },
  config: { type: "string" },
  plugin: { type: "string", multiple: true },
  json: { type: "boolean" },
  token: { type: "string" },
  "upload-url": { type: "string" },
  "api-url": { type: "string" },
  compare: { type: "string" },
  "allow-no-base": { type: "boolean" },
  "perf-unwinding-mode": { type: "string" },
  "disable-perf": { type: "boolean" },
  // CodSpeed runner 5's `--flag[=bool]` options of the simulation instrument (see optionalBoolArgv).
  "cycle-estimation": { type: "string" },
  "exclude-allocations": { type: "string" },
  help: { type: "boolean", short: "h" },
  // CodSpeed runner flags pacer has no use for: accepted (so existing CI scripts keep working) and
  // reported as ignored.
  repository: { type: "string", short: "r" },
  provider: { type: "string" },
  "go-runner-version": { type: "string" },
  "setup-cache-dir": { type: "string" },
  instruments: { type: "string" },
  "mongo-uri-env-name": { type: "string" },
  "enable-perf": { type: "boolean" },
} as const;

export const IGNORED_CODSPEED_FLAGS = ["repository", "provider", "go-runner-version", "setup-cache-dir", "instruments", "mongo-uri-env-name"] as const;

/** Warns about the CodSpeed flags that were given but that pacer ignores. */
export function warnIgnoredFlags(values: Record<string, unknown>): void {
  for (const flag of IGNORED_CODSPEED_FLAGS) {
    if (values[flag] !== undefined) createLogger().warn(`Ignoring --${flag}: pacer does not support it (CodSpeed runner option)`);
  }
}

/** `pacer exec`'s mode when none is given: the first built-in mode that times rounds. */
export const DEFAULT_EXEC_MODE = BUILTIN_MODES.find((m) => m.harness === "walltime")!.name;

/**
 * Parses `--mode` / `CODSPEED_RUNNER_MODE`: a comma list; a deprecated alias means its mode (with a
 * warning). Unknown names are accepted only when user plugins may provide them (the run checks
 * them against the loaded plugins' modes).
 */
export function parseModes(raw: string | undefined, fallback: string | undefined, hasUserPlugins: boolean): string[] {
  // Reference §1.6: --mode / CODSPEED_RUNNER_MODE, then the shell session's (`pacer use`), then the default.
  const value = raw ?? (process.env.CODSPEED_RUNNER_MODE || undefined) ?? shellMode()?.modes.join(",") ?? fallback;
  if (!value) {
    throw new PacerError("E_USAGE", "No mode given", {
      hint: `Pass --mode ${BUILTIN_MODES.map((m) => m.name).join("|")}, set CODSPEED_RUNNER_MODE or set the mode for this shell session with \`pacer use <mode>\``,
    });
  }
  const warn = (msg: string) => createLogger().warn(msg);
  const modes = value.split(",").map((m) => m.trim()).filter(Boolean);
  return modes.map((m) => (hasUserPlugins && !findMode(m, BUILTIN_MODES) ? m : resolveMode(m, BUILTIN_MODES, warn).name));
}

export function parseUnwindingMode(raw: string | undefined): "fp" | "dwarf" | undefined {
  const v = raw ?? process.env.CODSPEED_PERF_UNWINDING_MODE;
  if (v === undefined || v === "") return undefined;
  if (v === "fp" || v === "dwarf") return v;
  throw new PacerError("E_USAGE", `Invalid --perf-unwinding-mode "${v}"`, { hint: 'Use "fp" or "dwarf"' });
}

/**
 * The environment plugins read their env-backed options from (`optionsFromEnv`): the process's,
 * with the CodSpeed runner flags that stand for a variable applied on top (`--disable-perf` is
 * `CODSPEED_PERF_ENABLED=false`, `--perf-unwinding-mode` is `CODSPEED_PERF_UNWINDING_MODE`,
 * `--cycle-estimation[=b]` is `CODSPEED_CYCLE_ESTIMATION`, `--exclude-allocations[=b]` is
 * `CODSPEED_EXCLUDE_ALLOCATIONS`).
 */
export function optionEnv(
  values: { "disable-perf"?: boolean; "perf-unwinding-mode"?: string; "cycle-estimation"?: string; "exclude-allocations"?: string },
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const [flag, variable] of Object.entries(OPTIONAL_BOOL_FLAGS)) {
    const on = parseOptionalBool(flag, values[flag as keyof typeof OPTIONAL_BOOL_FLAGS]);
    if (on !== undefined) env[variable] = String(on);
  }
  if (values["disable-perf"]) Object.assign(env, { CODSPEED_PERF_ENABLED: "false", CODSPEED_PROFILER_ENABLED: "false" });
  const unwinding = parseUnwindingMode(values["perf-unwinding-mode"]);
  if (unwinding) env.CODSPEED_PERF_UNWINDING_MODE = unwinding;
  return env;
}

/** Flags written `--flag` or `--flag=<bool>` (clap's `num_args = 0..=1`), each with the variable it sets. */
export const OPTIONAL_BOOL_FLAGS = { "cycle-estimation": "CODSPEED_CYCLE_ESTIMATION", "exclude-allocations": "CODSPEED_EXCLUDE_ALLOCATIONS" } as const;

/**
 * parseArgs has no optional values: a bare `--cycle-estimation` becomes `--cycle-estimation=true`
 * so it never takes the next argument (the benchmark command) as its value. Stops at `--`.
 */
export function optionalBoolArgv(argv: string[]): string[] {
  const end = argv.indexOf("--");
  return argv.map((a, i) => ((end < 0 || i < end) && a.startsWith("--") && a.slice(2) in OPTIONAL_BOOL_FLAGS ? `${a}=true` : a));
}

/** The value of a `--flag[=bool]`, or undefined when not given. */
export function parseOptionalBool(flag: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  const b = boolWord(raw);
  if (b !== undefined) return b;
  throw new PacerError("E_USAGE", `Invalid --${flag} "${raw}": expected a boolean`, { hint: `Use --${flag}, --${flag}=true or --${flag}=false` });
}

export function skipUpload(flag: boolean | undefined): boolean {
  return flag ?? envFlag(process.env.CODSPEED_SKIP_UPLOAD) ?? false;
}
