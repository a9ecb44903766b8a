/**
 * Symbol maps of the benchmark processes (reference §3.3 teardown 1–2): copies
 * `/tmp/perf-<pid>.map` into the profile folder and appends the `CodeLoad` symbols of
 * `jit-<pid>.dump`. The node shim sends node's jitdump and v8 log straight to the profile folder;
 * what still lands in the benchmark's cwd (a node started otherwise) is moved there.
 *
 * Every file read here sits in a place others can write (`/tmp`, the cwd): it is opened without
 * following links and taken only when it is a regular file of the benchmark's user.
 *
 * @module
 */
import { appendFileSync, existsSync, lstatSync, readdirSync, readlinkSync, unlinkSync } from "node:fs";
import { join, normalize } from "node:path";
import { parseJitdump, perfMapLines, type JitSymbol } from "./jitdump.ts";
import { benchmarkUid, moveOwnedFile, readOwnedFile, refusalMessage } from "../../../src/toolkit/owned-file.ts";

export interface MapsCopied {
  maps: number;
  /** The jitdump symbols of each pid that had a jitdump. */
  jit: Map<number, JitSymbol[]>;
  /** With `leaveJit`: the pids whose jitdump in the profile folder was left for {@link appendJitSymbols}. */
  left: number[];
}

export interface CollectOptions {
  /** Told about each file that was refused (planted link, another user's file). */
  warn?: (msg: string) => void;
  uid?: number;
}

/** Reads an owned file, warning about one that is not; undefined when absent or refused. */
function take(path: string, o: CollectOptions): Buffer | undefined {
  const r = readOwnedFile(path, o.uid ?? benchmarkUid());
  if (!r) return undefined;
  if (!r.ok) return void o.warn?.(refusalMessage(path, r.why));
  return r.data;
}

/** Removes the shim's `jit-<pid>.dump` link if node died before its preload removed it. */
function removeShimLink(path: string, profileFolder: string): boolean {
  try {
    if (!lstatSync(path).isSymbolicLink()) return false;
    if (normalize(readlinkSync(path)) !== join(profileFolder, path.split("/").pop()!)) return false;
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Moves `jit-<pid>.dump` and `isolate-*-<pid>-v8.log` from `dir` into `profileFolder`. */
export function moveNodeArtifacts(pid: number, dir: string, profileFolder: string, o: CollectOptions = {}): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!(n === `jit-${pid}.dump` || (n.startsWith("isolate-") && n.endsWith(`-${pid}-v8.log`)))) continue;
    const from = join(dir, n);
    if (removeShimLink(from, profileFolder)) continue;
    // Even when the profile folder is full, the file does not stay in the project.
    moveOwnedFile(from, join(profileFolder, n), o.uid ?? benchmarkUid(), o.warn);
  }
}

/** The pids whose jitdump the node shim sent to the profile folder. */
export function jitdumpPids(profileFolder: string): number[] {
  try {
    return readdirSync(profileFolder).flatMap((n) => /^jit-(\d+)\.dump$/.exec(n)?.[1] ?? []).map(Number);
  } catch {
    return [];
  }
}

/**
 * Copies maps and jitdump symbols of `pids` into `profileFolder/perf-<pid>.map`, removing the `/tmp`
 * maps. `leaveJit`: a jitdump already in the profile folder is not read (a run that defers its
 * profile appends its symbols later, with {@link appendJitSymbols}).
 */
export function copySymbolMaps(pids: number[], profileFolder: string, jitDirs: string[], tmp = "/tmp", o: CollectOptions = {}, leaveJit = false): MapsCopied {
  const done: MapsCopied = { maps: 0, jit: new Map(), left: [] };
  for (const pid of new Set(pids)) {
    const target = join(profileFolder, `perf-${pid}.map`);
    const src = join(tmp, `perf-${pid}.map`);
    // /tmp is left as it was before the run, even on a full disk.
    if (moveOwnedFile(src, target, o.uid ?? benchmarkUid(), o.warn)) done.maps++;
    for (const d of jitDirs) moveNodeArtifacts(pid, d, profileFolder, o);
    let dump = take(join(tmp, `jit-${pid}.dump`), o);
    if (!dump && leaveJit && existsSync(join(profileFolder, `jit-${pid}.dump`))) {
      done.left.push(pid);
      continue;
    }
    dump ??= take(join(profileFolder, `jit-${pid}.dump`), o);
    if (!dump) continue;
    const symbols = parseJitdump(dump);
    appendFileSync(target, perfMapLines(symbols));
    done.jit.set(pid, symbols);
  }
  return done;
}

/** Appends the jitdump symbols a deferred run left (see {@link copySymbolMaps}) to `perf-<pid>.map`. */
export function appendJitSymbols(profileFolder: string, jit: Map<number, JitSymbol[]>, pids: number[]): void {
  for (const pid of pids) {
    const symbols = jit.get(pid);
    if (symbols) appendFileSync(join(profileFolder, `perf-${pid}.map`), perfMapLines(symbols));
  }
}
