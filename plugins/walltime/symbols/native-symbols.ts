/**
 * Native symbols and unwind data of the benchmark processes (reference §3.3 teardown step 4a–b),
 * from the executable mappings perf recorded: every ELF module's symbols, shifted by its load bias,
 * are appended to `perf-<pid>.map` (after the JIT lines), and each mapping gets an `.unwind_data`
 * file. Each module file is read once per run however many processes map it. Given the sampled
 * addresses, only the symbols that hold one are written (what the flame graphs can show): node
 * alone has 106k symbols, a profile a few hundred distinct addresses.
 *
 * @module
 */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withElf } from "../../../src/toolkit/elf/file.ts";
import type { LoadSegment } from "../../../src/toolkit/elf/headers.ts";
import { elfSymbols, type ElfSymbol } from "../../../src/toolkit/elf/symbols.ts";
import { elfSymbolsAt, symbolsHolding } from "../../../src/toolkit/elf/symbols-at.ts";
import { loadBias, wrapAdd } from "./load-bias.ts";
import type { Mmap } from "../perf/parse-perf-script.ts";
import { encodeUnwindData, readUnwindSections, unwindData, unwindDataFileName, type UnwindSections } from "./unwind-data.ts";

export interface NativeSymbolsSummary {
  /** Symbol lines appended over all pids. */
  symbols: number;
  /** (pid, module) pairs that got symbols. */
  modules: number;
  unwindFiles: number;
}

interface Module {
  loads: LoadSegment[];
  symbols: ElfSymbol[];
  unwind: UnwindSections | string;
}

/**
 * Mappings that are files worth reading: not anonymous memory, `[vdso]`-style pseudo paths, memfd,
 * JIT output (`jit-*.so`, and node's `jit-<pid>.dump`, which it maps executable for perf) or devices.
 */
export function isModuleMapping(m: Mmap): boolean {
  if (!m.prot.includes("x") || !m.path.startsWith("/")) return false;
  const file = m.path.split("/").pop() ?? "";
  return !(m.path.startsWith("//anon") || m.path.startsWith("/memfd:") || m.path.startsWith("/dev/") || m.path.endsWith(" (deleted)") || /^jit-.*\.(so|dump)$/.test(file));
}

/**
 * `statedOf`: only the symbols holding one of the addresses it gives for the module's segments
 * (before the load bias); all when undefined. The file is opened once for both.
 */
function loadModule(path: string, statedOf?: (loads: Module["loads"]) => bigint[]): Module | string {
  return withElf(path, (elf) =>
    elf.layoutError ?? {
      loads: elf.loads,
      symbols: statedOf ? elfSymbolsAt(elf, statedOf(elf.loads)) : elfSymbols(elf),
      unwind: readUnwindSections(elf),
    },
  );
}

/** Sampled instruction pointers per pid (every frame of every sample). */
export type SampledAddresses = Map<number, Set<bigint>>;

/** The stated addresses of `pid`'s samples inside `maps`, a module placed with `bias`. */
function statedIn(sampled: SampledAddresses, pid: number, maps: Mmap[], bias: bigint): bigint[] {
  const out: bigint[] = [];
  for (const ip of sampled.get(pid) ?? []) if (maps.some((m) => m.start <= ip && ip < m.end)) out.push(wrapAdd(ip, -bias));
  return out;
}

/**
 * Each sampled address the module at `path` (laid out as `loads`) can hold, over the mappings of
 * all `pids`, so that it is read once for all of them; undefined when no mapping of it matches a segment.
 */
function statedByModule(path: string, loads: Module["loads"], pids: number[], mmaps: Mmap[], sampled: SampledAddresses): bigint[] | undefined {
  let out: bigint[] | undefined;
  for (const m of mmaps) {
    if (m.path !== path || !pids.includes(m.pid) || !isModuleMapping(m)) continue;
    const bias = loadBias(loads, m);
    if (bias !== undefined) (out ??= []).push(...statedIn(sampled, m.pid, [m], bias));
  }
  return out;
}

