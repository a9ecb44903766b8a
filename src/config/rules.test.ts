import { describe, expect, test } from "bun:test";
import { applyRules, type Rule } from "./rules.ts";
import { validateConfig } from "./validate.ts";

/** Errors and warnings of validating `raw`, which is schema-valid: so they come from the rules. */
function rulesOn(raw: unknown): { errors: string[]; warnings: string[] } {
  const r = validateConfig(raw, "/repo");
  return { errors: r.ok ? [] : r.errors, warnings: r.warnings };
}

describe("config rules", () => {
  test.each([
    [{ options: { "min-time": "1s", "max-rounds": 3 } }, "options: Invalid walltime configuration in root options: cannot use both min_time and max_rounds"],
    [{ options: { "max-time": 0, "min-rounds": 3 } }, "options: Invalid walltime configuration in root options: cannot use both max_time and min_rounds"],
    [{ options: { "min-time": "3s", "max-time": "2s" } }, "options: min-time (3s) is greater than max-time (2s)"],
    [{ options: { "min-rounds": 9, "max-rounds": 2 } }, "options: min-rounds (9) is greater than max-rounds (2)"],
    [
      { options: { "max-rounds": 2 }, benchmarks: [{ exec: "true", options: { "min-rounds": 3 } }] },
      "benchmarks.0.options: min-rounds (3) is greater than max-rounds (2) (after merging the root options)",
    ],
  ])("%j is rejected: %s", (raw, message) => {
    expect(rulesOn(raw).errors).toEqual([message]);
  });

  test.each([
    [{ benchmarks: [{ exec: "true", options: { "min-time": "1s", "max-rounds": 3 } }] }],
    [{ options: { "min-time": "3s", "max-time": 0 } }],
    [{ options: { "min-rounds": 2, "max-rounds": 2, "warmup-time": 0 } }],
  ])("%j is accepted (CodSpeed checks time vs rounds on the root options only; max-time 0 means none)", (raw) => {
    expect(rulesOn(raw).errors).toEqual([]);
  });

  test("a root conflict is reported once, not again for each target", () => {
    const raw = { options: { "min-rounds": 9, "max-rounds": 2 }, benchmarks: [{ exec: "a" }, { exec: "b" }] };
    expect(rulesOn(raw).errors).toEqual(["options: min-rounds (9) is greater than max-rounds (2)"]);
  });

  test("a benchmark named like another one's command is a duplicate", () => {
    const raw = { benchmarks: [{ exec: "sleep   1" }, { name: "sleep 1", exec: "other" }, { name: "x", exec: "y" }] };
    expect(rulesOn(raw).warnings).toEqual([
      `benchmarks.1: duplicate benchmark name "sleep 1" (same as benchmarks.0): give each a distinct "name"`,
    ]);
  });

  test("applyRules() runs the given rules in order", () => {
    const r = validateConfig({}, "/repo");
    if (!r.ok) throw new Error("unreachable");
    const seen: string[] = [];
    const a: Rule = (ctx) => { seen.push("a"); ctx.warnings.push("w"); };
    const b: Rule = (ctx) => { seen.push("b"); ctx.errors.push("e"); };
    expect(applyRules(r.config, [a, b])).toEqual({ errors: ["e"], warnings: ["w"] });
    expect(seen).toEqual(["a", "b"]);
  });
});
