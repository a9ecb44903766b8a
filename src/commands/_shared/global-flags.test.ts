import { expect, test } from "bun:test";
import { takeGlobalFlags } from "./global-flags.ts";

test("global flags are taken anywhere before --, and left alone after it", () => {
  const g = takeGlobalFlags(["--quiet", "exec", "--color", "never", "--max-rounds", "3", "--", "ls", "--color=always", "-v"]);
  expect(g).toEqual({ debug: false, color: "never", verbosity: "quiet", rest: ["exec", "--max-rounds", "3", "--", "ls", "--color=always", "-v"] });
  expect(takeGlobalFlags(["runs", "--color=always", "--debug", "-v"])).toEqual({ debug: true, color: "always", verbosity: "verbose", rest: ["runs"] });
  expect(takeGlobalFlags(["runs", "--no-color"]).color).toBe("never");
});

test("--color without a value is a usage error", () => {
  expect(() => takeGlobalFlags(["runs", "--color"])).toThrow("Missing the value of --color");
  expect(() => takeGlobalFlags(["runs", "--color", "--json"])).toThrow("Missing the value of --color");
});
