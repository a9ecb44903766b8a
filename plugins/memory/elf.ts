/**
 * Just enough ELF reading to pick a tracker per executable: is it dynamically linked (has
 * `PT_INTERP`), and which allocator symbols does it define (`.symtab`, else `.dynsym`). Only the
 * parts needed are read (header, program and section headers, one symbol table and its strings),
 * never the whole file: build folders hold executables of hundreds of megabytes.
 *
 * @module
 */
import { closeSync, openSync, readSync } from "node:fs";

export interface ElfInfo {
  /** 64-bit little-endian objects only; others are reported as unsupported. */
  class: 64;
  machine: number;
  /** Has a program interpreter: the dynamic loader will honour LD_PRELOAD. */
  dynamic: boolean;
  /** Names of defined function symbols with a non-zero address. */
  functions: Set<string>;
}

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Uint8Array;

const PT_INTERP = 3;
const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
const STT_FUNC = 2;
const STT_GNU_IFUNC = 10;
/** Larger tables are not symbol tables of an executable pacer can probe (a corrupt header). */
const MAX_TABLE = 1 << 30;
/** Program and section header tables are far smaller (at most 65535 entries). */
const MAX_HEADERS = 1 << 24;

interface Section {
  type: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** Parses an ELF image read through `readAt`; a reason string when it is not a 64-bit little-endian ELF. */
export function parseElfFrom(readAt: ReadAt): ElfInfo | string {
  const head = readAt(0, 64);
  if (head.length < 64 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return "not an ELF file";
  if (head[4] !== 2 || head[5] !== 1) return "not a 64-bit little-endian ELF file";
  const h = view(head);
  const machine = h.getUint16(18, true);
  const phoff = Number(h.getBigUint64(32, true));
  const shoff = Number(h.getBigUint64(40, true));
  const phentsize = h.getUint16(54, true);
  const phnum = h.getUint16(56, true);
  const shentsize = h.getUint16(58, true);
  const shnum = h.getUint16(60, true);
  let dynamic = false;
  if (phentsize >= 4 && phnum * phentsize <= MAX_HEADERS) {
    const ph = readAt(phoff, phnum * phentsize);
    const v = view(ph);
    for (let at = 0; at + 4 <= ph.length; at += phentsize) if (v.getUint32(at, true) === PT_INTERP) dynamic = true;
  }
  const sections: Section[] = [];
  if (shentsize >= 64 && shnum * shentsize <= MAX_HEADERS) {
    const sh = readAt(shoff, shnum * shentsize);
    const v = view(sh);
    for (let at = 0; at + 64 <= sh.length; at += shentsize) {
      const u64 = (o: number): number => Number(v.getBigUint64(at + o, true));
      sections.push({ type: v.getUint32(at + 4, true), offset: u64(24), size: u64(32), link: v.getUint32(at + 40, true), entsize: u64(56) });
    }
  }
  const table = sections.find((s) => s.type === SHT_SYMTAB) ?? sections.find((s) => s.type === SHT_DYNSYM);
  const strtab = table ? sections[table.link] : undefined;
  const functions = new Set<string>();
  if (table && strtab && table.entsize >= 24 && table.size <= MAX_TABLE && strtab.size <= MAX_TABLE) {
    const syms = readAt(table.offset, table.size);
    const strs = readAt(strtab.offset, strtab.size);
    const v = view(syms);
    const decoder = new TextDecoder();
    for (let at = 0; at + 24 <= syms.length; at += table.entsize) {
      const kind = syms[at + 4]! & 0xf;
      const shndx = v.getUint16(at + 6, true);
      if ((kind !== STT_FUNC && kind !== STT_GNU_IFUNC) || shndx === 0 || v.getBigUint64(at + 8, true) === 0n) continue;
      const nameAt = v.getUint32(at, true);
      const end = strs.indexOf(0, nameAt);
      functions.add(decoder.decode(strs.subarray(nameAt, end < 0 ? strs.length : end)));
    }
  }
  return { class: 64, machine, dynamic, functions };
}

/** Parses an ELF image held in memory. */
export function parseElf(buf: Uint8Array): ElfInfo | string {
  return parseElfFrom((offset, length) => buf.subarray(Math.min(offset, buf.length), Math.min(offset + length, buf.length)));
}

/** `fs.readSync` with positional arguments. */
export type ReadFile = (fd: number, buf: Uint8Array, offset: number, length: number, position: number) => number;

/**
 * Reads and parses an ELF file; a reason string when it cannot. `read` is `fs.readSync` (a test
 * counts the bytes it reads).
 */
export function readElf(path: string, read: ReadFile = (fd, b, o, l, p) => readSync(fd, b, o, l, p)): ElfInfo | string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  try {
    return parseElfFrom((offset, length) => {
      const buf = new Uint8Array(length);
      let off = 0;
      while (off < length) {
        const n = read(fd, buf, off, length - off, offset + off);
        if (n <= 0) break;
        off += n;
      }
      return buf.subarray(0, off);
    });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    closeSync(fd);
  }
}
