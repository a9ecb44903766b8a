import { expect, test } from "bun:test";
import { parseDuration } from "./duration.ts";

test.each([
  ["1", 1e9],
  ["1.5", 1.5e9],
  [" 2 ", 2e9],
  [0, 0],
  [0.25, 2.5e8],
  ["0", 0],
  ["1s", 1e9],
  ["500ms", 5e8],
  ["250us", 250_000],
  ["250µs", 250_000],
  ["10ns", 10],
  ["2m", 120e9],
  ["1h", 3600e9],
  ["1m 30s", 90e9],
  ["1m30s", 90e9],
  ["1.5s", 1.5e9],
  ["3 sec", 3e9],
  ["2 minutes", 120e9],
])("parseDuration(%p) is %p ns", (input, ns) => {
  expect(parseDuration(input)).toBe(ns);
});

test.each([["fast"], [""], ["-1"], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], ["1x"], ["s"], ["1s fast"], ["1S"], ["1,5s"]])(
  "parseDuration(%p) is null",
  (input) => {
    expect(parseDuration(input)).toBeNull();
  },
);
