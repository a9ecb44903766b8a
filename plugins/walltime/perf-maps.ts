/**
 * Symbol maps of the benchmark processes (reference §3.3 teardown 1–2): copies
 * `/tmp/perf-<pid>.map` into the profile folder and appends the `CodeLoad` symbols of
 * `jit-<pid>.dump`. node writes its jitdump (and `isolate-*-<pid>-v8.log`) into its cwd; those are
 * moved into the profile folder so runs do not litter the project.
 *
 * @module
 */
import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseJitdump, perfMapLines, type JitSymbol } from "./jitdump.ts";

export interface MapsCopied {
  maps: number;
  /** The jitdump symbols of each pid that had a jitdump. */
  jit: Map<number, JitSymbol[]>;
}

function move(from: string, to: string): void {
  copyFileSync(from, to);
  rmSync(from, { force: true });
}

/** Moves `jit-<pid>.dump` and `isolate-*-<pid>-v8.log` from `dir` into `profileFolder`. */
export function moveNodeArtifacts(pid: number, dir: string, profileFolder: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n === `jit-${pid}.dump` || (n.startsWith("isolate-") && n.endsWith(`-${pid}-v8.log`))) move(join(dir, n), join(profileFolder, n));
  }
}

/** Copies maps and jitdump symbols of `pids` into `profileFolder/perf-<pid>.map`. */
export function copySymbolMaps(pids: number[], profileFolder: string, jitDirs: string[], tmp = "/tmp"): MapsCopied {
  const done: MapsCopied = { maps: 0, jit: new Map() };
  for (const pid of new Set(pids)) {
    const target = join(profileFolder, `perf-${pid}.map`);
    const src = join(tmp, `perf-${pid}.map`);
    if (existsSync(src)) {
      copyFileSync(src, target);
      done.maps++;
    }
    for (const d of jitDirs) moveNodeArtifacts(pid, d, profileFolder);
    const dump = [join(tmp, `jit-${pid}.dump`), join(profileFolder, `jit-${pid}.dump`)].find(existsSync);
    if (!dump) continue;
    const symbols = parseJitdump(readFileSync(dump));
    appendFileSync(target, perfMapLines(symbols));
    done.jit.set(pid, symbols);
  }
  return done;
}
