import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SIM_FIXTURES } from "../../test/simulation/fixtures.ts";
import { parseGilDisabled, parseOptionCheck, parseValgrindVersion } from "./parse-probe.ts";

const probe = (f: string) => readFileSync(join(SIM_FIXTURES, "probe", f), "utf8");

test("parseValgrindVersion() reads upstream and CodSpeed builds", () => {
  expect(parseValgrindVersion(probe("valgrind-version-upstream.txt"))).toEqual({ version: "3.19.0", codspeed: false });
  expect(parseValgrindVersion("valgrind-3.26.0.codspeed\n")).toEqual({ version: "3.26.0", codspeed: true });
  expect(parseValgrindVersion("valgrind-3.22.0-Debian")).toEqual({ version: "3.22.0", codspeed: false });
  expect(parseValgrindVersion("bash: valgrind: command not found")).toBeUndefined();
});

test("parseOptionCheck() reports the option valgrind rejected", () => {
  expect(parseOptionCheck(0, "")).toEqual({ accepted: true });
  expect(parseOptionCheck(1, probe("obj-skip-unknown.stderr.txt"))).toEqual({ accepted: false, reason: "Unknown option: --obj-skip=/bin/true" });
  expect(parseOptionCheck(1, probe("collect-systime-bad.stderr.txt"))).toEqual({ accepted: false, reason: "Unknown option: --collect-systime=bogus" });
  expect(parseOptionCheck(null, "")).toEqual({ accepted: false, reason: "the check failed: exit code null" });
});

test("parseGilDisabled() is true only for a free-threaded python", () => {
  expect(parseGilDisabled("1\n")).toBe(true);
  expect(parseGilDisabled("0\n")).toBe(false);
  expect(parseGilDisabled("")).toBe(false);
});
