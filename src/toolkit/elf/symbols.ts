/**
 * ELF symbol tables: the raw entries of `.symtab`/`.dynsym`, the defined functions (memory's
 * allocator check) and a module's symbols sized like perf does for `perf-<pid>.map` (reference §3.3
 * teardown step 4a, v4.5.0/v4.5.1: no empty names, no ARM mapping symbols; a zero-size symbol
 * reaches the next one, the last to `roundup(addr, 4096) + 4096`).
 *
 * @module
 */
import { cString, type ElfSection } from "./headers.ts";
import { readSection, sectionByName, withElf, type ElfFile, type ReadFile } from "./file.ts";

export interface ElfSymbol {
  /** Stated virtual address (before the load bias). */
  addr: bigint;
  size: bigint;
  name: string;
}

interface RawSymbol extends ElfSymbol {
  type: number;
  shndx: number;
}

export const SYM_SIZE = 24;
const SHN_UNDEF = 0;
const STT_FUNC = 2;
const STT_SECTION = 3;
const STT_FILE = 4;
const STT_TLS = 6;
const STT_GNU_IFUNC = 10;
const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
/** Larger tables are not symbol tables of an executable pacer can read (a corrupt header). */
const MAX_TABLE = 1 << 30;
const PAGE = 4096n;
/** Addresses below this are exact as numbers. */
export const EXACT = 2 ** 53;

/** One symbol table's bytes and its string table; entries sit at `0, step, 2·step…` while `at + SYM_SIZE <= data.length`. */
export interface SymbolTable {
  data: Uint8Array;
  view: DataView;
  names: Uint8Array;
  step: number;
}

/** The table behind a section header, or undefined when it is absent, empty or implausibly large. */
export function symbolTable(elf: ElfFile, s: ElfSection | undefined): SymbolTable | undefined {
  const strs = s && elf.sections[s.link];
  if (!s || !strs || s.size === 0 || s.size > MAX_TABLE || strs.size > MAX_TABLE) return undefined;
  const data = readSection(elf, s);
  return { data, view: new DataView(data.buffer, data.byteOffset, data.byteLength), names: readSection(elf, strs), step: s.entsize >= SYM_SIZE ? s.entsize : SYM_SIZE };
}

/**
 * Whether the entry at `at` names an address in this module: undefined imports, section and file
 * symbols, and TLS offsets do not.
 */
export function isAddressSymbol(t: SymbolTable, at: number): boolean {
  const type = t.data[at + 4]! & 0xf;
  return t.view.getUint16(at + 6, true) !== SHN_UNDEF && type !== STT_SECTION && type !== STT_FILE && type !== STT_TLS;
}

function rawSymbols(elf: ElfFile, s: ElfSection | undefined): RawSymbol[] {
  const t = symbolTable(elf, s);
  if (!t) return [];
  const { data, view: v, names, step } = t;
  const out: RawSymbol[] = [];
  for (let at = 0; at + SYM_SIZE <= data.length; at += step) {
    const shndx = v.getUint16(at + 6, true);
    out.push({ type: data[at + 4]! & 0xf, shndx, addr: v.getBigUint64(at + 8, true), size: v.getBigUint64(at + 16, true), name: cString(names, v.getUint32(at, true)) });
  }
  return out;
}

/**
 * Defined symbols of one table (`.symtab` or `.dynsym`), unfiltered by name. Undefined imports,
 * section and file symbols, and TLS offsets are skipped: none of them is an address in this module.
 */
export function readSymbolTable(elf: ElfFile, table: ".symtab" | ".dynsym"): ElfSymbol[] {
  const t = symbolTable(elf, sectionByName(elf, table));
  if (!t) return [];
  const out: ElfSymbol[] = [];
  for (let at = 0; at + SYM_SIZE <= t.data.length; at += t.step) {
    if (!isAddressSymbol(t, at)) continue;
    out.push({ addr: t.view.getBigUint64(at + 8, true), size: t.view.getBigUint64(at + 16, true), name: cString(t.names, t.view.getUint32(at, true)) });
  }
  return out;
}

/** Names of defined function symbols with a non-zero address, from `.symtab`, else `.dynsym`. */
export function definedFunctions(elf: ElfFile): Set<string> {
  const table = elf.sections.find((s) => s.type === SHT_SYMTAB) ?? elf.sections.find((s) => s.type === SHT_DYNSYM);
  const out = new Set<string>();
  for (const s of rawSymbols(elf, table)) {
    if ((s.type === STT_FUNC || s.type === STT_GNU_IFUNC) && s.shndx !== SHN_UNDEF && s.addr !== 0n) out.add(s.name);
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

/** {@link moduleSymbols} of an open file (none for a layout other than 64-bit little-endian). */
export function elfSymbols(elf: ElfFile): ElfSymbol[] {
  return finishSymbols([...readSymbolTable(elf, ".symtab"), ...readSymbolTable(elf, ".dynsym")]);
}

/**
 * The module's symbols from `.symtab` and `.dynsym` (both: a stripped library keeps only `.dynsym`,
 * and `.symtab` holds local functions `.dynsym` lacks), or a reason string when the file cannot be read.
 *
 * @example
 * ```ts
 * const libc = moduleSymbols("/lib/x86_64-linux-gnu/libc.so.6");
 * if (typeof libc !== "string") console.log(libc.find((s) => s.name === "malloc"));
 * ```
 */
export function moduleSymbols(path: string, read?: ReadFile): ElfSymbol[] | string {
  return withElf(path, (elf) => elf.layoutError ?? elfSymbols(elf), read);
}
