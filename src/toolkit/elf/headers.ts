/**
 * Parses the parts of an ELF image every instrument needs: the file header, the program headers
 * (`PT_LOAD` segments and the one `PT_INTERP` check) and the named section headers. Reads through
 * `readAt`, so only those tables are read, never the whole file (node's binary is 99 MB).
 *
 * The linkage is read for 32- and 64-bit images of either byte order; sections and segments only
 * for 64-bit little-endian ones (the only layout pacer symbolises), else `layoutError` says why.
 *
 * @module
 */

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Uint8Array;

/** `static-pie`: has `PT_DYNAMIC` (self-relocating) but no `PT_INTERP`. */
export type ElfLinkage = "dynamic" | "static" | "static-pie";

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

export interface ElfHeaders {
  class: 32 | 64;
  littleEndian: boolean;
  machine: number;
  /**
   * The program interpreter (`PT_INTERP`): only then does a dynamic loader run, and honour
   * LD_PRELOAD. A static or static-pie executable is started by the kernel directly.
   */
  linkage: ElfLinkage;
  /** `PT_LOAD` program headers in file order (64-bit little-endian only). */
  loads: LoadSegment[];
  sections: ElfSection[];
  /** Set when sections and segments were not read: the layout is not 64-bit little-endian. */
  layoutError?: string;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
/** Program and section header tables are far smaller (at most 65535 entries). */
const MAX_HEADERS = 1 << 24;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The NUL-terminated string at `at` (UTF-8). */
// One decoder for every name: making one per call cost 1 s for node's 106k symbols.
const UTF8 = new TextDecoder();

export function cString(table: Uint8Array, at: number): string {
  if (at >= table.length) return "";
  const end = table.indexOf(0, at);
  return UTF8.decode(table.subarray(at, end < 0 ? table.length : end));
}

function programHeaders(readAt: ReadAt, is64: boolean, le: boolean, h: DataView): { linkage: ElfLinkage; loads: LoadSegment[] } {
  const phoff = is64 ? Number(h.getBigUint64(32, le)) : h.getUint32(28, le);
  const phentsize = h.getUint16(is64 ? 54 : 42, le);
  const phnum = h.getUint16(is64 ? 56 : 44, le);
  const loads: LoadSegment[] = [];
  let interp = false;
  let dynamic = false;
  if (phentsize < 4 || phnum * phentsize > MAX_HEADERS) return { linkage: "static", loads };
  const ph = readAt(phoff, phnum * phentsize);
  const v = view(ph);
  for (let at = 0; at + 4 <= ph.length; at += phentsize) {
    const type = v.getUint32(at, le);
    if (type === PT_INTERP) interp = true;
    if (type === PT_DYNAMIC) dynamic = true;
    if (type === PT_LOAD && is64 && le && at + 40 <= ph.length) {
      loads.push({ offset: v.getBigUint64(at + 8, true), vaddr: v.getBigUint64(at + 16, true), filesz: v.getBigUint64(at + 32, true) });
    }
  }
  return { linkage: interp ? "dynamic" : dynamic ? "static-pie" : "static", loads };
}

function sectionHeaders(readAt: ReadAt, h: DataView): ElfSection[] {
  const shoff = Number(h.getBigUint64(40, true));
  const [shentsize, shnum, shstrndx] = [58, 60, 62].map((o) => h.getUint16(o, true)) as [number, number, number];
  if (shentsize < 64 || shnum * shentsize > MAX_HEADERS) return [];
  const sh = readAt(shoff, shnum * shentsize);
  const v = view(sh);
  const raw: Array<ElfSection & { nameOff: number }> = [];
  for (let at = 0; at + 64 <= sh.length; at += shentsize) {
    const u64 = (o: number): number => Number(v.getBigUint64(at + o, true));
    raw.push({ nameOff: v.getUint32(at, true), name: "", type: v.getUint32(at + 4, true), addr: v.getBigUint64(at + 16, true), offset: u64(24), size: u64(32), link: v.getUint32(at + 40, true), entsize: u64(56) });
  }
  const strs = raw[shstrndx];
  const names = strs && strs.size <= MAX_HEADERS ? readAt(strs.offset, strs.size) : new Uint8Array(0);
  return raw.map(({ nameOff, ...s }) => ({ ...s, name: cString(names, nameOff) }));
}

/**
 * Parses an ELF image read through `readAt`; a reason string when it is no ELF image at all.
 *
 * @example
 * ```ts
 * const elf = parseElfHeaders((o, n) => bytes.subarray(o, o + n));
 * if (typeof elf !== "string" && elf.linkage !== "dynamic") console.log("LD_PRELOAD will not apply");
 * ```
 */
export function parseElfHeaders(readAt: ReadAt): ElfHeaders | string {
  const head = readAt(0, 64);
  if (head.length < 52 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return "not an ELF file";
  const is64 = head[4] === 2;
  const le = head[5] === 1;
  if (is64 && head.length < 64) return "not an ELF file";
  const h = view(head);
  const machine = h.getUint16(18, le);
  const { linkage, loads } = programHeaders(readAt, is64, le, h);
  const base = { class: is64 ? (64 as const) : (32 as const), littleEndian: le, machine, linkage };
  if (!is64 || !le) return { ...base, loads: [], sections: [], layoutError: "not a 64-bit little-endian ELF file" };
  return { ...base, loads, sections: sectionHeaders(readAt, h) };
}
