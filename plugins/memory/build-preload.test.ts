import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPreload, compilerFor, normaliseArch } from "./build-preload.ts";
import { builtFor } from "./preload-library.ts";

const hasCross = spawnSync("aarch64-linux-gnu-gcc", ["--version"]).status === 0;
const hasCc = spawnSync("cc", ["--version"]).status === 0;
const scratch = mkdtempSync(join(tmpdir(), "pacer-preload-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("buildPreload()", () => {
  test("maps Node/Bun arch names and picks the cross compiler for arm64 on x86_64", () => {
    expect(normaliseArch("x64")).toBe("x86_64");
    expect(normaliseArch("bun-linux-arm64")).toBe("aarch64");
    expect(compilerFor("aarch64", "x86_64")).toBe("aarch64-linux-gnu-gcc");
    expect(compilerFor("x86_64", "x86_64")).toBe(process.env.CC ?? "cc");
    expect(() => compilerFor("riscv64", "x86_64")).toThrow('unsupported architecture "riscv64"');
  });

  test.skipIf(!hasCc)("builds a library for this machine, kept beside the embed slot", async () => {
    const out = mkdtempSync(join(scratch, "host-"));
    const so = await buildPreload({ outDir: out });
    const host = normaliseArch(process.arch);
    expect(builtFor(readFileSync(so), host)).toBe(true);
    expect(builtFor(readFileSync(join(out, host, "libpacer-memtrack.so")), host)).toBe(true);
  });

  test.skipIf(!hasCross || process.arch !== "x64")("cross-builds the arm64 library with aarch64-linux-gnu-gcc", async () => {
    const so = await buildPreload({ arch: "arm64", outDir: mkdtempSync(join(scratch, "arm-")) });
    expect(builtFor(readFileSync(so), "aarch64")).toBe(true);
    expect(builtFor(readFileSync(so), "x86_64")).toBe(false);
  });
});
