/**
 * Probe results kept per machine, so a run does not re-ask perf or valgrind what they could do a
 * minute ago. A plugin opts in with `probeKey(ctx)`: a string naming everything its probe depends
 * on (kernel release, tool version, sysctls). An entry is used only when the key, pacer's version
 * and the plugin's version all match. A plugin keeps the entries of its last few keys, so a machine
 * used from two Python environments, or by two pacer versions in turn, does not probe again on every
 * switch. `pacer setup` and a feature that failed during a run remove them all (the machine
 * changed), `pacer doctor` always probes fresh. `PACER_PROBE_CACHE=0` (or `--no-probe-cache`)
 * bypasses the cache.
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

const FORMAT = 2;

/** Keys kept per plugin, the most recently stored first. */
const KEYS_KEPT = 8;

const EntrySchema = v.object({ key: v.string(), result: ProbeResultSchema });
type Entry = v.InferOutput<typeof EntrySchema>;

const FileSchema = v.object({ format: v.literal(FORMAT), entries: v.array(EntrySchema) });

/** Whether the cache is on: `PACER_PROBE_CACHE=0` turns it off. */
export function probeCacheEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.PACER_PROBE_CACHE !== "0";
}

/** One file per plugin (names are kebab-case; anything else is made file-safe). */
function entryName(plugin: string): string {
  return `probe-${plugin.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

/** The full key: the plugin's own plus the versions whose probe code made the entry. */
export function fullKey(pluginKey: string, versions: { runner: string; plugin?: string }): string {
  return `pacer ${versions.runner}; plugin ${versions.plugin ?? "-"}; ${pluginKey}`;
}

/** `plugin`'s stored entries; none when its file is missing, corrupt or unsafe. */
function readEntries(plugin: string): Entry[] {
  const text = readCacheEntry(entryName(plugin));
  if (text === undefined) return [];
  try {
    const r = v.safeParse(FileSchema, JSON.parse(text));
    return r.success ? r.output.entries : [];
  } catch {
    return [];
  }
}

/** The cached result for `plugin` under `key`, or undefined (missing, other key, corrupt, unsafe). */
export function readProbeCache(plugin: string, key: string): ProbeResult | undefined {
  return readEntries(plugin).find((e) => e.key === key)?.result as ProbeResult | undefined;
}

/**
 * Stores `result` for `plugin` under `key`, first of its entries, dropping the oldest beyond
 * {@link KEYS_KEPT}. Two runs storing at once may lose one's entry (that run's next start probes);
 * a cache that cannot be written is no error.
 */
export function writeProbeCache(plugin: string, key: string, result: ProbeResult): void {
  const entries = [{ key, result }, ...readEntries(plugin).filter((e) => e.key !== key)].slice(0, KEYS_KEPT);
  writeCacheEntry(entryName(plugin), JSON.stringify({ format: FORMAT, entries }) + "\n");
}

/** Removes every entry of `plugin`: its next run probes again. */
export function invalidateProbeCache(plugin: string): void {
  removeCacheEntry(entryName(plugin));
}
