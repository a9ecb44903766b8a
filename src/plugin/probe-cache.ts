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
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { writeFileAtomic } from "../system/atomic-file.ts";
import { ProbeResultSchema } from "./hook-results.ts";
import type { ProbeResult } from "./types.ts";

const FORMAT = 1;

const EntrySchema = v.object({
  format: v.literal(FORMAT),
  key: v.string(),
  result: ProbeResultSchema,
});

/** Where the cache lives: `$XDG_CACHE_HOME/pacer`, else `~/.cache/pacer` (an absolute XDG path only, as the spec says). */
export function probeCacheDir(env: Record<string, string | undefined> = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith("/") ? xdg : join(env.HOME || homedir(), ".cache"), "pacer");
}

/** Whether the cache is on: `PACER_PROBE_CACHE=0` turns it off. */
export function probeCacheEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.PACER_PROBE_CACHE !== "0";
}

/** A real folder owned by us that nobody else can write, or undefined. */
function safeDir(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    const uid = process.getuid?.() ?? st.uid;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** The cache folder, made 0700 when missing; undefined when it cannot be used safely. */
function cacheDir(create: boolean): string | undefined {
  const dir = probeCacheDir();
  if (create) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      return undefined;
    }
  }
  return safeDir(dir) ? dir : undefined;
}

/** One entry per plugin (names are kebab-case; anything else is made file-safe). */
function entryPath(dir: string, plugin: string): string {
  return join(dir, `probe-${plugin.replace(/[^A-Za-z0-9_-]/g, "_")}.json`);
}

/** The full key: the plugin's own plus the versions whose probe code made the entry. */
export function fullKey(pluginKey: string, versions: { runner: string; plugin?: string }): string {
  return `pacer ${versions.runner}; plugin ${versions.plugin ?? "-"}; ${pluginKey}`;
}

/** The cached result for `plugin` under `key`, or undefined (missing, other key, corrupt, unsafe). */
export function readProbeCache(plugin: string, key: string): ProbeResult | undefined {
  const dir = cacheDir(false);
  if (!dir) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(entryPath(dir, plugin), constants.O_RDONLY | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile() || fstatSync(fd).size > 1 << 20) return undefined;
    const r = v.safeParse(EntrySchema, JSON.parse(readFileSync(fd, "utf8")));
    return r.success && r.output.key === key ? (r.output.result as ProbeResult) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Stores `result` for `plugin`; a cache that cannot be written is no error (the next run probes). */
export function writeProbeCache(plugin: string, key: string, result: ProbeResult): void {
  const dir = cacheDir(true);
  if (!dir) return;
  try {
    writeFileAtomic(entryPath(dir, plugin), JSON.stringify({ format: FORMAT, key, result }) + "\n");
  } catch {
    // Full disk, read-only home: the cache is an optimisation.
  }
}

/** Removes `plugin`'s entry: its next run probes again. */
export function invalidateProbeCache(plugin: string): void {
  const dir = cacheDir(false);
  if (!dir) return;
  try {
    unlinkSync(entryPath(dir, plugin));
  } catch {
    // Nothing cached.
  }
}
