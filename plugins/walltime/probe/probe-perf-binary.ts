/**
 * Finds a working perf: `perf` on PATH, else the newest `/usr/lib/linux-tools-*\/perf` (Ubuntu HWE
 * kernels ship a `perf` wrapper that fails for their own kernel).
 *
 * @module
 */
import { readdirSync } from "node:fs";
import type { PluginContext } from "../../../src/index.ts";
import { parsePerfVersion } from "./parse-perf-build.ts";

export type Exec = PluginContext["exec"];

export interface PerfBinary {
  path: string;
  version: string;
}

/** Lists `/usr/lib/linux-tools-*\/perf` candidates, oldest first (sorted like `sort | tail -n1`). */
export function linuxToolsPerfs(root = "/usr/lib"): string[] {
  try {
    return readdirSync(root)
      .filter((d) => d.startsWith("linux-tools-"))
      .sort()
      .map((d) => `${root}/${d}/perf`);
  } catch {
    return [];
  }
}

async function versionOf(exec: Exec, path: string): Promise<string | undefined> {
  const r = await exec([path, "--version"], { timeoutMs: 10_000 });
  return r.code === 0 ? parsePerfVersion(r.stdout) : undefined;
}

/** The first perf that answers `--version`, or undefined. */
export async function findWorkingPerf(exec: Exec, fallbacks = linuxToolsPerfs()): Promise<PerfBinary | undefined> {
  for (const path of ["perf", ...fallbacks.reverse()]) {
    const version = await versionOf(exec, path);
    if (version) return { path, version };
  }
  return undefined;
}
