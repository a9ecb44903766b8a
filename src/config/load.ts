/**
 * Loads the project config: find the file, parse the YAML, validate it.
 *
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { PacerError, errorMessage } from "../errors.ts";
import { discoverConfig } from "./discover.ts";
import type { LoadedConfig } from "./types.ts";
import { defaultConfig, validateConfig } from "./validate.ts";

export type { LoadedConfig, PacerConfig } from "./types.ts";

/** A config is a few kilobytes: a larger file is not one (a log, a data dump), and is not read into memory. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** `file` relative to `cwd` when inside it, else absolute: the form shown in messages. */
function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/**
 * Loads the config from `explicitPath` (relative to `cwd`; a missing file is an error) or, without it,
 * from the first file `discoverConfig` finds; with no file, every key has its default and `dir` is
 * `cwd`. Throws one `PacerError("E_CONFIG")` naming the file, each bad key path and its expected form.
 *
 * @example
 * ```ts
 * const { config, warnings, dir } = await loadConfig({ cwd: process.cwd() });
 * for (const w of warnings) log.warn(w);
 * for (const target of config.benchmarks) console.log(target.argv);
 * ```
 */
export async function loadConfig(opts: { explicitPath?: string; cwd: string }): Promise<LoadedConfig> {
  const found = discoverConfig(opts);
  if (!found.path) return { path: null, dir: opts.cwd, config: defaultConfig(opts.cwd), warnings: found.warnings };
  const path = resolve(opts.cwd, found.path);
  const label = display(path, opts.cwd);
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_CONFIG_BYTES) {
      throw new PacerError("E_CONFIG", `Cannot load config "${label}": it is ${size} bytes, more than a config file can be (${MAX_CONFIG_BYTES})`, {
        hint: opts.explicitPath ? "Check the path given to --config" : "Move the large file away from the config names pacer looks for",
      });
    }
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof PacerError) throw err;
    throw new PacerError("E_CONFIG", `Cannot read config "${label}": ${errorMessage(err)}`, {
      hint: opts.explicitPath ? "Check the path given to --config" : "Check the file's permissions",
      cause: err,
    });
  }
  const dir = dirname(path);
  // The YAML parser is loaded only when there is a file to parse: most runs have none.
  const { parseYamlConfig } = await import("./parse-yaml.ts");
  const result = validateConfig(parseYamlConfig(text, label), dir);
  const warnings = [...found.warnings, ...result.warnings.map((w) => `${label}: ${w}`)];
  if (!result.ok) {
    const [only, ...more] = result.errors;
    const detail = more.length === 0 ? only : `${result.errors.length} problems:\n${result.errors.map((e) => `  - ${e}`).join("\n")}`;
    throw new PacerError("E_CONFIG", `Invalid config "${label}": ${detail}`, {
      hint: `Edit "${label}": each line names a key by its path (e.g. benchmarks.0.options) and the value it needs`,
    });
  }
  return { path, dir, config: result.config, warnings };
}
