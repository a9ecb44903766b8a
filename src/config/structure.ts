/**
 * Structural checks valibot's object schemas do not make:
 * - a list where a mapping is expected: valibot accepts an array as an object (an empty list has no
 *   unknown keys), which would silently drop e.g. `options: [max-rounds: 5]`;
 * - every unknown key, with a "did you mean": valibot's strict objects stop at the first one, and
 *   the compare step's `thresholds` schema may not be strict at all.
 *
 * @module
 */
import type { SchemaNode } from "./_schema-walk.ts";
import { describe, unwrap } from "./_schema-walk.ts";
import { unknownKeyMessage } from "./suggest.ts";

const OBJECT_TYPES = new Set(["object", "strict_object", "loose_object"]);

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Keys to suggest: a key kept only to be ignored (its description says "Ignored…") is not one. */
export function allowedKeys(entries: Record<string, SchemaNode>): string[] {
  return Object.keys(entries).filter((k) => !describe(entries[k]!)?.startsWith("Ignored"));
}

function walk(node: SchemaNode & { message?: unknown }, value: unknown, path: string[], errors: string[]): void {
  const n = unwrap(node) as SchemaNode & { message?: unknown };
  if (n.type === "array" && n.item && Array.isArray(value)) {
    value.forEach((item, i) => walk(n.item!, item, [...path, String(i)], errors));
    return;
  }
  // Records (`instruments`) hold user-chosen keys and unions hold plugin tuples: nothing to check there.
  if (!OBJECT_TYPES.has(n.type) || !n.entries) return;
  if (Array.isArray(value)) {
    const form = typeof n.message === "string" ? n.message : "a mapping";
    errors.push(`${path.length ? path.join(".") : "top level"}: expected ${form}, got a list`);
    return;
  }
  if (!isPlainObject(value)) return;
  const allowed = allowedKeys(n.entries);
  for (const [key, child] of Object.entries(value)) {
    const entry = Object.hasOwn(n.entries, key) ? n.entries[key] : undefined;
    if (entry) walk(entry, child, [...path, key], errors);
    else errors.push(unknownKeyMessage([...path, key].join("."), key, allowed));
  }
}

/**
 * Lists lists-for-mappings and unknown keys, each with its dot path.
 *
 * @example
 * ```ts
 * checkStructure(ConfigSchema, { options: [{ "max-rounds": 5 }] });
 * // ["options: expected a mapping of working-directory, …, got a list"]
 * ```
 */
export function checkStructure(schema: SchemaNode, value: unknown): string[] {
  const errors: string[] = [];
  walk(schema, value, [], errors);
  return errors;
}
