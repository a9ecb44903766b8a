/**
 * Probe results kept per machine, so a run does not re-ask perf or valgrind what they could do a
 * minute ago. A plugin opts in with `probeKey(ctx)`: a string naming everything its probe depends
 * on (kernel release, tool version, sysctls). An entry is used only when the key, pacer's version
 * and the plugin's version all match; `pacer setup` and a feature that failed during a run remove
 * it, `pacer doctor` always probes fresh. `PACER_PROBE_CACHE=0` (or `--no-probe-cache`) bypasses it.
 *
 * The folder is the user's cache dir (`$XDG_CACHE_HOME/pacer`, else `~/.cache/pacer`), created
 * 0700; a folder that is a symlink, not ours, or writable by others is not used, and entries are
 * opened with O_NOFOLLOW and validated: a corrupt one counts as missing.
 *
 * @module
 */
import * as v from "valibot";
import { readCacheEntry, removeCacheEntry, writeCacheEntry } from "../system/user-cache.ts";
import { ProbeResultSchema } from "./hook-results.ts";
import type { ProbeResult } from "./types.ts";

const FORMAT = 1;

const EntrySchema = v.object({
  format: v.literal(FORMAT),
  key: v.string(),
  result: ProbeResultSchema,
});

/** Whether the cache is on: `PACER_PROBE_CACHE=0` turns it off. */
export function probeCacheEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.PACER_PROBE_CACHE !== "0";
}

/** One entry per plugin (names are kebab-case; anything else is made file-safe). */
function entryName(plugin: string): string {
  return `probe-${plugin.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

/** The full key: the plugin's own plus the versions whose probe code made the entry. */
export function fullKey(pluginKey: string, versions: { runner: string; plugin?: string }): string {
  return `pacer ${versions.runner}; plugin ${versions.plugin ?? "-"}; ${pluginKey}`;
}

/** The cached result for `plugin` under `key`, or undefined (missing, other key, corrupt, unsafe). */
export function readProbeCache(plugin: string, key: string): ProbeResult | undefined {
  const text = readCacheEntry(entryName(plugin));
  if (text === undefined) return undefined;
  try {
    const r = v.safeParse(EntrySchema, JSON.parse(text));
    return r.success && r.output.key === key ? (r.output.result as ProbeResult) : undefined;
  } catch {
    return undefined;
  }
}

/** Stores `result` for `plugin`; a cache that cannot be written is no error (the next run probes). */
export function writeProbeCache(plugin: string, key: string, result: ProbeResult): void {
  writeCacheEntry(entryName(plugin), JSON.stringify({ format: FORMAT, key, result }) + "\n");
}

/** Removes `plugin`'s entry: its next run probes again. */
export function invalidateProbeCache(plugin: string): void {
  removeCacheEntry(entryName(plugin));
}
