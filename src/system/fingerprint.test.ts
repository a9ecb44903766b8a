import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildFingerprint, captureFingerprintOutputs, isNodeItself, machineFingerprint } from "./fingerprint.ts";

const fixture = (name: string) => readFileSync(resolve(import.meta.dir, "../../test/fixtures/fingerprint", name), "utf8");
const SYS = { cpuBrand: "AMD EPYC", cpuCores: 2, kernel: "6.18.44", os: "debian", osVersion: "12", arch: "x86_64" };

test("buildFingerprint() combines system facts with the captured versions", () => {
  const fp = buildFingerprint(SYS, {
    ldd: fixture("ldd-version.debian12.txt"),
    getconf: null,
    node: fixture("node-version.txt"),
    tools: { valgrind: fixture("valgrind-version.txt"), perf: fixture("perf-version.txt"), bpftrace: fixture("bpftrace-version.txt") },
  });
  expect(fp).toEqual({
    cpuModel: "AMD EPYC",
    cores: 2,
    kernel: "6.18.44",
    os: "debian 12 (x86_64)",
    libc: "glibc 2.36",
    node: "20.20.2",
    tools: { valgrind: "3.19.0", perf: "6.1.187", bpftrace: "0.17.0" },
  });
});

test("buildFingerprint() leaves out missing tools and falls back to getconf for libc", () => {
  const fp = buildFingerprint(SYS, {
    ldd: null,
    getconf: fixture("getconf-gnu-libc-version.debian12.txt"),
    node: null,
    tools: { valgrind: null, perf: "garbage", bpftrace: null },
  });
  expect(fp).toMatchObject({ libc: "glibc 2.36", node: null, tools: {} });
});

test("captureFingerprintOutputs() runs what is installed and skips the rest", async () => {
  const out = await captureFingerprintOutputs();
  for (const tool of ["valgrind", "perf", "bpftrace"]) {
    expect(out.tools[tool] === null).toBe(Bun.which(tool) === null);
  }
  expect(out.node === null).toBe(Bun.which("node") === null);
  // getconf only runs when ldd said nothing usable.
  if (out.ldd?.includes("GLIBC")) expect(out.getconf).toBeNull();
});

test("machineFingerprint() describes this machine", async () => {
  const fp = await machineFingerprint();
  expect(fp.cores).toBeGreaterThan(0);
  expect(fp.kernel).toBe((await Bun.file("/proc/sys/kernel/osrelease").text()).trim());
  if (Bun.which("valgrind")) expect(fp.tools.valgrind).toMatch(/^\d+\.\d+/);
  if (Bun.which("perf")) expect(fp.tools.perf).toMatch(/^\d+\.\d+/);
  if (Bun.which("ldd")) expect(fp.libc).toMatch(/^(glibc|musl) \d+\.\d+/);
});

describe("isNodeItself(): whether node's version may be cached with its file", () => {
  const dir = mkdtempSync(join(tmpdir(), "pacer-node-itself-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (...parts: string[]) => join(dir, ...parts);

  test("a program named node is itself, whether reached directly or through a link (nvm, fnm, a package)", () => {
    mkdirSync(at("real"));
    copyFileSync("/bin/true", at("real", "node"));
    symlinkSync(at("real", "node"), at("node-link"));
    expect(isNodeItself(at("real", "node"))).toBe(true);
    expect(isNodeItself(at("node-link"))).toBe(true);
  });

  test("a shim is not: a script (asdf, nodenv) or a link to the manager's program (Volta, mise)", () => {
    mkdirSync(at("asdf"));
    writeFileSync(at("asdf", "node"), "#!/bin/sh\nexec asdf exec node \"$@\"\n", { mode: 0o755 });
    mkdirSync(at("volta"));
    copyFileSync("/bin/true", at("volta", "volta-shim"));
    symlinkSync(at("volta", "volta-shim"), at("volta", "node"));
    expect(isNodeItself(at("asdf", "node"))).toBe(false);
    expect(isNodeItself(at("volta", "node"))).toBe(false);
    expect(isNodeItself(at("missing", "node"))).toBe(false);
  });
});
