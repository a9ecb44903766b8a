import { describe, expect, test } from "bun:test";
import { parse } from "yaml";
import { allowedRegression, parseThresholds, withDefault } from "./thresholds.ts";

const fib = { name: "fib 20", uri: "bench.mjs::fib 20" };
const parseB = { name: "parse json", uri: "bench/parse.ts::parse json" };

describe("parseThresholds()", () => {
  test("defaults: 5 % on simulation.time, walltime.time and memory.peak_bytes only", () => {
    const t = parseThresholds(undefined);
    expect(t.default).toBeCloseTo(0.05, 12);
    expect(allowedRegression(t, fib, "simulation", "time")).toBeCloseTo(0.05, 12);
    expect(allowedRegression(t, fib, "memory", "peak_bytes")).toBeCloseTo(0.05, 12);
    expect(allowedRegression(t, fib, "simulation", "ir")).toBeUndefined();
    expect(t.noise).toEqual({ alpha: 0.01, min_effect: 0.03 });
  });

  test("the YAML form of the README", () => {
    const t = parseThresholds(
      parse(`
default: 10%
metrics:
  simulation.ir: 1%
  total_allocated_bytes: 2
benchmarks:
  "parse *": 20%
  "bench.mjs::*":
    walltime.time: off
    default: 15%
`),
    );
    expect(allowedRegression(t, fib, "simulation", "ir")).toBeCloseTo(0.01, 12);
    expect(allowedRegression(t, fib, "simulation", "time")).toBeCloseTo(0.15, 12);
    expect(allowedRegression(t, fib, "walltime", "time")).toBeUndefined();
    expect(allowedRegression(t, fib, "memory", "total_allocated_bytes")).toBeCloseTo(0.02, 12);
    expect(allowedRegression(t, parseB, "simulation", "time")).toBeCloseTo(0.2, 12);
    expect(allowedRegression(t, parseB, "simulation", "ir")).toBeCloseTo(0.01, 12);
    expect(allowedRegression(t, { name: "other", uri: "x::other" }, "walltime", "time")).toBeCloseTo(0.1, 12);
  });

  test.each([
    [{ default: "five" }, "thresholds.default"],
    [{ gate: ["ir"] }, "Expected `<instrument>.<metric>`"],
    [{ metrics: { ir: -1 } }, "percentage of 0 or more"],
    [{ noise: { alpha: 2 } }, "thresholds.noise.alpha"],
    // Strict at every level: a typo is an error, never a silent fallback to the 5 % default.
    [{ defualt: "2%" }, 'thresholds.defualt: unknown key "defualt" (did you mean "default"?)'],
    [{ noise: { min_efect: "1%" } }, 'thresholds.noise.min_efect: unknown key "min_efect" (did you mean "min_effect"?)'],
    [{ missing: "ignore" }, 'thresholds.missing: Expected "fail" or "warn"'],
    [{ no_base: "skip" }, 'thresholds.no_base: Expected "fail" or "pass"'],
  ])("rejects %j naming the key", (raw, message) => {
    expect(() => parseThresholds(raw)).toThrow(message);
  });

  test("missing benchmarks fail and a missing base fails by default", () => {
    expect(parseThresholds(undefined)).toMatchObject({ missing: "fail", no_base: "fail" });
    expect(parseThresholds({ missing: "warn", no_base: "pass" })).toMatchObject({ missing: "warn", no_base: "pass" });
  });

  test("withDefault() replaces the default from a CLI flag", () => {
    expect(withDefault(parseThresholds({}), "50%").default).toBeCloseTo(0.5, 12);
  });
});
