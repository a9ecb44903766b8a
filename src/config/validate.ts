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
  const structure = checkStructure(SCHEMA, value);
  const parsed = v.safeParse(ConfigSchema, value);
  const errors = [...structure.errors, ...(parsed.success ? [] : formatIssues(parsed.issues, SCHEMA))];
  if (!parsed.success || errors.length > 0) return { ok: false, errors, warnings: structure.warnings };
  const config = normalizeConfig(parsed.output, dir);
  const ruled = applyRules(config);
  const warnings = [...structure.warnings, ...ruled.warnings];
  return ruled.errors.length ? { ok: false, errors: ruled.errors, warnings } : { ok: true, config, warnings };
}

/** The config used when no file is found: every key at its default. */
export function defaultConfig(dir: string): PacerConfig {
  const r = validateConfig({}, dir);
  if (!r.ok) throw new Error("unreachable: the empty config is valid");
  return r.config;
}
