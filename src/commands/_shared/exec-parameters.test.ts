import { expect, test } from "bun:test";
import { PacerError } from "../../errors.ts";
import { combinations, hyperfineParameterArgs, parametersOf, parseList, parseScan, substitute } from "./exec-parameters.ts";

function usageError(f: () => unknown): PacerError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PacerError);
    expect((e as PacerError).code).toBe("E_USAGE");
    return e as PacerError;
  }
  throw new Error("expected a usage error");
}

test("a scan runs from min to max inclusive, by the step", () => {
  expect(parseScan("threads=1..4")).toEqual({ name: "threads", values: ["1", "2", "3", "4"] });
  expect(parseScan("n=0..10", "5").values).toEqual(["0", "5", "10"]);
  expect(parseScan("n=1..2", "0.5").values).toEqual(["1.0", "1.5", "2.0"]);
  // Binary error of 0.1 steps does not leak into the values.
  expect(parseScan("d=0..0.3", "0.1").values).toEqual(["0.0", "0.1", "0.2", "0.3"]);
  expect(parseScan("x=3..3").values).toEqual(["3"]);
});

test("a list keeps its values in order", () => {
  expect(parseList("threads=1,2,4")).toEqual({ name: "threads", values: ["1", "2", "4"] });
  expect(parseList("alg=quick,merge").values).toEqual(["quick", "merge"]);
});

test.each([
  ["threads", "expected <name>=<values>"],
  ["1x=1..2", "expected <name>=<values>"],
  ["t=1-4", 'expected a range "<min>..<max>"'],
  ["t=4..1", "above the maximum"],
  ["t=0..100000", "at most 1000"],
])("scan %p is refused (%s)", (raw, why) => {
  const e = usageError(() => parseScan(raw));
  expect(e.message).toStartWith(`Invalid --parameter-scan "${raw}": `);
  expect(e.message).toContain(why);
  expect(e.hint).toContain("threads=1..8");
});

test("bad step, empty list value, duplicate names and a step without a scan are refused", () => {
  expect(usageError(() => parseScan("t=1..2", "0")).message).toContain("--parameter-step-size");
  expect(usageError(() => parseList("t=1,,2")).message).toContain("a value is empty");
  expect(usageError(() => parametersOf(["t=1..2"], ["t=3"])).message).toBe('The parameter "t" is given twice');
  expect(usageError(() => parametersOf([], ["t=3"], "2")).message).toContain("needs --parameter-scan");
});

test("combinations vary the first parameter slowest", () => {
  expect(combinations([{ name: "a", values: ["1", "2"] }, { name: "b", values: ["x", "y"] }])).toEqual([
    { a: "1", b: "x" }, { a: "1", b: "y" }, { a: "2", b: "x" }, { a: "2", b: "y" },
  ]);
  expect(combinations([])).toEqual([{}]);
});

test("substitute replaces known placeholders only", () => {
  expect(substitute("sort -S {mem} {file} {unknown} ${HOME}", { mem: "1G", file: "a.txt" })).toBe("sort -S 1G a.txt {unknown} ${HOME}");
});

test("hyperfine's three-word spelling becomes pacer's, the command after -- is left alone", () => {
  expect(hyperfineParameterArgs(["--parameter-scan", "t", "1", "8", "--command", "x {t}"])).toEqual(["--parameter-scan", "t=1..8", "--command", "x {t}"]);
  expect(hyperfineParameterArgs(["-P", "t", "1", "3", "-L", "alg", "a,b"])).toEqual(["--parameter-scan", "t=1..3", "--parameter-list", "alg=a,b"]);
  expect(hyperfineParameterArgs(["--parameter-scan", "t=1..8"])).toEqual(["--parameter-scan", "t=1..8"]);
  expect(hyperfineParameterArgs(["--", "-P", "t", "1", "3"])).toEqual(["--", "-P", "t", "1", "3"]);
});
