/**
 * A module's ELF symbols for `perf-<pid>.map` (reference §3.3 teardown step 4a, v4.5.0/v4.5.1):
 * `.symtab` and `.dynsym`, without empty names and ARM mapping symbols; zero-size symbols are sized
 * like perf does (up to the next symbol; the last one to `roundup(addr, 4096) + 4096`).
 *
 * @module
 */
import { cString, readSection, sectionByName, withElf, type ElfFile } from "./elf-file.ts";

export interface ElfSymbol {
  /** Stated virtual address (before the load bias). */
  addr: bigint;
  size: bigint;
  name: string;
}

const SYM_SIZE = 24;
const SHN_UNDEF = 0;
const STT_SECTION = 3;
const STT_FILE = 4;
const STT_TLS = 6;
const PAGE = 4096n;
const EXACT = 2 ** 53;

/**
 * Defined symbols of one table (`.symtab` or `.dynsym`), unfiltered by name. Undefined imports,
 * section and file symbols, and TLS offsets are skipped: none of them is an address in this module.
 */
export function readSymbolTable(elf: ElfFile, table: ".symtab" | ".dynsym"): ElfSymbol[] {
  const s = sectionByName(elf, table);
  const strs = s && elf.sections[s.link];
  if (!s || !strs || s.size === 0) return [];
  const data = readSection(elf, s);
  const names = readSection(elf, strs);
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const step = s.entsize >= SYM_SIZE ? s.entsize : SYM_SIZE;
  const out: ElfSymbol[] = [];
  for (let at = 0; at + SYM_SIZE <= data.length; at += step) {
    const type = data[at + 4]! & 0xf;
    if (v.getUint16(at + 6, true) === SHN_UNDEF || type === STT_SECTION || type === STT_FILE || type === STT_TLS) continue;
    out.push({ addr: v.getBigUint64(at + 8, true), size: v.getBigUint64(at + 16, true), name: cString(names, v.getUint32(at, true)) });
  }
  return out;
}

/** ARM ELF mapping symbols (`$a`, `$d`, `$t`, `$x`, optionally `.suffix`), which perf rejects too. */
export function isArmMappingSymbol(name: string): boolean {
  return /^\$[adtx](\..*)?$/s.test(name);
}

/** Drops empty names, mapping symbols and duplicates; sorts by address; sizes zero-size symbols. */
export function finishSymbols(symbols: ElfSymbol[]): ElfSymbol[] {
  // BigInt comparisons made sorting node's 180k symbols 30 times slower: sort (stably, like the
  // reference) on a number key, with the exact address only to break ties above 2^53.
  const kept = symbols
    .filter((s) => s.name !== "" && !(s.name.charCodeAt(0) === 36 && isArmMappingSymbol(s.name)))
    .map((s) => ({ k: Number(s.addr), s }));
  kept.sort((a, b) => a.k - b.k || (a.k < EXACT ? 0 : a.s.addr < b.s.addr ? -1 : a.s.addr > b.s.addr ? 1 : 0));
  const out: ElfSymbol[] = [];
  const outKeys: number[] = [];
  for (let i = 0; i < kept.length; i++) {
    const { k, s } = kept[i]!;
    let size = s.size;
    if (size === 0n) {
      const next = kept[i + 1];
      size = (next ? next.s.addr : ((s.addr + PAGE - 1n) / PAGE) * PAGE + PAGE) - s.addr;
      if (size === 0n) continue;
    }
    // `.symtab` and `.dynsym` both list exported functions: one line per (address, name).
    let dup = false;
    for (let j = out.length - 1; j >= 0 && !dup && outKeys[j] === k; j--) dup = out[j]!.name === s.name && out[j]!.addr === s.addr;
    if (dup) continue;
    out.push(size === s.size ? s : { ...s, size });
    outKeys.push(k);
  }
  return out;
}

/**
 * The module's symbols from `.symtab` and `.dynsym` (both: a stripped library keeps only `.dynsym`,
 * and `.symtab` holds local functions `.dynsym` lacks), or a reason string when the file cannot be read.
 *
 * @example
 * const libc = moduleSymbols("/lib/x86_64-linux-gnu/libc.so.6");
 * if (typeof libc !== "string") console.log(libc.find((s) => s.name === "malloc"));
 */
export function moduleSymbols(path: string): ElfSymbol[] | string {
  return withElf(path, elfSymbols);
}

/** {@link moduleSymbols} of an open file. */
export const elfSymbols = (elf: ElfFile): ElfSymbol[] => finishSymbols([...readSymbolTable(elf, ".symtab"), ...readSymbolTable(elf, ".dynsym")]);
