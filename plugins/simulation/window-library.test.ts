import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normaliseArch } from "../memory/build-preload.ts";
import { builtFor } from "../memory/preload-library.ts";
import { buildExecWindow } from "./build-window.ts";
import { materializeExecWindow } from "./window-library.ts";

const hasCc = spawnSync("cc", ["--version"]).status === 0;
const hasCross = spawnSync("aarch64-linux-gnu-gcc", ["--version"]).status === 0;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "pacer-window-"));
  dirs.push(d);
  return d;
}

describe.skipIf(!hasCc)("the exec window library", () => {
  test("is materialized for this machine into the given folder", async () => {
    const so = await materializeExecWindow(tempDir());
    expect(builtFor(readFileSync(so), normaliseArch(process.arch))).toBe(true);
  });

  test("outside valgrind it does nothing: a preloaded program prints and exits as without it", async () => {
    const so = await materializeExecWindow(tempDir());
    const r = spawnSync("sh", ["-c", "echo hello; exit 7"], { env: { PATH: process.env.PATH, LD_PRELOAD: so }, encoding: "utf8" });
    expect(r.stderr).toBe(""); // ld.so would complain here if the library failed to load
    expect(r.stdout).toBe("hello\n");
    expect(r.status).toBe(7);
  });

  test.skipIf(!hasCross || process.arch !== "x64")("cross-builds for arm64 from the vendored client requests (no valgrind headers)", async () => {
    const so = await buildExecWindow({ arch: "arm64", outDir: tempDir() });
    expect(builtFor(readFileSync(so), "aarch64")).toBe(true);
  });
});

test("buildExecWindow() without a working C compiler names the compiler it tried", async () => {
  // A stand-in for a fresh checkout on a machine without gcc: CC points at a compiler that does not exist.
  const { buildExecWindow: build } = await import("./build-window.ts");
  const saved = process.env.CC;
  process.env.CC = "/nonexistent/cc";
  try {
    await expect(build({ outDir: tempDir() })).rejects.toThrow('Cannot build the simulation exec window library with "/nonexistent/cc"');
  } finally {
    if (saved === undefined) delete process.env.CC;
    else process.env.CC = saved;
  }
});
