/**
 * The toolkit's ELF reader: headers at once, symbols on demand (each call reopens the file, so
 * nothing stays open between hooks).
 *
 * @module
 */
import { withElf } from "./file.ts";
import type { ElfInfo } from "../../plugin/types.ts";
import { definedFunctions, elfSymbols } from "./symbols.ts";

export type { ElfInfo };

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
