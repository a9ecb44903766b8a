/**
 * Just enough ELF to symbolise and unwind a mapped module: section headers (by name), `PT_LOAD`
 * program headers, and positional reads of single sections. 64-bit little-endian only; anything
 * else is reported as a reason string. Reads only the parts it needs, so node's 99 MB binary costs
 * its symbol and string tables, not the whole file.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export interface ElfSection {
  name: string;
  type: number;
  /** Stated virtual address (svma). */
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

export interface LoadSegment {
  offset: bigint;
  vaddr: bigint;
  filesz: bigint;
}

export interface ElfFile {
  fd: number;
  sections: ElfSection[];
  /** `PT_LOAD` program headers in file order. */
  loads: LoadSegment[];
}

const PT_LOAD = 1;
const SHT_NOBITS = 8;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) throw new Error(`unexpected end of file at ${offset + done}`);
    done += n;
  }
  return buf;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function parseHeaders(fd: number, fileSize: number): ElfFile | string {
  if (fileSize < 64) return "not an ELF file";
  const h = readAt(fd, 0, 64);
  if (h[0] !== 0x7f || h[1] !== 0x45 || h[2] !== 0x4c || h[3] !== 0x46) return "not an ELF file";
  if (h[4] !== 2 || h[5] !== 1) return "not a 64-bit little-endian ELF file";
  const v = view(h);
  const phoff = Number(v.getBigUint64(32, true));
  const shoff = Number(v.getBigUint64(40, true));
  const [phentsize, phnum, shentsize, shnum, shstrndx] = [54, 56, 58, 60, 62].map((o) => v.getUint16(o, true)) as [number, number, number, number, number];
  if (phoff + phnum * phentsize > fileSize || shoff + shnum * shentsize > fileSize) return "truncated ELF headers";
  if ((phnum > 0 && phentsize < 56) || (shnum > 0 && shentsize < 64)) return "unexpected ELF header entry sizes";

  const loads: LoadSegment[] = [];
  const ph = view(readAt(fd, phoff, phnum * phentsize));
  for (let i = 0; i < phnum; i++) {
    const at = i * phentsize;
    if (ph.getUint32(at, true) !== PT_LOAD) continue;
    loads.push({ offset: ph.getBigUint64(at + 8, true), vaddr: ph.getBigUint64(at + 16, true), filesz: ph.getBigUint64(at + 32, true) });
  }

  const sh = view(readAt(fd, shoff, shnum * shentsize));
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = i * shentsize;
    return {
      nameOff: sh.getUint32(at, true),
      type: sh.getUint32(at + 4, true),
      addr: sh.getBigUint64(at + 16, true),
      offset: Number(sh.getBigUint64(at + 24, true)),
      size: Number(sh.getBigUint64(at + 32, true)),
      link: sh.getUint32(at + 40, true),
      entsize: Number(sh.getBigUint64(at + 56, true)),
    };
  });
  const strs = raw[shstrndx];
  const names = strs && strs.offset + strs.size <= fileSize ? readAt(fd, strs.offset, strs.size) : Buffer.alloc(0);
  const sections = raw.map(({ nameOff, ...s }) => ({ ...s, name: cString(names, nameOff) }));
  return { fd, sections, loads };
}

/** The NUL-terminated string at `at` (UTF-8). */
export function cString(table: Buffer, at: number): string {
  if (at >= table.length) return "";
  const end = table.indexOf(0, at);
  return table.toString("utf8", at, end < 0 ? table.length : end);
}

/**
 * Opens `path`, hands its headers to `use`, and closes it; a reason string when it is no usable ELF.
 *
 * @example
 * const names = withElf("/usr/bin/true", (elf) => elf.sections.map((s) => s.name));
 */
export function withElf<T>(path: string, use: (elf: ElfFile) => T): T | string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    return (err as Error).message;
  }
  try {
    const elf = parseHeaders(fd, fstatSync(fd).size);
    return typeof elf === "string" ? elf : use(elf);
  } catch (err) {
    return (err as Error).message;
  } finally {
    closeSync(fd);
  }
}

export const sectionByName = (elf: ElfFile, name: string): ElfSection | undefined => elf.sections.find((s) => s.name === name);

/** The section's bytes (empty for `SHT_NOBITS`). */
export function readSection(elf: ElfFile, s: ElfSection): Buffer {
  return s.type === SHT_NOBITS ? Buffer.alloc(0) : readAt(elf.fd, s.offset, s.size);
}
