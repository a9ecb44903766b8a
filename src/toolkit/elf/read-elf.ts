/**
 * The toolkit's ELF reader: headers at once, symbols on demand (each call reopens the file, so
 * nothing stays open between hooks).
 *
 * @module
 */
import { withElf } from "./file.ts";
import type { ElfLinkage, ElfSection } from "./headers.ts";
import { definedFunctions, elfSymbols, type ElfSymbol } from "./symbols.ts";

export interface ElfInfo {
  class: 32 | 64;
  littleEndian: boolean;
  machine: number;
  linkage: ElfLinkage;
  /** No `PT_INTERP`: the kernel starts it directly, so no LD_PRELOAD library reaches it. */
  static: boolean;
  sections: ElfSection[];
  /** Symbols sized for a perf map (empty for a layout other than 64-bit little-endian). */
  symbols(): ElfSymbol[];
  /** Names of the functions it defines. */
  functions(): Set<string>;
}

/**
 * Reads `path`'s ELF headers; undefined when it is no readable ELF file (a script, a missing file).
 *
 * @example
 * ```ts
 * if (ctx.toolkit.readElf(exe)?.static) ctx.log.warn(`"${exe}" is statically linked`);
 * ```
 */
export function readElf(path: string): ElfInfo | undefined {
  const headers = withElf(path, (elf) => elf);
  if (typeof headers === "string") return undefined;
  const { readAt: _, ...info } = headers;
  return {
    ...info,
    static: info.linkage !== "dynamic",
    symbols: () => {
      const s = withElf(path, elfSymbols);
      return typeof s === "string" ? [] : s;
    },
    functions: () => {
      const f = withElf(path, (elf) => (elf.layoutError ? new Set<string>() : definedFunctions(elf)));
      return typeof f === "string" ? new Set() : f;
    },
  };
}
