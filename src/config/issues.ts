/**
 * Turns valibot issues into `<key path>: expected <form>, got <value>` lines.
 *
 * @module
 */
import * as v from "valibot";
import type { SchemaNode } from "./_schema-walk.ts";
import { describe, schemaAt, unwrap } from "./_schema-walk.ts";
import { allowedKeys } from "./structure.ts";
import { unknownKeyMessage } from "./suggest.ts";

type Issue = v.BaseIssue<unknown>;

function keyPath(issue: Issue): { dot: string; keys: Array<string | number> } {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  return { dot: v.getDotPath(issue) ?? keys.join("."), keys };
}

/** The value found, in YAML terms. */
function show(input: unknown): string {
  if (Array.isArray(input)) return "a list";
  if (input === null) return "null";
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return JSON.stringify(input);
  return String(input);
}

/**
 * A strict object's issue for a key it does not declare (valibot: `expected: "never"`, origin `key`).
 * valibot stops at the first such key of an object, so `structure.ts` reports them all; this one is
 * formatted the same way (the caller drops the duplicate) in case the walk could not reach it.
 */
function isUnknownKey(issue: Issue): boolean {
  const last = issue.path?.at(-1) as { origin?: string } | undefined;
  return issue.expected === "never" && last?.origin === "key";
}

/** The indexes of a list given for a mapping: `structure.ts` reports the list itself, once. */
function isListIndex(issue: Issue): boolean {
  return isUnknownKey(issue) && Array.isArray(issue.path?.at(-1)?.input);
}

/** The form a schema's message states, or valibot's own sentence made to fit after the key path. */
function expectation(issue: Issue): string {
  const m = issue.message;
  // valibot's default for an object schema ("Invalid type: Expected Object but received null").
  if (/^Invalid type/.test(m) && /^(strict_|loose_)?object$/.test(issue.type)) return `expected a mapping, got ${show(issue.input)}`;
  // Schemas not written for this formatter (valibot defaults, "Expected a percentage…") say it whole.
  if (/^(Invalid|Expected)\b/.test(m)) {
    const sentence = m.charAt(0).toLowerCase() + m.slice(1);
    return /\breceived\b/.test(m) ? sentence : `${sentence}, got ${show(issue.input)}`;
  }
  return `expected ${m}, got ${show(issue.input)}`;
}

/**
 * One line per issue, naming the dot path of the key (`benchmarks.0.options.max-rounds`), the form
 * the schema expects and the value found.
 */
export function formatIssues(issues: ReadonlyArray<Issue>, schema: SchemaNode): string[] {
  return issues.filter((issue) => !isListIndex(issue)).map((issue) => {
    const { dot, keys } = keyPath(issue);
    const where = dot === "" ? "top level" : dot;
    if (isUnknownKey(issue)) {
      const parent = schemaAt(schema, keys.slice(0, -1));
      return unknownKeyMessage(where, String(keys.at(-1)), allowedKeys((parent && unwrap(parent).entries) ?? {}));
    }
    // A missing required key comes from the parent object schema, whose message describes the
    // parent: describe the missing entry instead.
    if (issue.kind === "schema" && (issue.type === "object" || issue.type === "strict_object") && issue.received === "undefined" && keys.length > 0) {
      const about = describe(schemaAt(schema, keys) ?? { type: "unknown" });
      return `${where}: missing required key${about ? ` (${about})` : ""}`;
    }
    return `${where}: ${expectation(issue)}`;
  });
}
