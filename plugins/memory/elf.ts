/**
 * Just enough ELF reading to pick a tracker per executable: is it dynamically linked (has
 * `PT_INTERP`), and which allocator symbols does it define (`.symtab`, else `.dynsym`).
 *
 * @module
 */
import { closeSync, openSync, readSync, fstatSync } from "node:fs";

export interface ElfInfo {
  /** 64-bit little-endian objects only; others are reported as unsupported. */
  class: 64;
  machine: number;
  /** Has a program interpreter: the dynamic loader will honour LD_PRELOAD. */
  dynamic: boolean;
  /** Names of defined function symbols with a non-zero address. */
  functions: Set<string>;
}

const PT_INTERP = 3;
const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
const STT_FUNC = 2;
const STT_GNU_IFUNC = 10;

/** Parses an ELF image; returns a reason string when it is not a 64-bit little-endian ELF. */
export function parseElf(buf: Uint8Array): ElfInfo | string {
  if (buf.length < 64 || buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) return "not an ELF file";
  if (buf[4] !== 2 || buf[5] !== 1) return "not a 64-bit little-endian ELF file";
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u64 = (o: number): number => Number(v.getBigUint64(o, true));
  const machine = v.getUint16(18, true);
  const phoff = u64(32);
  const shoff = u64(40);
  const phentsize = v.getUint16(54, true);
  const phnum = v.getUint16(56, true);
  const shentsize = v.getUint16(58, true);
  const shnum = v.getUint16(60, true);
  let dynamic = false;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 <= buf.length && v.getUint32(at, true) === PT_INTERP) dynamic = true;
  }
  const sections: Array<{ type: number; offset: number; size: number; link: number; entsize: number }> = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    if (at + 64 > buf.length) break;
    sections.push({ type: v.getUint32(at + 4, true), offset: u64(at + 24), size: u64(at + 32), link: v.getUint32(at + 40, true), entsize: u64(at + 56) });
  }
  const table = sections.find((s) => s.type === SHT_SYMTAB) ?? sections.find((s) => s.type === SHT_DYNSYM);
  const functions = new Set<string>();
  const strtab = table ? sections[table.link] : undefined;
  if (table && strtab && table.entsize >= 24) {
    const decoder = new TextDecoder();
    for (let at = table.offset; at + 24 <= table.offset + table.size && at + 24 <= buf.length; at += table.entsize) {
      const kind = buf[at + 4]! & 0xf;
      const shndx = v.getUint16(at + 6, true);
      if ((kind !== STT_FUNC && kind !== STT_GNU_IFUNC) || shndx === 0 || v.getBigUint64(at + 8, true) === 0n) continue;
      const nameAt = strtab.offset + v.getUint32(at, true);
      let end = nameAt;
      while (end < buf.length && buf[end] !== 0) end++;
      functions.add(decoder.decode(buf.subarray(nameAt, end)));
    }
  }
  return { class: 64, machine, dynamic, functions };
}

/** Reads and parses an ELF file; a reason string when it cannot. */
export function readElf(path: string): ElfInfo | string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  try {
    const size = fstatSync(fd).size;
    const buf = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return parseElf(buf.subarray(0, off));
  } finally {
    closeSync(fd);
  }
}
