/**
 * Loads built-in and user plugins: resolves factories, checks the shape of user plugins with valibot
 * before anything calls them.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import * as v from "valibot";
import { PacerError, errorMessage } from "../errors.ts";
import { HOOKS, HOOK_NAMES, type HookName } from "./hooks.ts";
import { ModeSpecSchema } from "./mode-schema.ts";
import type { InstrumentPlugin, Resolvable } from "./types.ts";

/** A user plugin reference: path plus options, as given by `--plugin` or `plugins:` in the config. */
export interface PluginSpec {
  path: string;
  options?: unknown;
}

const fn = v.custom<(...args: unknown[]) => unknown>((x) => typeof x === "function", "expected a function");
const optionalFn = v.optional(fn);

/** One entry per hook of the hook table: required hooks must be functions, the others may be absent. */
const hookShapes = Object.fromEntries(HOOK_NAMES.map((h) => [h, HOOKS[h].required ? fn : optionalFn])) as Record<HookName, typeof optionalFn>;

const PluginShape = v.object({
  name: v.pipe(v.string("expected a string"), v.regex(/^[a-z][a-z0-9-]*$/, "expected a kebab-case name like \"cpu-time\"")),
  apiVersion: v.literal(1, "expected 1 (the only plugin API version)"),
  version: v.optional(v.string()),
  // A ModeSpec object is checked on its own (`modeIssue`), so its messages name the key inside it.
  mode: v.optional(v.union([v.pipe(v.string(), v.minLength(1)), v.looseObject({})], "expected a mode name or a ModeSpec")),
  integrationMode: v.optional(v.union([v.picklist(["perf", "analysis", "none"]), fn])),
  enforce: v.optional(v.picklist(["pre", "post"])),
  options: optionalFn,
  optionsFromEnv: optionalFn,
  ...hookShapes,
});

export async function resolvePlugin(r: Resolvable<InstrumentPlugin<any>>): Promise<InstrumentPlugin<unknown>> {
  return typeof r === "function" ? await r() : r;
}

/** Imports a user plugin file and checks its shape; errors name the file and what is wrong. */
export async function loadUserPlugin(spec: PluginSpec, cwd: string): Promise<InstrumentPlugin<unknown>> {
  const path = resolve(cwd, spec.path);
  if (!existsSync(path)) {
    throw new PacerError("E_PLUGIN", `Cannot load plugin "${spec.path}": file "${path}" does not exist`, {
      hint: "Check the path given with --plugin or under `plugins:` in the config (relative paths start at the config file)",
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch (err) {
    throw new PacerError("E_PLUGIN", `Cannot load plugin "${spec.path}": ${errorMessage(err)}`, {
      cause: err,
      hint: "A plugin file cannot import packages: use `import type` only and take helpers from the context (ctx.libs, ctx.exec)",
    });
  }
  const exported = (mod.default ?? mod.plugin) as Resolvable<InstrumentPlugin<unknown>> | undefined;
  if (exported === undefined) {
    throw new PacerError("E_PLUGIN", `Cannot load plugin "${spec.path}": it has no default export`, {
      hint: "Add `export default definePlugin({ ... })` (or a plain object) to the file",
    });
  }
  let plugin: unknown;
  try {
    plugin = await resolvePlugin(exported as Resolvable<InstrumentPlugin<any>>);
  } catch (err) {
    throw new PacerError("E_PLUGIN", `Cannot load plugin "${spec.path}": its factory threw: ${errorMessage(err)}`, { cause: err });
  }
  const checked = v.safeParse(PluginShape, plugin);
  const issue = checked.success ? modeIssue((plugin as { mode?: unknown }).mode) : checked.issues[0];
  if (issue) {
    const key = v.getDotPath(issue);
    const hooks: string[] = [...HOOK_NAMES, "options", "optionsFromEnv"];
    const what =
      issue.input === undefined && key
        ? `missing ${hooks.includes(key) ? "function" : "key"} "${key}"`
        : `"${key ?? "(root)"}": ${issue.message}`;
    throw new PacerError("E_PLUGIN", `Cannot load plugin "${spec.path}": ${what}`, {
      hint: "See \"Writing an instrument plugin\" in the README for the required shape",
    });
  }
  return plugin as InstrumentPlugin<unknown>;
}

/** The first problem of a ModeSpec given as `mode`, with its path starting at `mode`. */
function modeIssue(mode: unknown): v.BaseIssue<unknown> | undefined {
  if (typeof mode !== "object" || mode === null) return undefined;
  const r = v.safeParse(ModeSpecSchema, mode);
  if (r.success) return undefined;
  const first = r.issues[0];
  return { ...first, path: [{ type: "object", origin: "value", input: { mode }, key: "mode", value: mode }, ...(first.path ?? [])] } as v.BaseIssue<unknown>;
}
