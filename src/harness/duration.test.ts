import { describe, expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { formatNs, parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  test.each([
    ["1s", 1e9],
    ["500ms", 5e8],
    ["2m", 120e9],
    ["1h", 3600e9],
    ["1.5s", 1.5e9],
    ["0.5s", 5e8],
    ["100us", 1e5],
    ["100µs", 1e5],
    ["10ns", 10],
    ["1m 30s", 90e9],
    ["1h30m", 5400e9],
    ["  1s  ", 1e9],
    ["1.5", 1.5e9],
    ["2", 2e9],
    ["0", 0],
    ["-0", 0],
    [".5", 5e8],
  ])("reads %p as %p ns", (text, ns) => {
    expect(parseDuration(text, "warmup time")).toBe(ns);
  });

  test.each([
    ["", "empty"],
    ["fast", "cannot read"],
    ["1x", 'unknown unit "x"'],
    ["1M", 'unknown unit "M"'],
    ["-1", "negative"],
    ["-1s", "negative"],
    ["NaN", "cannot read"],
    ["1s garbage", "cannot read"],
    ["99999999999h", "too long"],
    ["9999999999", "too long"],
  ])("rejects %p (%s)", (text, why) => {
    let err: unknown;
    try {
      parseDuration(text, "max time");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PacerError);
    const pe = err as PacerError;
    expect(pe.code).toBe("E_USAGE");
    expect(pe.message).toStartWith(`Invalid max time "${text}": `);
    expect(pe.message).toContain(why);
    expect(pe.hint).toBeString();
  });
});

test("formatNs picks a readable unit", () => {
  expect([850, 12_345, 4_560_000, 1.2e9].map(formatNs)).toEqual(["850 ns", "12.3 µs", "4.56 ms", "1.20 s"]);
});
