/**
 * Builds `pacer exec` targets from the CLI, or from the config's `benchmarks:` when `pacer run` has
 * no command. Per field: CLI > target options > root options.
 *
 * @module
 */
import { PacerError } from "../../errors.ts";
import { configTargets } from "../../config/targets.ts";
import type { ConfigOptions, PacerConfig } from "../../config/types.ts";
import { parseDuration } from "../../harness/duration.ts";
import type { ExecTarget, WalltimeOptions } from "../../plugin/types.ts";
import { execCommands, type ExecCommandValues } from "./exec-commands.ts";

export const EXEC_FLAG_OPTIONS = {
  "warmup-time": { type: "string" },
  "max-time": { type: "string" },
  "min-time": { type: "string" },
  "max-rounds": { type: "string" },
  "min-rounds": { type: "string" },
  // hyperfine's names for a round count, a counted warmup and failing rounds (its -r is --repository here).
  runs: { type: "string" },
  warmup: { type: "string", short: "w" },
  "ignore-failure": { type: "boolean", short: "i" },
  name: { type: "string", multiple: true },
} as const;

export interface ExecValues {
  "warmup-time"?: string;
  "max-time"?: string;
  "min-time"?: string;
  "max-rounds"?: string;
  "min-rounds"?: string;
  runs?: string;
  warmup?: string;
  "ignore-failure"?: boolean;
  name?: string[];
}

function usage(message: string, hint: string): PacerError {
  return new PacerError("E_USAGE", message, { hint });
}

/** `--runs N`: exactly N measured rounds, hyperfine's way of saying `--min-rounds N --max-rounds N`. */
function exactRounds(v: ExecValues): { minRounds?: number; maxRounds?: number } {
  const runs = rounds(v.runs, "runs");
  if (runs === undefined) return {};
  if (v["min-rounds"] !== undefined || v["max-rounds"] !== undefined) {
    throw usage(`--runs ${v.runs} cannot be combined with --${v["min-rounds"] !== undefined ? "min" : "max"}-rounds`, "--runs sets both bounds: keep it alone, or use --min-rounds and --max-rounds");
  }
  if (runs < 1) throw usage(`Invalid --runs "${v.runs}": at least one round must run`, "Example: --runs 10");
  return { minRounds: runs, maxRounds: runs };
}

/** `--warmup N` (rounds) or `--warmup-time <dur>`, never both. */
function warmupOf(v: ExecValues): Pick<WalltimeOptions, "warmupTimeNs" | "warmupRounds"> {
  const n = rounds(v.warmup, "warmup");
  if (n !== undefined && v["warmup-time"] !== undefined) {
    throw usage(`--warmup ${v.warmup} and --warmup-time ${v["warmup-time"]} both set the warmup`, "Keep one: --warmup counts rounds, --warmup-time is a duration");
  }
  return n !== undefined ? { warmupRounds: n } : { warmupTimeNs: v["warmup-time"] === undefined ? undefined : parseDuration(v["warmup-time"], "--warmup-time") };
}

function rounds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new PacerError("E_USAGE", `Invalid --${flag} "${raw}": expected a whole number`, { hint: `Example: --${flag} 100` });
  return Number(raw);
}

export function walltimeFromFlags(v: ExecValues): WalltimeOptions {
  const d = (raw: string | undefined, flag: string) => (raw === undefined ? undefined : parseDuration(raw, `--${flag}`));
  const out: WalltimeOptions = {
    ...warmupOf(v),
    maxTimeNs: d(v["max-time"], "max-time"),
    minTimeNs: d(v["min-time"], "min-time"),
    maxRounds: rounds(v["max-rounds"], "max-rounds"),
    minRounds: rounds(v["min-rounds"], "min-rounds"),
    ...exactRounds(v),
  };
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined)) as WalltimeOptions;
}

/**
 * Field-wise merge: later sources win. The warmup is one setting given in rounds or in time: a
 * layer that gives it one way drops the other way of the layers under it.
 */
export function mergeWalltime(...layers: WalltimeOptions[]): WalltimeOptions {
  const out: WalltimeOptions = {};
  for (const layer of layers) {
    const set = Object.fromEntries(Object.entries(layer).filter(([, x]) => x !== undefined)) as WalltimeOptions;
    if (set.warmupRounds !== undefined) delete out.warmupTimeNs;
    if (set.warmupTimeNs !== undefined) delete out.warmupRounds;
    Object.assign(out, set);
  }
  return out;
}

function rootWalltime(o: ConfigOptions): WalltimeOptions {
  const { workingDirectory: _ignored, ...rest } = o;
  return rest;
}

/** The CLI's commands (see {@link execCommands}), with CLI walltime flags over the config's root options. */
export function targetsFromCli(argv: string[], v: ExecValues & ExecCommandValues, root: ConfigOptions, preset: WalltimeOptions = {}): ExecTarget[] {
  return withFailures(execCommands(argv, v, cliWalltime(v, root, preset)), v);
}

/** `--ignore-failure` on every target. */
function withFailures(targets: ExecTarget[], v: ExecValues): ExecTarget[] {
  return v["ignore-failure"] ? targets.map((t) => ({ ...t, ignoreFailure: true })) : targets;
}

/** The loop options every CLI command shares: flags over the preset over the config's root options. */
export function cliWalltime(v: ExecValues, root: ConfigOptions, preset: WalltimeOptions = {}): WalltimeOptions {
  return mergeWalltime(rootWalltime(root), preset, walltimeFromFlags(v));
}

/** The config's `benchmarks:` (target options over root options), with CLI flags over both. */
export function targetsFromConfig(config: PacerConfig, v: ExecValues): ExecTarget[] {
  const flags = walltimeFromFlags(v);
  return withFailures(configTargets(config).map((t) => ({ ...t, walltime: mergeWalltime(t.walltime, flags) })), v);
}
