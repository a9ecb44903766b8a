/**
 * Picks the tracker per executable: the preload library where the dynamic loader will load it
 * (dynamically linked ELF, or a script whose interpreter is), eBPF uprobes where it will not
 * (statically linked ELF, probing the allocator symbols it defines).
 *
 * @module
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { ownAllocatorSymbols, probeableSymbols } from "./bpftrace-script.ts";
import { withElf, type ReadFile } from "../../src/toolkit/elf/file.ts";
import { definedFunctions } from "../../src/toolkit/elf/symbols.ts";

export type TrackerChoice =
  | { kind: "preload"; exe: string | null; why: string }
  /** Uprobes on the executable's own allocator; `preload` too when it is dynamically linked. */
  | { kind: "ebpf"; exe: string; symbols: string[]; preload: boolean; why: string }
  | { kind: "none"; exe: string; why: string };

/** Resolves a command name as execvp would: a path when it has a slash, else through PATH. */
export function resolveExecutable(name: string, cwd: string, path = process.env.PATH ?? ""): string | null {
  const candidates = name.includes("/") ? [isAbsolute(name) ? name : resolve(cwd, name)] : path.split(delimiter).filter(Boolean).map((d) => join(resolve(cwd, d), name));
  for (const c of candidates) {
    try {
      if (!statSync(c).isFile()) continue;
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next candidate
    }
  }
  return null;
}

/**
 * Decides how `argv0` is measured.
 *
 * @example
 * ```ts
 * chooseTracker("node", process.cwd()); // { kind: "preload", exe: "/usr/bin/node", why: "dynamically linked" }
 * ```
 */
/**
 * Whether `path` is dynamically linked (has `PT_INTERP`) and which functions it defines; a reason
 * string when it is no 64-bit little-endian ELF. Reads only headers and one symbol table.
 */
export function executableFacts(path: string, read?: ReadFile): { dynamic: boolean; functions: Set<string> } | string {
  return withElf(path, (elf) => elf.layoutError ?? { dynamic: elf.linkage === "dynamic", functions: definedFunctions(elf) }, read);
}

export function chooseTracker(argv0: string, cwd: string, path?: string): TrackerChoice {
  const exe = resolveExecutable(argv0, cwd, path);
  if (!exe) return { kind: "preload", exe: null, why: "not found on PATH (left to the shell to report)" };
  const elf = executableFacts(exe);
  if (typeof elf === "string") return { kind: "preload", exe, why: `${elf}: a script, measured through its interpreter` };
  if (elf.dynamic) {
    const own = ownAllocatorSymbols(elf.functions);
    if (own.length === 0) return { kind: "preload", exe, why: "dynamically linked" };
    return { kind: "ebpf", exe, symbols: own, preload: true, why: `dynamically linked with its own allocator; uprobes on ${own.length} allocator symbols, preload library for the rest` };
  }
  const symbols = probeableSymbols(elf.functions);
  if (symbols.length === 0) return { kind: "none", exe, why: "statically linked and defines no allocator symbol pacer knows (stripped?)" };
  return { kind: "ebpf", exe, symbols, preload: false, why: `statically linked; uprobes on ${symbols.length} allocator symbols` };
}
