/**
 * What a program printed for `--version`, kept per user (src/system/user-cache.ts) under the
 * program file's identity: path, device, inode, size, mtime and ctime. The same file answers the
 * same, so a run spawns `bpftrace --version` (~0.15 s here), `perf --version` and the others once
 * per installed version instead of every time. Only for programs whose answer depends on the file
 * alone: `node` only when it is not a version manager's shim (src/system/fingerprint.ts).
 *
 * @module
 */
import { statSync } from "node:fs";
import * as v from "valibot";
import { readCacheEntry, writeCacheEntry } from "./user-cache.ts";

const ENTRY = "versions.json";
const MAX_ENTRIES = 64;

const FileSchema = v.object({ format: v.literal(1), texts: v.record(v.string(), v.string()) });

/** The identity of the file at `path` (symlinks followed), or undefined when it cannot be read. */
export function fileIdentity(path: string, args: string[]): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${path} ${args.join(" ")} ${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/** The cache file as this process last read or wrote it (the version commands of a run share it). */
let known: Record<string, string> | undefined;

function readTexts(fresh = false): Record<string, string> {
  if (known && !fresh) return known;
  known = parseTexts(readCacheEntry(ENTRY));
  return known;
}

function parseTexts(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  try {
    const r = v.safeParse(FileSchema, JSON.parse(text));
    return r.success ? r.output.texts : {};
  } catch {
    return {};
  }
}

/**
 * The output of `run()` for the program file `path` with `args`: from the cache when that file
 * answered before, else run and stored (a `null` answer, a missing or hung program, is not stored).
 * `PACER_PROBE_CACHE=0` bypasses it, as it does the probe cache.
 */
export async function cachedVersionText(path: string, args: string[], run: () => Promise<string | null>): Promise<string | null> {
  const id = process.env.PACER_PROBE_CACHE === "0" ? undefined : fileIdentity(path, args);
  if (id === undefined) return run();
  const hit = readTexts()[id];
  if (hit !== undefined) return hit;
  const text = await run();
  if (text !== null) {
    // Read again: another pacer may have stored its answers meanwhile.
    const texts = { ...readTexts(true), [id]: text };
    known = Object.fromEntries(Object.entries(texts).slice(-MAX_ENTRIES));
    writeCacheEntry(ENTRY, JSON.stringify({ format: 1, texts: known }) + "\n");
  }
  return text;
}
