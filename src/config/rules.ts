/**
 * Cross-field checks that a per-key schema cannot express. Each rule reads the normalized config and
 * pushes `<key path>: <message>` lines into `errors` (the config is rejected) or `warnings`.
 *
 * @module
 */
import type { WalltimeOptions } from "../plugin/types.ts";
import type { PacerConfig } from "./types.ts";

export interface RuleContext {
  readonly config: PacerConfig;
  errors: string[];
  warnings: string[];
}

export type Rule = (ctx: RuleContext) => void;

const seconds = (ns: number) => `${ns / 1e9}s`;

/** CodSpeed's own check, on the root options only (targets may combine them). */
const rootTimeVsRounds: Rule = ({ config, errors }) => {
  const o = config.options;
  const prefix = "options: Invalid walltime configuration in root options: cannot use both";
  if (o.minTimeNs !== undefined && o.maxRounds !== undefined) errors.push(`${prefix} min_time and max_rounds`);
  if (o.maxTimeNs !== undefined && o.minRounds !== undefined) errors.push(`${prefix} max_time and min_rounds`);
};

function boundsProblems(o: WalltimeOptions): string[] {
  const out: string[] = [];
  if (o.minTimeNs !== undefined && o.maxTimeNs !== undefined && o.maxTimeNs > 0 && o.minTimeNs > o.maxTimeNs) {
    out.push(`min-time (${seconds(o.minTimeNs)}) is greater than max-time (${seconds(o.maxTimeNs)})`);
  }
  if (o.minRounds !== undefined && o.maxRounds !== undefined && o.minRounds > o.maxRounds) {
    out.push(`min-rounds (${o.minRounds}) is greater than max-rounds (${o.maxRounds})`);
  }
  return out;
}

/**
 * min ≤ max, checked where the harness would fail at run time: on the root options and on each
 * target's options merged over them (reported on the target only when the target sets one of them).
 */
const minNotAboveMax: Rule = ({ config, errors }) => {
  const rootProblems = boundsProblems(config.options);
  for (const p of rootProblems) errors.push(`options: ${p}`);
  config.benchmarks.forEach((t, i) => {
    for (const p of boundsProblems({ ...config.options, ...t.options })) {
      if (!rootProblems.includes(p)) errors.push(`benchmarks.${i}.options: ${p} (after merging the root options)`);
    }
  });
};

/** Two targets with one name share one URI, so their results would overwrite each other. */
const uniqueTargetNames: Rule = ({ config, warnings }) => {
  const first = new Map<string, number>();
  config.benchmarks.forEach((t, i) => {
    const name = t.name ?? t.argv.join(" ");
    const prev = first.get(name);
    if (prev === undefined) first.set(name, i);
    else warnings.push(`benchmarks.${i}: duplicate benchmark name "${name}" (same as benchmarks.${prev}): give each a distinct "name"`);
  });
};

const uniquePlugins: Rule = ({ config, warnings }) => {
  const seen = new Set<string>();
  config.plugins.forEach((p, i) => {
    if (seen.has(p.path)) warnings.push(`plugins.${i}: plugin "${p.specifier}" is listed more than once`);
    seen.add(p.path);
  });
};

/** The rules `validateConfig` applies, in order. */
/** The config file is committed with the code: a server token there is a leaked secret. */
const noServerToken: Rule = ({ config, errors }) => {
  if (config.server.tokenInFile) errors.push("server.token: a token does not belong in the config file (it is committed with the code): set PACER_SERVER_TOKEN or pass --token, and revoke the token written there");
};

export const CONFIG_RULES: readonly Rule[] = [rootTimeVsRounds, minNotAboveMax, uniqueTargetNames, uniquePlugins, noServerToken];

/** Runs `rules` over a normalized config. */
export function applyRules(config: PacerConfig, rules: readonly Rule[] = CONFIG_RULES): { errors: string[]; warnings: string[] } {
  const ctx: RuleContext = { config, errors: [], warnings: [] };
  for (const rule of rules) rule(ctx);
  return { errors: ctx.errors, warnings: ctx.warnings };
}
