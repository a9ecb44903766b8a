import { expect, test } from "bun:test";
import { closestKey, editDistance, unknownKeyMessage } from "./suggest.ts";

test.each([
  ["defualt", "default", 1],
  ["optoins", "options", 1],
  ["benchmark", "benchmarks", 1],
  ["kitten", "sitting", 3],
  ["", "abc", 3],
])("editDistance(%p, %p) is %p", (a, b, d) => {
  expect(editDistance(a, b)).toBe(d);
});

test.each([
  ["defualt", ["default", "gate", "metrics", "benchmarks", "noise"], "default"],
  ["max_rounds", ["max-rounds", "min-rounds"], "max-rounds"],
  ["maxRounds", ["max-rounds", "min-rounds"], "max-rounds"],
  ["warmup", ["warmup-time", "max-time"], undefined],
  ["histroy", ["options", "history"], "history"],
  ["colour", ["name", "exec", "options"], undefined],
  ["ab", ["a", "b"], "a"],
])("closestKey(%p, %j) is %p", (key, allowed, expected) => {
  expect(closestKey(key, allowed)).toBe(expected);
});

test("unknownKeyMessage() gives a guess, a note for renamed keys, or the allowed keys", () => {
  expect(unknownKeyMessage("thresholds.defualt", "defualt", ["default", "gate"])).toBe(`thresholds.defualt: unknown key, did you mean "default"?`);
  expect(unknownKeyMessage("targets", "targets", ["benchmarks"])).toBe(`targets: unknown key: it was renamed to "benchmarks" in CodSpeed 4.10`);
  expect(unknownKeyMessage("history.colour", "colour", ["path", "enabled"])).toBe(`history.colour: unknown key (expected one of "path", "enabled")`);
});
