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
