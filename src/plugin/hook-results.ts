/**
 * What the host accepts from a plugin's `probe` and `wrap`: checked where the result arrives, so a
 * plugin's mistake names the plugin, the hook and the field instead of failing later in the spawn
 * or the probe report. (`collect`'s result has its own file: `measurement-schema.ts`.)
 *
 * @module
 */
import * as v from "valibot";
import { PluginError } from "../errors.ts";
import type { Command, ProbeResult } from "./types.ts";

const FeatureSchema = v.object({
  enabled: v.boolean("true or false"),
  reason: v.optional(v.string("a string")),
  value: v.optional(v.union([v.string(), v.number(), v.boolean()], "a string, a number or a boolean")),
});

export const ProbeResultSchema = v.object(
  {
    status: v.picklist(["supported", "degraded", "unsupported"], `"supported", "degraded" or "unsupported"`),
    features: v.record(v.string(), FeatureSchema, "a mapping of features"),
    reasons: v.array(v.string("a string"), "a list of strings"),
    hint: v.optional(v.string("a string")),
    needsSetup: v.optional(v.boolean("true or false")),
  },
  "a probe result { status, features, reasons }",
);

const CommandSchema = v.object(
  {
    argv: v.pipe(v.array(v.string("a string"), "a list of strings"), v.minLength(1, "a non-empty list of strings")),
    env: v.record(v.string(), v.string("a string"), "a mapping of strings"),
    cwd: v.string("a string"),
  },
  "a command { argv, env, cwd }",
);

function show(input: unknown): string {
  if (Array.isArray(input)) return input.length ? "a list" : "an empty list";
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (typeof input === "object") return "a mapping";
  return typeof input === "string" ? JSON.stringify(input) : String(input);
}

function check<T>(schema: v.GenericSchema, plugin: string, hook: "probe" | "wrap", value: unknown, hint: string): T {
  const r = v.safeParse(schema, value);
  if (r.success) return value as T;
  const issue = r.issues[0];
  const dot = v.getDotPath(issue) ?? "";
  const missing = issue.type === "object" && issue.input === undefined && dot !== "";
  const detail = missing ? `${dot}: missing` : `${dot || "the result"}: expected ${issue.message}, got ${show(issue.input)}`;
  throw new PluginError(plugin, hook, `returned a malformed result: ${detail}`, { hint });
}

/** `value` when it is a {@link ProbeResult}, else a `[plugin x] probe: …` error. */
export function checkProbeResult(plugin: string, value: unknown): ProbeResult {
  return check(ProbeResultSchema, plugin, "probe", value, `Return { status, features, reasons } from the "probe" hook of plugin "${plugin}"`);
}

/** `value` when it is a {@link Command} with a non-empty argv of strings, else a `[plugin x] wrap: …` error. */
export function checkCommand(plugin: string, value: unknown): Command {
  return check(CommandSchema, plugin, "wrap", value, "Return the command you were given, changed, e.g. `{ ...cmd, argv: [...] }`");
}
