/**
 * Builds minimal 64-bit little-endian ELF images for reader tests: `PT_LOAD` program headers and
 * named sections with given bytes. Nothing else a real linker writes is there.
 */

export interface TinySection {
  name: string;
  type: number;
  addr?: bigint;
  data: Uint8Array;
  link?: number;
  entsize?: number;
}

export interface TinyLoad {
  offset: bigint;
  vaddr: bigint;
  filesz: bigint;
}

export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_DYNSYM = 11;

/** One `Elf64_Sym`: name offset, info (binding << 4 | type), section index, value, size. */
export function sym(name: number, info: number, shndx: number, value: bigint, size: bigint): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, name, true);
  b[4] = info;
  v.setUint16(6, shndx, true);
  v.setBigUint64(8, value, true);
  v.setBigUint64(16, size, true);
  return b;
}

/** A string table of `names` and each name's offset in it. */
export function strtab(names: string[]): { data: Uint8Array; at: Map<string, number> } {
  const at = new Map<string, number>();
  let text = "\0";
  for (const n of names) {
    at.set(n, text.length);
    text += `${n}\0`;
  }
  return { data: new TextEncoder().encode(text), at };
}

export const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The ELF image: header, program headers, section data, section headers (null, sections…, .shstrtab). */
export function tinyElf(sections: TinySection[], loads: TinyLoad[] = []): Uint8Array {
  const names = strtab([...sections.map((s) => s.name), ".shstrtab"]);
  const all: TinySection[] = [...sections, { name: ".shstrtab", type: SHT_STRTAB, data: names.data }];
  const phoff = 64;
  let at = phoff + loads.length * 56;
  const offsets = all.map((s) => {
    const o = at;
    at += s.data.length;
    return o;
  });
  const shoff = (at + 7) & ~7;
  const out = new Uint8Array(shoff + (all.length + 1) * 64);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  v.setUint16(16, 3, true); // ET_DYN
  v.setUint16(18, 62, true); // x86-64
  v.setBigUint64(32, BigInt(phoff), true);
  v.setBigUint64(40, BigInt(shoff), true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, loads.length, true);
  v.setUint16(58, 64, true);
  v.setUint16(60, all.length + 1, true);
  v.setUint16(62, all.length, true);
  loads.forEach((l, i) => {
    const p = phoff + i * 56;
    v.setUint32(p, 1, true);
    v.setBigUint64(p + 8, l.offset, true);
    v.setBigUint64(p + 16, l.vaddr, true);
    v.setBigUint64(p + 32, l.filesz, true);
  });
  all.forEach((s, i) => {
    out.set(s.data, offsets[i]!);
    const h = shoff + (i + 1) * 64;
    v.setUint32(h, names.at.get(s.name)!, true);
    v.setUint32(h + 4, s.type, true);
    v.setBigUint64(h + 16, s.addr ?? 0n, true);
    v.setBigUint64(h + 24, BigInt(offsets[i]!), true);
    v.setBigUint64(h + 32, BigInt(s.data.length), true);
    v.setUint32(h + 40, s.link ?? 0, true);
    v.setBigUint64(h + 56, BigInt(s.entsize ?? 0), true);
  });
  return out;
}
