/**
 * Copies the symbol maps of the benchmark processes into the profile folder (reference §3.3
 * teardown 1–2): `/tmp/perf-<pid>.map`, plus the `CodeLoad` symbols of `jit-<pid>.dump` (looked
 * for in /tmp, where the reference looks, and in the benchmark's cwd, where node writes it).
 *
 * @module
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJitdump, perfMapLines } from "./jitdump.ts";

export interface MapsCopied {
  maps: number;
  jitSymbols: number;
}

/** Copies maps and jitdump symbols of `pids` into `profileFolder/perf-<pid>.map`. */
export function copySymbolMaps(pids: number[], profileFolder: string, jitDirs: string[], tmp = "/tmp"): MapsCopied {
  const done: MapsCopied = { maps: 0, jitSymbols: 0 };
  for (const pid of new Set(pids)) {
    const target = join(profileFolder, `perf-${pid}.map`);
    const src = join(tmp, `perf-${pid}.map`);
    if (existsSync(src)) {
      copyFileSync(src, target);
      done.maps++;
    }
    const dump = [tmp, ...jitDirs].map((d) => join(d, `jit-${pid}.dump`)).find(existsSync);
    if (!dump) continue;
    const symbols = parseJitdump(readFileSync(dump));
    appendFileSync(target, perfMapLines(symbols));
    done.jitSymbols += symbols.length;
  }
  return done;
}
