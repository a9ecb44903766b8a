import { expect, test } from "bun:test";
import { assertLinux, needsLinux } from "./linux-only.ts";

test("needsLinux() names the system, and is silent on Linux", () => {
  expect(needsLinux("The simulation instrument", "darwin")).toBe("The simulation instrument needs Linux (this is macOS)");
  expect(needsLinux("The simulation instrument", "linux")).toBeUndefined();
});

test("assertLinux() refuses a Linux library on macOS", () => {
  expect(() => assertLinux("The memory preload library", "darwin")).toThrow("The memory preload library needs Linux (this is macOS)");
  expect(() => assertLinux("x", "linux")).not.toThrow();
});
