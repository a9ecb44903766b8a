import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { concat, strtab, sym, SHT_DYNSYM, SHT_STRTAB, SHT_SYMTAB, tinyElf } from "../../../test/helpers/tiny-elf.ts";
import { withElf } from "./file.ts";
import { finishSymbols, isArmMappingSymbol, moduleSymbols, readSymbolTable, type ElfSymbol } from "./symbols.ts";

const LIBC = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6"].find(existsSync);
const dir = mkdtempSync(join(tmpdir(), "pacer-elf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const s = (addr: number, size: number, name: string): ElfSymbol => ({ addr: BigInt(addr), size: BigInt(size), name });
const line = (x: ElfSymbol) => `${x.addr.toString(16)} ${x.size.toString(16)} ${x.name}`;

describe("ELF symbols of this machine's binaries", () => {
  test.skipIf(!LIBC)("libc's .dynsym has malloc with a non-zero size, and the whole module list agrees", () => {
    const dyn = withElf(LIBC!, (elf) => readSymbolTable(elf, ".dynsym"));
    if (typeof dyn === "string") throw new Error(dyn);
    const malloc = dyn.find((x) => x.name === "malloc");
    expect(malloc?.size).toBeGreaterThan(0n);
    const all = moduleSymbols(LIBC!);
    if (typeof all === "string") throw new Error(all);
    expect(all.find((x) => x.name === "malloc")).toEqual(malloc!);
    // Sorted by address, every size non-zero, one line per (address, name).
    expect(all.every((x, i) => x.size > 0n && (i === 0 || all[i - 1]!.addr <= x.addr))).toBe(true);
    expect(new Set(all.map((x) => `${x.addr} ${x.name}`)).size).toBe(all.length);
  });

  test.skipIf(!existsSync("/usr/bin/true"))("/usr/bin/true reads without error and has no undefined imports", () => {
    const all = moduleSymbols("/usr/bin/true");
    if (typeof all === "string") throw new Error(all);
    // Stripped: only .dynsym, whose imports (malloc, free, …) are undefined and skipped.
    expect(all.some((x) => x.name === "malloc" || x.name === "free")).toBe(false);
  });

  test("fails soft on files that are not 64-bit little-endian ELF", () => {
    const text = join(dir, "text");
    writeFileSync(text, "just some text that is longer than an ELF header, really quite a bit longer");
    expect(moduleSymbols(text)).toBe("not an ELF file");
    const elf32 = join(dir, "elf32");
    const img = tinyElf([]);
    img[4] = 1;
    writeFileSync(elf32, img);
    expect(moduleSymbols(elf32)).toBe("not a 64-bit little-endian ELF file");
    expect(moduleSymbols(join(dir, "missing"))).toMatch(/ENOENT|no such file/i);
  });
});

describe("symbol tables", () => {
  test("readSymbolTable() skips undefined, section, file and TLS symbols", () => {
    const names = strtab(["kept_fn", "import", "file.c", "tls_var", "data"]);
    const n = (x: string) => names.at.get(x)!;
    const table = concat([
      sym(0, 0, 0, 0n, 0n), // the null symbol
      sym(n("kept_fn"), 0x12, 1, 0x1000n, 0x20n),
      sym(n("import"), 0x12, 0, 0n, 0n),
      sym(n("file.c"), 0x04, 0xfff1, 0n, 0n),
      sym(0, 0x03, 1, 0x1000n, 0n),
      sym(n("tls_var"), 0x16, 2, 0x8n, 0x8n),
      sym(n("data"), 0x11, 2, 0x3000n, 0x10n),
    ]);
    const file = join(dir, "symtab.so");
    writeFileSync(file, tinyElf([
      { name: ".symtab", type: SHT_SYMTAB, data: table, link: 2, entsize: 24 },
      { name: ".strtab", type: SHT_STRTAB, data: names.data },
      { name: ".dynsym", type: SHT_DYNSYM, data: sym(n("kept_fn"), 0x12, 1, 0x1000n, 0x20n), link: 2, entsize: 24 },
    ]));
    const syms = withElf(file, (elf) => readSymbolTable(elf, ".symtab"));
    expect(syms).toEqual([s(0x1000, 0x20, "kept_fn"), s(0x3000, 0x10, "data")]);
    // The same function in .symtab and .dynsym is written once.
    expect(moduleSymbols(file)).toEqual([s(0x1000, 0x20, "kept_fn"), s(0x3000, 0x10, "data")]);
  });

  test("isArmMappingSymbol() matches $a/$d/$t/$x with an optional .suffix only", () => {
    for (const name of ["$a", "$d", "$t", "$x", "$x.42", "$d.realdata", "$a."]) expect(isArmMappingSymbol(name)).toBe(true);
    for (const name of ["$b", "$xx", "$x42", "a$x", "$", "$$x", "_$x", "$d_foo"]) expect(isArmMappingSymbol(name)).toBe(false);
  });

  test("finishSymbols() drops empty and mapping names, sizes zero-size symbols like perf", () => {
    const out = finishSymbols([
      s(0x2010, 0, "asm_stub"), // up to the next symbol
      s(0x1000, 0x10, "f"),
      s(0x2000, 0, "$x"),
      s(0x2000, 0, "$d.1"),
      s(0x2020, 0x8, "g"),
      s(0x2030, 0, ""),
      s(0x2020, 0, "g_alias"), // next symbol at the same address: still zero, dropped
      s(0x2020, 0x8, "g"),
      s(0x5123, 0, "last"), // roundup(0x5123, 4096) + 4096 = 0x7000
    ]);
    expect(out.map(line)).toEqual(["1000 10 f", "2010 10 asm_stub", "2020 8 g", "5123 1edd last"]);
    expect(finishSymbols([s(0x6000, 0, "aligned_last")]).map(line)).toEqual(["6000 1000 aligned_last"]);
  });
});
