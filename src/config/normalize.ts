/**
 * Turns the validated YAML shape into the camelCase {@link PacerConfig}.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import type { WalltimeOptions } from "../plugin/types.ts";
import { parseDuration } from "./duration.ts";
import type { RawConfig } from "./schema.ts";
import { splitShellWords } from "./shell-words.ts";
import type { PacerConfig, PluginSpec } from "./types.ts";

type RawWalltime = RawConfig["benchmarks"][number]["options"];

function ns(value: string | number | undefined): number | undefined {
  return value === undefined ? undefined : (parseDuration(value) ?? undefined);
}

/** Drops unset fields so `{ ...root, ...target }` merges field-wise. */
function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, val]) => val !== undefined)) as T;
}

function walltime(raw: RawWalltime): WalltimeOptions {
  return compact({
    warmupTimeNs: ns(raw["warmup-time"]),
    maxTimeNs: ns(raw["max-time"]),
    minTimeNs: ns(raw["min-time"]),
    maxRounds: raw["max-rounds"],
    minRounds: raw["min-rounds"],
  });
}

function plugin(ref: RawConfig["plugins"][number], dir: string): PluginSpec {
  const [specifier, options] = typeof ref === "string" ? [ref, undefined] : ref;
  return { specifier, path: isAbsolute(specifier) ? specifier : resolve(dir, specifier), options: options ?? {} };
}

/**
 * Converts a config that passed `ConfigSchema`; `dir` is the directory relative paths resolve
 * against; `thresholds` is the value as written (the schema's output holds it transformed).
 */
export function normalizeConfig(raw: RawConfig, dir: string, thresholds: unknown): PacerConfig {
  const wd = raw.options["working-directory"];
  return {
    options: compact({ workingDirectory: wd === undefined ? undefined : resolve(dir, wd), ...walltime(raw.options) }),
    benchmarks: raw.benchmarks.map((t) => {
      const split = splitShellWords(t.exec);
      return compact({ name: t.name, exec: t.exec, argv: split.ok ? split.argv : [], options: walltime(t.options) });
    }),
    plugins: raw.plugins.map((p) => plugin(p, dir)),
    instruments: Object.fromEntries(Object.entries(raw.instruments).map(([k, val]) => [k, val ?? {}])),
    thresholds,
    history: compact({
      path: raw.history.path === undefined ? undefined : resolve(dir, raw.history.path),
      enabled: raw.history.enabled,
    }),
    server: compact({ url: raw.server.url, tokenInFile: raw.server.token !== undefined ? true : undefined }),
  };
}
