import { expect, test } from "bun:test";
import { optionEnv, optionalBoolArgv, parseOptionalBool } from "./run-flags.ts";

test("optionalBoolArgv() gives a bare --flag the value true and leaves the benchmark command alone", () => {
  expect(optionalBoolArgv(["--cycle-estimation", "--exclude-allocations=false", "--", "--cycle-estimation"])).toEqual([
    "--cycle-estimation=true",
    "--exclude-allocations=false",
    "--",
    "--cycle-estimation",
  ]);
});

test("parseOptionalBool() takes the CodSpeed spellings and refuses others", () => {
  expect(parseOptionalBool("x", "FALSE")).toBe(false);
  expect(parseOptionalBool("x", "1")).toBe(true);
  expect(parseOptionalBool("x", undefined)).toBeUndefined();
  expect(() => parseOptionalBool("x", "maybe")).toThrow('Invalid --x "maybe": expected a boolean');
});

test("optionEnv() turns the flags into the variables the simulation plugin reads", () => {
  const env = optionEnv({ "cycle-estimation": "false", "exclude-allocations": "true" });
  expect(env.CODSPEED_CYCLE_ESTIMATION).toBe("false");
  expect(env.CODSPEED_EXCLUDE_ALLOCATIONS).toBe("true");
});
