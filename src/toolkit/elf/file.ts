/**
 * Opening an ELF file for the header parser and the symbol reader: positional reads of an open
 * file, and single sections read on demand.
 *
 * @module
 */
import { closeSync, openSync, readSync } from "node:fs";
import { parseElfHeaders, type ElfHeaders, type ElfSection, type ReadAt } from "./headers.ts";

/** An ELF file open for reading: its headers and positional reads of its bytes. */
export interface ElfFile extends ElfHeaders {
  readAt: ReadAt;
}

/** `fs.readSync` with positional arguments (a test counts the bytes read). */
export type ReadFile = (fd: number, buf: Uint8Array, offset: number, length: number, position: number) => number;

const SHT_NOBITS = 8;

const readFully = (fd: number, read: ReadFile): ReadAt => (offset, length) => {
  const buf = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = read(fd, buf, done, length - done, offset + done);
    if (n <= 0) break;
    done += n;
  }
  return buf.subarray(0, done);
};

/** An ELF image already in memory (e.g. the first bytes of a file). */
export function elfFromBytes(bytes: Uint8Array): ElfFile | string {
  const readAt: ReadAt = (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length));
  const headers = parseElfHeaders(readAt);
  return typeof headers === "string" ? headers : { ...headers, readAt };
}

/**
 * Opens `path`, hands its headers to `use`, and closes it; a reason string when it cannot be read
 * or is no ELF file (`use` may throw too: its message becomes the reason).
 *
 * @example
 * ```ts
 * const names = withElf("/usr/bin/true", (elf) => elf.sections.map((s) => s.name));
 * ```
 */
export function withElf<T>(path: string, use: (elf: ElfFile) => T, read: ReadFile = (fd, b, o, l, p) => readSync(fd, b, o, l, p)): T | string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    return (err as Error).message;
  }
  try {
    const readAt = readFully(fd, read);
    const headers = parseElfHeaders(readAt);
    return typeof headers === "string" ? headers : use({ ...headers, readAt });
  } catch (err) {
    return (err as Error).message;
  } finally {
    closeSync(fd);
  }
}

export const sectionByName = (elf: ElfHeaders, name: string): ElfSection | undefined => elf.sections.find((s) => s.name === name);

/** The section's bytes (empty for `SHT_NOBITS`); throws when the file ends before the section does. */
export function readSection(elf: ElfFile, s: ElfSection): Buffer {
  if (s.type === SHT_NOBITS) return Buffer.alloc(0);
  const bytes = elf.readAt(s.offset, s.size);
  if (bytes.length < s.size) throw new Error(`unexpected end of file at ${s.offset + bytes.length}`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
