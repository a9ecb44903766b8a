import { describe, expect, test } from "bun:test";
import { dlopen, FFIType } from "bun:ffi";
import { readFileSync } from "node:fs";
import { withElf } from "../../../src/toolkit/elf/file.ts";
import { moduleSymbols } from "../../../src/toolkit/elf/symbols.ts";
import { baseSvma, loadBias, wrapAdd } from "./load-bias.ts";

/** This process's executable mapping of libc, from /proc/self/maps. */
function libcTextMapping(): { path: string; start: bigint; end: bigint; pgoff: bigint } | undefined {
  for (const line of readFileSync("/proc/self/maps", "utf8").split("\n")) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) r-xp ([0-9a-f]+) \S+ \d+\s+(\/\S*\/libc\.so\.6)$/.exec(line);
    if (m) return { path: m[4]!, start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`), pgoff: BigInt(`0x${m[3]}`) };
  }
  return undefined;
}

describe("loadBias()", () => {
  // The reference's test binaries (§4.8 and its elf_helper tests), as PT_LOAD tables.
  test("a PIE text segment mapped from its page offset (mapping contains the segment)", () => {
    const loads = [
      { offset: 0n, vaddr: 0n, filesz: 0x4d26an },
      { offset: 0x4d26cn, vaddr: 0x4e26cn, filesz: 0xef24an },
      { offset: 0x13c4b8n, vaddr: 0x13e4b8n, filesz: 0xab48n },
    ];
    expect(loadBias(loads, { start: 0x5555555a2000n, end: 0x555555692000n, pgoff: 0x4d000n })).toBe(0x555555554000n);
    expect(baseSvma(loads)).toBe(0n);
  });

  test("a non-PIE executable (segment contains the mapping, bias 0), and node's remapped builtins", () => {
    const node = [
      { offset: 0n, vaddr: 0x400000n, filesz: 0x76e5d8n },
      { offset: 0x76f000n, vaddr: 0xb6f000n, filesz: 0x1e90n },
      { offset: 0x772000n, vaddr: 0xb72000n, filesz: 0x1a8bca0n },
    ];
    expect(loadBias(node, { start: 0xb72000n, end: 0x25fe000n, pgoff: 0x772000n })).toBe(0n);
    expect(loadBias(node, { start: 0xb6f000n, end: 0xb71000n, pgoff: 0x76f000n })).toBe(0n);
    // The same file range mapped a second time high up: its own bias.
    expect(loadBias(node, { start: 0x7f15dde00000n, end: 0x7f15ddf92000n, pgoff: 0x14c4000n })).toBe(0x7f15dde00000n - 0x14c4000n + 0x772000n - 0xb72000n);
    expect(baseSvma(node)).toBe(0x400000n);
  });

  test("no matching segment, and wrapping arithmetic", () => {
    expect(loadBias([{ offset: 0n, vaddr: 0n, filesz: 0x1000n }], { start: 0x10000n, end: 0x12000n, pgoff: 0x5000n })).toBeUndefined();
    // A segment stated above where it landed: the bias wraps like the reference's u64.
    const bias = loadBias([{ offset: 0n, vaddr: 0x400000n, filesz: 0x1000n }], { start: 0x1000n, end: 0x2000n, pgoff: 0n })!;
    expect(bias).toBe(2n ** 64n - 0x3ff000n);
    expect(wrapAdd(0x400010n, bias)).toBe(0x1010n);
  });

  const libc = libcTextMapping();
  test.skipIf(!libc)("libc in this process: malloc's ELF address plus the bias is where dlsym finds it", () => {
    const lib = dlopen("libc.so.6", { malloc: { args: [FFIType.u64], returns: FFIType.ptr } });
    const runtime = BigInt((lib.symbols.malloc as unknown as { ptr: number }).ptr);
    lib.close();
    const loads = withElf(libc!.path, (elf) => elf.loads);
    if (typeof loads === "string") throw new Error(loads);
    const symbols = moduleSymbols(libc!.path);
    if (typeof symbols === "string") throw new Error(symbols);
    const malloc = symbols.find((s) => s.name === "malloc")!;
    expect(wrapAdd(malloc.addr, loadBias(loads, libc!)!)).toBe(runtime);
  });
});
