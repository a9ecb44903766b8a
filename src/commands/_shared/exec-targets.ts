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
  name: { type: "string", multiple: true },
} as const;

export interface ExecValues {
  "warmup-time"?: string;
  "max-time"?: string;
  "min-time"?: string;
  "max-rounds"?: string;
  "min-rounds"?: string;
  name?: string[];
}

function rounds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new PacerError("E_USAGE", `Invalid --${flag} "${raw}": expected a whole number`, { hint: `Example: --${flag} 100` });
  return Number(raw);
}

export function walltimeFromFlags(v: ExecValues): WalltimeOptions {
  const d = (raw: string | undefined, flag: string) => (raw === undefined ? undefined : parseDuration(raw, `--${flag}`));
  const out: WalltimeOptions = {
    warmupTimeNs: d(v["warmup-time"], "warmup-time"),
    maxTimeNs: d(v["max-time"], "max-time"),
    minTimeNs: d(v["min-time"], "min-time"),
    maxRounds: rounds(v["max-rounds"], "max-rounds"),
    minRounds: rounds(v["min-rounds"], "min-rounds"),
  };
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined)) as WalltimeOptions;
}

/** Field-wise merge: later sources win. */
export function mergeWalltime(...layers: WalltimeOptions[]): WalltimeOptions {
  return Object.assign({}, ...layers.map((l) => Object.fromEntries(Object.entries(l).filter(([, x]) => x !== undefined))));
}

function rootWalltime(o: ConfigOptions): WalltimeOptions {
  const { workingDirectory: _ignored, ...rest } = o;
  return rest;
}

/** The CLI's commands (see {@link execCommands}), with CLI walltime flags over the config's root options. */
export function targetsFromCli(argv: string[], v: ExecValues & ExecCommandValues, root: ConfigOptions, preset: WalltimeOptions = {}): ExecTarget[] {
  return execCommands(argv, v, cliWalltime(v, root, preset));
}

/** The loop options every CLI command shares: flags over the preset over the config's root options. */
export function cliWalltime(v: ExecValues, root: ConfigOptions, preset: WalltimeOptions = {}): WalltimeOptions {
  return mergeWalltime(rootWalltime(root), preset, walltimeFromFlags(v));
}

/** The config's `benchmarks:` (target options over root options), with CLI flags over both. */
export function targetsFromConfig(config: PacerConfig, v: ExecValues): ExecTarget[] {
  const flags = walltimeFromFlags(v);
  return configTargets(config).map((t) => ({ ...t, walltime: mergeWalltime(t.walltime, flags) }));
}
