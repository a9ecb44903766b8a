import { expect, test } from "bun:test";
import { formatBytes, formatCount, formatDuration } from "./format.ts";

test.each([
  [0, "< 1 ns"],
  [5e-10, "< 1 ns"],
  [3.5e-9, "3.50 ns"],
  [3.78e-6, "3.78 µs"],
  [0.0123, "12.30 ms"],
  [2, "2 s"],
  [1.5, "1.50 s"],
])("formatDuration(%p) is %p", (s, text) => {
  expect(formatDuration(s)).toBe(text);
});

test.each([
  [0, "0 B"],
  [512, "512 B"],
  [1024, "1 KB"],
  [1536, "1.5 KB"],
  [10 * 1024 * 1024, "10 MB"],
])("formatBytes(%p) is %p", (b, text) => {
  expect(formatBytes(b)).toBe(text);
});

test("formatCount uses thousands separators", () => {
  expect(formatCount(25448)).toBe("25,448");
});
