/**
 * Reads just enough of an ELF file to tell a dynamically linked executable from a static one.
 *
 * @module
 */
import { closeSync, openSync, readSync } from "node:fs";

const PT_DYNAMIC = 2;
const PT_INTERP = 3;

/** `static-pie`: has `PT_DYNAMIC` (self-relocating) but no `PT_INTERP`. */
export type ElfLinkage = "not-elf" | "dynamic" | "static" | "static-pie";

/**
 * Classifies an ELF image from its first bytes (header + program headers). An executable without
 * `PT_INTERP` is started by the kernel directly, so no dynamic loader would ever load a preload
 * library into it (static and static-pie alike).
 *
 * @param head The start of the file, at least up to the end of the program header table.
 * @example
 * ```ts
 * elfLinkage(readFileSync("/bin/ls")); // "dynamic"
 * ```
 */
export function elfLinkage(head: Uint8Array): ElfLinkage {
  if (head.length < 52 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return "not-elf";
  const is64 = head[4] === 2;
  const little = head[5] === 1;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const phoff = is64 ? Number(view.getBigUint64(32, little)) : view.getUint32(28, little);
  const phentsize = view.getUint16(is64 ? 54 : 42, little);
  const phnum = view.getUint16(is64 ? 56 : 44, little);
  let dynamic = false;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > head.length) break;
    const type = view.getUint32(at, little);
    if (type === PT_INTERP) return "dynamic";
    if (type === PT_DYNAMIC) dynamic = true;
  }
  return dynamic ? "static-pie" : "static";
}

/** Reads the first 64 KiB of `path` (program headers sit right after the ELF header) and classifies it. */
export function elfLinkageOfFile(path: string): ElfLinkage {
  const fd = openSync(path, "r");
  try {
    const buf = new Uint8Array(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return elfLinkage(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}
