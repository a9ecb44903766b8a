/**
 * Structural checks valibot's `object()` does not make:
 * - unknown keys: CodSpeed ignores them, and so does pacer (a file written for a newer CodSpeed still
 *   loads), but each one is a warning because it is most often a typo (`max_rounds`) or an old name
 *   (`targets`);
 * - a list where a mapping is expected: valibot accepts an array as an object with no keys, which
 *   would silently drop e.g. `options: [max-rounds: 5]`.
 *
 * @module
 */
import type { SchemaNode } from "./_schema-walk.ts";
import { unwrap } from "./_schema-walk.ts";

/** Keys CodSpeed renamed or removed, with the note shown when one is found at the top level. */
const RENAMED: Record<string, string> = {
  targets: `it was renamed to "benchmarks" in CodSpeed 4.10`,
  mode: "the mode is not configurable in the file: pass --mode",
};

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function suggestion(key: string, known: string[], atRoot: boolean): string {
  if (atRoot && RENAMED[key]) return `: ${RENAMED[key]}`;
  const kebab = key.replace(/[_\s]+/g, "-").replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  if (kebab !== key && known.includes(kebab)) return `: did you mean "${kebab}"?`;
  return "";
}

interface Found {
  errors: string[];
  warnings: string[];
}

function walk(node: SchemaNode & { message?: unknown }, value: unknown, path: string[], out: Found): void {
  const n = unwrap(node) as SchemaNode & { message?: unknown };
  if (n.type === "array" && n.item && Array.isArray(value)) {
    value.forEach((item, i) => walk(n.item!, item, [...path, String(i)], out));
    return;
  }
  // Records (`instruments`) hold user-chosen keys and unions hold plugin tuples: nothing to check there.
  if (n.type !== "object" || !n.entries) return;
  if (Array.isArray(value)) {
    const form = typeof n.message === "string" ? n.message : "a mapping";
    out.errors.push(`${path.length ? path.join(".") : "top level"}: expected ${form}, got a list`);
    return;
  }
  if (!isPlainObject(value)) return;
  const known = Object.keys(n.entries);
  for (const [key, child] of Object.entries(value)) {
    const entry = n.entries[key];
    if (entry) walk(entry, child, [...path, key], out);
    else out.warnings.push(`Ignoring unknown key "${[...path, key].join(".")}"${suggestion(key, known, path.length === 0)}`);
  }
}

/**
 * Lists lists-for-mappings as errors and unknown keys as warnings, each with its dot path.
 *
 * @example
 * ```ts
 * checkStructure(ConfigSchema, { options: { max_rounds: 5 } });
 * // { errors: [], warnings: ['Ignoring unknown key "options.max_rounds": did you mean "max-rounds"?'] }
 * ```
 */
export function checkStructure(schema: SchemaNode, value: unknown): Found {
  const out: Found = { errors: [], warnings: [] };
  walk(schema, value, [], out);
  return out;
}
