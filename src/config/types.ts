/**
 * The validated project config as the rest of pacer sees it: camelCase fields, durations in
 * nanoseconds, paths absolute, commands split into argv. The kebab-case form exists only in YAML.
 *
 * @module
 */
import type { WalltimeOptions } from "../plugin/types.ts";

/** Root `options`: the walltime loop options plus the benchmark's working directory. */
export interface ConfigOptions extends WalltimeOptions {
  /** Absolute; a relative `working-directory` is resolved against the config file's directory. */
  workingDirectory?: string;
}

/** One `benchmarks:` entry. */
export interface ConfigTarget {
  name?: string;
  /** The command as written. */
  exec: string;
  /** `exec` split into words (never empty). */
  argv: string[];
  /** This target's own walltime options (not merged with the root ones: see `configTargets`). */
  options: WalltimeOptions;
}

/** One `plugins:` entry. */
export interface PluginSpec {
  /** As written in the config (`"./my-plugin.ts"`), for messages. */
  specifier: string;
  /** Absolute path, resolved against the config file's directory. */
  path: string;
  options: Record<string, unknown>;
}

export interface HistoryConfig {
  /** Absolute, resolved against the config file's directory; unset means the default location. */
  path?: string;
  /** Unset means the default (decided by the history code). */
  enabled?: boolean;
}

export interface ServerConfig {
  url?: string;
  /** A `token:` key was written in the file: refused by a rule (its value is never kept). */
  tokenInFile?: boolean;
}

export interface PacerConfig {
  options: ConfigOptions;
  benchmarks: ConfigTarget[];
  plugins: PluginSpec[];
  /** Plugin name → options, not validated here: each plugin validates its own slice. */
  instruments: Record<string, Record<string, unknown>>;
  /** As written; validated at load with the compare step's `ThresholdsSchema`, which parses it again. */
  thresholds: unknown;
  history: HistoryConfig;
  server: ServerConfig;
}

/** What `loadConfig` returns. */
export interface LoadedConfig {
  /** Absolute path of the file loaded, or `null` when none was found (defaults apply). */
  path: string | null;
  /** Directory relative paths resolve against (and commands run from): the file's, or `cwd`. */
  dir: string;
  config: PacerConfig;
  /** Unknown keys and rule warnings, ready to print. */
  warnings: string[];
}
