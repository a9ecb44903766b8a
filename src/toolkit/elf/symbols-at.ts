/**
 * The symbols of a module that contain given addresses, without building the whole table: node's
 * 106k symbols cost about a second as objects with names, and a profile samples a few hundred
 * addresses. The entries are read into typed arrays, sized like {@link finishSymbols} sizes them
 * (zero-size symbols reach the next one, the last to the page after it), and only the symbols that
 * hold an address get their name decoded, then go through {@link finishSymbols} as before. So the
 * result is exactly the part of `elfSymbols()` that contains the addresses.
 *
 * @module
 */
import { cString } from "./headers.ts";
import { sectionByName, type ElfFile } from "./file.ts";
import { EXACT, SYM_SIZE, elfSymbols, finishSymbols, isAddressSymbol, isArmMappingSymbol, symbolTable, type ElfSymbol } from "./symbols.ts";

const PAGE = 4096;

interface Entries {
  addr: number[];
  size: number[];
  /** Index into `tables` and the name's offset in its string table. */
  table: number[];
  nameAt: number[];
  tables: Uint8Array[];
  /** An address or size past 2^53: numbers would round, so the caller takes the exact path. */
  inexact: boolean;
}

/** A u64 as a number (exact below 2^53), without a BigInt per entry. */
const u64 = (v: DataView, at: number): number => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;

function readEntries(elf: ElfFile, out: Entries, name: ".symtab" | ".dynsym"): void {
  const table = symbolTable(elf, sectionByName(elf, name));
  if (!table) return;
  const { data, view: v, names, step } = table;
  const t = out.tables.push(names) - 1;
  for (let at = 0; at + SYM_SIZE <= data.length; at += step) {
    if (!isAddressSymbol(table, at)) continue;
    const nameAt = v.getUint32(at, true);
    // Empty names and ARM mapping symbols are dropped before sizing, as finishSymbols does.
    if (nameAt >= names.length || names[nameAt] === 0) continue;
    if (names[nameAt] === 36 && isArmMappingSymbol(cString(names, nameAt))) continue;
    const addr = u64(v, at + 8);
    const size = u64(v, at + 16);
    if (addr >= EXACT || size >= EXACT) out.inexact = true;
    out.addr.push(addr);
    out.size.push(size);
    out.table.push(t);
    out.nameAt.push(nameAt);
  }
}

/** Index of the first element of sorted `xs` that is ≥ `x`. */
function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The symbols that hold one of `stated`. */
export function symbolsHolding(symbols: ElfSymbol[], stated: bigint[]): ElfSymbol[] {
  return symbols.filter((s) => stated.some((a) => s.addr <= a && a < s.addr + s.size));
}

/**
 * The module's symbols (as `elfSymbols(elf)` gives them) that contain one of `stated` (addresses
 * before the load bias).
 */
export function elfSymbolsAt(elf: ElfFile, stated: bigint[]): ElfSymbol[] {
  const e: Entries = { addr: [], size: [], table: [], nameAt: [], tables: [], inexact: false };
  readEntries(elf, e, ".symtab");
  readEntries(elf, e, ".dynsym");
  const wanted = [...new Set(stated)].filter((a) => a < BigInt(EXACT)).map(Number).sort((a, b) => a - b);
  if (e.inexact || stated.some((a) => a >= BigInt(EXACT))) {
    return symbolsHolding(elfSymbols(elf), [...new Set(stated)]);
  }
  // Sized as after finishSymbols' stable sort by address, without sorting every entry: a zero-size
  // symbol reaches the next higher address, unless a later entry sits at the same address (then it
  // has size 0 and is dropped).
  const n = e.addr.length;
  const sorted = Float64Array.from(e.addr).sort();
  const lastAt = new Map<number, number>();
  for (let i = 0; i < n; i++) if (e.size[i] === 0 || lastAt.has(e.addr[i]!)) lastAt.set(e.addr[i]!, i);
  const picked: ElfSymbol[] = [];
  for (let i = 0; i < n; i++) {
    const addr = e.addr[i]!;
    let size = e.size[i]!;
    if (size === 0) {
      if (lastAt.get(addr) !== i) continue;
      let k = lowerBound(sorted, addr);
      while (k < n && sorted[k] === addr) k++;
      size = (k < n ? sorted[k]! : Math.ceil(addr / PAGE) * PAGE + PAGE) - addr;
    }
    const j = lowerBound(wanted, addr);
    if (j < wanted.length && wanted[j]! < addr + size) {
      picked.push({ addr: BigInt(addr), size: BigInt(size), name: cString(e.tables[e.table[i]!]!, e.nameAt[i]!) });
    }
  }
  // Sizes are final, so this only drops the `.symtab`/`.dynsym` duplicates.
  return finishSymbols(picked);
}
