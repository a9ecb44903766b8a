/**
 * Finds the project config file.
 *
 * Search: the current directory, then each parent up to and including the git root (the first
 * ancestor with a `.git` directory or file); outside a git repository only the current directory.
 * In each directory the names are tried in {@link CONFIG_FILE_NAMES} order and the nearest directory
 * wins, so a `codspeed.yml` next to the benchmarks beats a `pacer.yml` at the repository root.
 * pacer's own names come first in a directory; the CodSpeed names keep CodSpeed's order (`.yaml`
 * before `.yml`) so that a directory CodSpeed reads gives the same file under pacer.
 *
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PacerError } from "../errors.ts";
import { findGitRoot } from "../system/git.ts";

/** File names tried in each directory, first match wins. */
export const CONFIG_FILE_NAMES = [
  "pacer.yml",
  "pacer.yaml",
  "codspeed.yaml",
  "codspeed.yml",
  ".codspeed.yaml",
  ".codspeed.yml",
] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The directories searched, nearest first. */
export function searchDirs(cwd: string): string[] {
  const start = resolve(cwd);
  const root = findGitRoot(start);
  if (!root) return [start];
  const dirs: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === root || dirname(dir) === dir) return dirs;
  }
}

/**
 * Returns the config file to load (absolute), or `null` when there is none. An explicit path wins and
 * must exist. A directory holding more than one candidate gets a warning naming the one used.
 *
 * @example
 * ```ts
 * discoverConfig({ cwd: "/repo/bench" }); // { path: "/repo/codspeed.yml", warnings: [] }
 * ```
 */
export function discoverConfig(opts: { explicitPath?: string; cwd: string }): { path: string | null; warnings: string[] } {
  if (opts.explicitPath !== undefined) {
    const path = resolve(opts.cwd, opts.explicitPath);
    if (!existsSync(path)) {
      throw new PacerError("E_CONFIG", `Cannot load config "${opts.explicitPath}": file not found`, {
        hint: `Check the path given to --config (resolved to "${path}")`,
      });
    }
    if (!isFile(path)) {
      throw new PacerError("E_CONFIG", `Cannot load config "${opts.explicitPath}": not a file`, {
        hint: "Pass the path of a YAML file to --config",
      });
    }
    return { path, warnings: [] };
  }
  for (const dir of searchDirs(opts.cwd)) {
    const hits = CONFIG_FILE_NAMES.filter((name) => isFile(join(dir, name)));
    const first = hits[0];
    if (!first) continue;
    const warnings = hits.length > 1
      ? [`Found several config files in "${dir}" (${hits.map((h) => `"${h}"`).join(", ")}): using "${first}"`]
      : [];
    return { path: join(dir, first), warnings };
  }
  return { path: null, warnings: [] };
}
