import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { setLevel } from "../log/logger.ts";
import { toolkit } from "./index.ts";

const LIBC = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6"].find(existsSync);

test.skipIf(!LIBC)("readElf() reads libc's linkage and, on demand, its symbols", () => {
  const elf = toolkit.readElf(LIBC!);
  expect(elf).toMatchObject({ class: 64, linkage: "dynamic", static: false });
  expect(elf!.symbols().some((s) => s.name === "malloc")).toBe(true);
  expect(elf!.functions().has("malloc")).toBe(true);
});

test("readElf() is undefined for a script and a missing file", () => {
  expect(toolkit.readElf(import.meta.path)).toBeUndefined();
  expect(toolkit.readElf("/nonexistent/pacer")).toBeUndefined();
});

test("logLevel() follows the console level, trace reading as debug", () => {
  setLevel("trace");
  expect(toolkit.logLevel()).toBe("debug");
  setLevel("warn");
  expect(toolkit.logLevel()).toBe("warn");
  setLevel("info");
});

test("error() builds a PacerError with code and hint", () => {
  const e = toolkit.error("E_RUN", `Cannot run "x"`, "Install x");
  expect(e).toMatchObject({ name: "PacerError", code: "E_RUN", message: `Cannot run "x"`, hint: "Install x" });
});

test("writeRunRecord() and readRunRecord() round-trip; a bad field is an E_RESULTS error naming file and field", async () => {
  const v = await import("valibot");
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "pacer-toolkit-record-"));
  try {
    const schema = v.object({ version: v.literal(1), pids: v.array(v.number()) });
    toolkit.writeRunRecord(dir, "x.run.json", { version: 1, pids: [3] });
    expect(toolkit.readRunRecord(dir, "x.run.json", schema)).toEqual({ version: 1, pids: [3] });
    writeFileSync(join(dir, "x.run.json"), `{"version":1,"pids":["3"]}`);
    expect(() => toolkit.readRunRecord(dir, "x.run.json", schema)).toThrow(`Cannot read "${join(dir, "x.run.json")}": pids.0: Invalid type`);
    expect(() => toolkit.readRunRecord(dir, "missing.json", schema)).toThrow(`Cannot read "${join(dir, "missing.json")}"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
