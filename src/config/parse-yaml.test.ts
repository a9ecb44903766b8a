import { expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { MAX_ALIAS_COUNT, parseYamlConfig } from "./parse-yaml.ts";

function parseError(text: string): PacerError {
  try {
    parseYamlConfig(text, "conf/pacer.yml");
  } catch (err) {
    if (err instanceof PacerError) return err;
    throw err;
  }
  throw new Error("expected a parse error");
}

test("a few aliases, as real configs use them, are fine", () => {
  const text = "defaults: &d { max-rounds: 5 }\noptions: *d\nbenchmarks:\n  - exec: a\n    options: *d\n";
  expect(parseYamlConfig(text, "pacer.yml")).toEqual({
    defaults: { "max-rounds": 5 },
    options: { "max-rounds": 5 },
    benchmarks: [{ exec: "a", options: { "max-rounds": 5 } }],
  });
});

test.each([
  [4, 3],
  [12, 3],
])("an alias bomb of %i levels is refused with the file and the line of the first nested alias", (levels, line) => {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
  const err = parseError(lines.join("\n"));
  expect(err.code).toBe("E_CONFIG");
  expect(err.message).toBe(`Cannot parse config "conf/pacer.yml": aliases expand more than ${MAX_ALIAS_COUNT} times at line ${line}`);
  expect(err.hint).toContain("alias bomb");
});

test("a syntax error names the file, line and column", () => {
  const err = parseError("options:\n  max-rounds: [1\n");
  expect(err.message).toStartWith(`Cannot parse config "conf/pacer.yml": `);
  expect(err.message).toMatch(/at line \d+, column \d+/);
});
