import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReadFile } from "../../src/toolkit/elf/file.ts";
import { elfFromBytes } from "../../src/toolkit/elf/file.ts";
import { chooseTracker, executableFacts as readElf } from "./choose-tracker.ts";

// Every scratch folder this file makes is removed after it.
const made: string[] = [];
const scratch = (prefix: string) => (made.push(mkdtempSync(prefix)), made.at(-1)!);
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const FIX = join(import.meta.dir, "..", "..", "test", "fixtures", "memory");
const hasCc = spawnSync("cc", ["--version"]).status === 0;
const staticOk = hasCc && spawnSync("cc", ["-static", "-x", "c", "-o", "/dev/null", "-"], { input: "int main(void){return 0;}" }).status === 0;

describe("ELF reading", () => {
  test.skipIf(!hasCc)("a dynamically linked program has an interpreter and its own symbols", () => {
    const dir = scratch(join(tmpdir(), "pacer-elf-"));
    const exe = join(dir, "dyn");
    expect(spawnSync("cc", ["-o", exe, join(FIX, "malloc-free.c")]).status).toBe(0);
    const elf = readElf(exe);
    if (typeof elf === "string") throw new Error(elf);
    expect(elf.dynamic).toBe(true);
    expect(elf.functions.has("main")).toBe(true);
    expect(elf.functions.has("malloc")).toBe(false); // only imported
    expect(chooseTracker(exe, dir).kind).toBe("preload");
  });

  test.skipIf(!staticOk)("a statically linked program has no interpreter and defines the allocator", () => {
    const dir = scratch(join(tmpdir(), "pacer-elf-"));
    const exe = join(dir, "static");
    expect(spawnSync("cc", ["-static", "-o", exe, join(FIX, "static.c")]).status).toBe(0);
    const elf = readElf(exe);
    if (typeof elf === "string") throw new Error(elf);
    expect(elf.dynamic).toBe(false);
    expect(elf.functions.has("malloc")).toBe(true);
    expect(chooseTracker(exe, dir)).toMatchObject({ kind: "ebpf", exe });
    spawnSync("strip", [exe]);
    expect(chooseTracker(exe, dir).kind).toBe("none");
  });

  test.skipIf(!staticOk)("reads the headers and the symbol table, not the whole file", () => {
    const dir = scratch(join(tmpdir(), "pacer-elf-"));
    const exe = join(dir, "big");
    expect(spawnSync("cc", ["-static", "-o", exe, join(FIX, "static.c")]).status).toBe(0);
    truncateSync(exe, statSync(exe).size + (64 << 20)); // 64 MiB of trailing data (sparse)
    let bytes = 0;
    const counting: ReadFile = (fd, b, o, l, p) => {
      const n = readSync(fd, b, o, l, p);
      bytes += n;
      return n;
    };
    const elf = readElf(exe, counting);
    if (typeof elf === "string") throw new Error(elf);
    expect(elf.functions.has("malloc")).toBe(true);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(statSync(exe).size / 100);
  });

  test("scripts and missing programs are left to the preload tracker", () => {
    const dir = scratch(join(tmpdir(), "pacer-elf-"));
    writeFileSync(join(dir, "run.sh"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    expect(chooseTracker("./run.sh", dir)).toMatchObject({ kind: "preload", why: expect.stringContaining("script") });
    expect(chooseTracker("no-such-program-xyz", dir, "/nonexistent")).toMatchObject({ kind: "preload", exe: null });
    expect(elfFromBytes(new Uint8Array(10))).toBe("not an ELF file");
  });
});
