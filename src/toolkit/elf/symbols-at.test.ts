import { describe, expect, test } from "bun:test";
import { existsSync, realpathSync } from "node:fs";
import { withElf } from "./file.ts";
import { elfSymbols } from "./symbols.ts";
import { elfSymbolsAt } from "./symbols-at.ts";

// Real modules of this machine: the executable running the test and the C library.
const MODULES = [realpathSync(process.execPath), "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/bin/node"].filter((p) => existsSync(p));

describe("elfSymbolsAt", () => {
  for (const path of MODULES) {
    test(`gives exactly the symbols of elfSymbols() that hold the addresses (${path})`, () => {
      withElf(path, (elf) => {
        const all = elfSymbols(elf);
        expect(all.length).toBeGreaterThan(10);
        // Starts, ends, middles of some symbols, plus addresses in no symbol at all.
        const picks = [all[0]!, all[Math.floor(all.length / 3)]!, all[Math.floor(all.length / 2)]!, all[all.length - 1]!];
        const addrs = [...picks.flatMap((s) => [s.addr, s.addr + s.size - 1n, s.addr + s.size / 2n]), 0n, 1n, all[all.length - 1]!.addr + all[all.length - 1]!.size + 1n];
        const expected = all.filter((s) => addrs.some((a) => s.addr <= a && a < s.addr + s.size));
        expect(elfSymbolsAt(elf, addrs)).toEqual(expected);
        expect(elfSymbolsAt(elf, [])).toEqual([]);
      });
    });
  }
});
