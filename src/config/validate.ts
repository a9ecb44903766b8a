/**
 * Validation of a parsed config value, in three steps that never throw: valibot schema, structure
 * (lists for mappings, unknown keys), cross-field rules.
 *
 * @module
 */
import * as v from "valibot";
import type { SchemaNode } from "./_schema-walk.ts";
import { formatIssues } from "./issues.ts";
import { normalizeConfig } from "./normalize.ts";
import { applyRules } from "./rules.ts";
import { ConfigSchema } from "./schema.ts";
import { checkStructure } from "./structure.ts";
import type { PacerConfig } from "./types.ts";

/** Either a config (maybe with warnings) or the reasons it was rejected, one `<key path>: …` line each. */
export type ValidationResult =
  | { ok: true; config: PacerConfig; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

const SCHEMA = ConfigSchema as unknown as SchemaNode;

const MODE_WARNING = `Ignoring "mode": the mode is not configurable in the file (CodSpeed removed the key in 4.10): pass --mode`;

/**
 * Validates a parsed YAML value; `dir` is the directory relative paths resolve against.
 *
 * @example
 * ```ts
 * const r = validateConfig({ options: { "max-rounds": -1 } }, "/repo");
 * // { ok: false, errors: ["options.max-rounds: expected an integer >= 0, got -1"], warnings: [] }
 * ```
 */
export function validateConfig(raw: unknown, dir: string): ValidationResult {
  // An empty file parses to null: it means "no settings", not an error.
  const value = raw ?? {};
  const parsed = v.safeParse(ConfigSchema, value);
  // A Set: valibot reports an object's first unknown key that the structure walk reports too.
  const errors = [...new Set([...checkStructure(SCHEMA, value), ...(parsed.success ? [] : formatIssues(parsed.issues, SCHEMA))])];
  const early = parsed.success && parsed.output.mode !== undefined ? [MODE_WARNING] : [];
  if (!parsed.success || errors.length > 0) return { ok: false, errors, warnings: early };
  // The thresholds are validated above but kept as written: the compare step parses them itself.
  const config = normalizeConfig(parsed.output, dir, (value as { thresholds?: unknown }).thresholds);
  const ruled = applyRules(config);
  const warnings = [...early, ...ruled.warnings];
  return ruled.errors.length ? { ok: false, errors: ruled.errors, warnings } : { ok: true, config, warnings };
}

/** The config used when no file is found: every key at its default. */
export function defaultConfig(dir: string): PacerConfig {
  const r = validateConfig({}, dir);
  if (!r.ok) throw new Error("unreachable: the empty config is valid");
  return r.config;
}