/** `perf-<pid>.map` lines for `symbols` loaded with `bias`. */
export function perfMapText(symbols: ElfSymbol[], bias: bigint): string {
  const lines = new Array<string>(symbols.length);
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i]!;
    lines[i] = `${wrapAdd(s.addr, bias).toString(16)} ${s.size.toString(16)} ${s.name}\n`;
  }
  return lines.join("");
}

/**
 * The symbols that land inside `maps` with `bias`. A module mapped a second time elsewhere (node
 * remaps V8's embedded builtins next to its code range) gets the symbols of that part again, at
 * their second address; the module's first placement gets all its symbols, as in the reference.
 */
export function symbolsWithin(symbols: ElfSymbol[], bias: bigint, maps: Mmap[]): ElfSymbol[] {
  return symbols.filter((s) => {
    const at = wrapAdd(s.addr, bias);
    return maps.some((m) => m.start <= at && at < m.end);
  });
}


/** Writes symbols and unwind data for the mappings of `pids`; problems with one module are debug-logged and skipped. */
export function writeNativeSymbols(
  profileFolder: string,
  pids: number[],
  mmaps: Mmap[],
  debug: (msg: string) => void,
  sampled?: SampledAddresses,
): NativeSymbolsSummary {
  const summary: NativeSymbolsSummary = { symbols: 0, modules: 0, unwindFiles: 0 };
  const modules = new Map<string, Module | string>();
  const allPids = [...new Set(pids)];
  const seen = { modules: 0, addresses: 0 };
  const statedOf =
    sampled &&
    ((path: string) => (loads: Module["loads"]) => {
      const stated = statedByModule(path, loads, allPids, mmaps, sampled);
      if (stated) (seen.modules++, (seen.addresses += stated.length));
      return stated ?? [];
    });
  const module = (path: string): Module | string => {
    let m = modules.get(path);
    if (m === undefined) {
      modules.set(path, (m = loadModule(path, statedOf && statedOf(path))));
      if (typeof m === "string") debug(`No native symbols for "${path}": ${m}`);
      else if (typeof m.unwind === "string") debug(`No unwind data for "${path}": ${m.unwind}`);
    }
    return m;
  };
  for (const pid of new Set(pids)) {
    const byPath = new Map<string, Mmap[]>();
    for (const m of mmaps) if (m.pid === pid && isModuleMapping(m)) byPath.set(m.path, [...(byPath.get(m.path) ?? []), m]);
    const text: string[] = [];
    for (const [path, maps] of byPath) {
      const mod = module(path);
      if (typeof mod === "string") continue;
      const biases = new Map<bigint, Mmap[]>();
      for (const m of maps) {
        const bias = loadBias(mod.loads, m);
        if (bias === undefined) {
          debug(`No PT_LOAD segment of "${path}" matches the mapping at 0x${m.start.toString(16)} (file offset 0x${m.pgoff.toString(16)})`);
          continue;
        }
        biases.set(bias, [...(biases.get(bias) ?? []), m]);
        if (typeof mod.unwind === "string") continue;
        const data = unwindData(path, mod.unwind, { start: m.start, end: m.end }, bias);
        const file = join(profileFolder, unwindDataFileName(pid, data));
        if (existsSync(file)) debug(`Overwriting "${file}"`);
        writeFileSync(file, encodeUnwindData(data));
        summary.unwindFiles++;
      }
      let first = true;
      for (const [bias, group] of biases) {
        const symbols = sampled ? symbolsHolding(mod.symbols, statedIn(sampled, pid, group, bias)) : first ? mod.symbols : symbolsWithin(mod.symbols, bias, group);
        if (first && symbols.length > 0) summary.modules++;
        first = false;
        text.push(perfMapText(symbols, bias));
        summary.symbols += symbols.length;
      }
    }
    if (text.length > 0) appendFileSync(join(profileFolder, `perf-${pid}.map`), text.join(""));
  }
  if (seen.modules) debug(`Sampled addresses in ${seen.modules} modules: ${seen.addresses}`);
  return summary;
}
