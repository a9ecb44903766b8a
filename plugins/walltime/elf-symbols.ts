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
  const seen = new Set<string>();
  const kept = symbols.filter((s) => {
    if (s.name === "" || isArmMappingSymbol(s.name)) return false;
    const key = `${s.addr} ${s.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  kept.sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  return kept
    .map((s, i) => {
      if (s.size !== 0n) return s;
      const next = kept[i + 1];
      const end = next ? next.addr : ((s.addr + PAGE - 1n) / PAGE) * PAGE + PAGE;
      return { ...s, size: end - s.addr };
    })
    .filter((s) => s.size > 0n);
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
  return withElf(path, (elf) => finishSymbols([...readSymbolTable(elf, ".symtab"), ...readSymbolTable(elf, ".dynsym")]));
}
