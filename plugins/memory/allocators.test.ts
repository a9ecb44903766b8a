import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandDirs, findAllocators } from "./allocators.ts";

// Every scratch folder this file makes is removed after it.
const made: string[] = [];
const scratch = (prefix: string) => (made.push(mkdtempSync(prefix)), made.at(-1)!);
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: string[]): string {
  const root = scratch(join(tmpdir(), "pacer-alloc-"));
  for (const f of files) {
    mkdirSync(join(root, f, ".."), { recursive: true });
    writeFileSync(join(root, f), "\x7fELF");
  }
  return root;
}

describe("findAllocators()", () => {
  test("finds libc on arm64 multiarch and Nix layouts, not only x86_64", () => {
    const root = tree(["lib/aarch64-linux-gnu/libc.so.6", "nix/store/abc-glibc-2.39/lib/libc.so.6", "usr/lib/x86_64-linux-gnu/libc.so"]);
    const found = findAllocators(root).libc.map((p) => p.slice(root.length));
    expect(found).toEqual(["/lib/aarch64-linux-gnu/libc.so.6", "/nix/store/abc-glibc-2.39/lib/libc.so.6"]);
  });

  test("finds C++ runtimes, jemalloc and mimalloc, resolving symlinks once", () => {
    const root = tree(["usr/lib/aarch64-linux-gnu/libstdc++.so.6.0.30", "usr/local/lib/libjemalloc.so.2", "usr/lib64/libmimalloc.so.2.1", "usr/lib/libc++.so.1.0"]);
    symlinkSync("libstdc++.so.6.0.30", join(root, "usr/lib/aarch64-linux-gnu/libstdc++.so.6"));
    const f = findAllocators(root);
    expect(f["libstdc++"]).toHaveLength(1);
    expect(f.jemalloc[0]).toEndWith("/usr/local/lib/libjemalloc.so.2");
    expect(f.mimalloc[0]).toEndWith("/usr/lib64/libmimalloc.so.2.1");
    expect(f["libc++"][0]).toEndWith("/usr/lib/libc++.so.1.0");
  });

  test("expandDirs() matches * within one segment", () => {
    const root = tree(["lib/aarch64-linux-gnu/x", "lib/riscv64-linux-gnu/x", "lib/other/x"]);
    expect(expandDirs("/lib/*-linux-gnu", root).map((p) => p.slice(root.length)).sort()).toEqual(["/lib/aarch64-linux-gnu", "/lib/riscv64-linux-gnu"]);
  });
});
