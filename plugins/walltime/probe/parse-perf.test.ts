import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Captures } from "../../../test/fixtures/walltime/replay.ts";
import { parsePerfVersion, parseZstdSupport } from "./parse-perf-build.ts";
import { parseEventOpen } from "./parse-perf-stat.ts";
import { parseRecordCheck } from "./parse-record-check.ts";
import { parseSysctlInt } from "./../../../src/toolkit/sysctl.ts";

const vm = (JSON.parse(readFileSync(join(import.meta.dir, "../../../test/fixtures/walltime/vm-captures.json"), "utf8")) as Captures).outputs;
const out = (k: string) => vm[k]!;

describe("perf build parsers (captured on this VM)", () => {
  test("parsePerfVersion() reads the version", () => {
    expect(parsePerfVersion(out("perf --version").stdout)).toBe("6.1.187");
    expect(parsePerfVersion("perf version 6.8.12-generic\n")).toBe("6.8.12-generic");
    expect(parsePerfVersion("bash: perf: not found")).toBeUndefined();
  });

  test("parseZstdSupport() finds the zstd build option", () => {
    expect(parseZstdSupport(out("perf version --build-options").stdout)).toBe(true);
    expect(parseZstdSupport("                  zstd: [ OFF ]  # HAVE_ZSTD_SUPPORT\n")).toBe(false);
    expect(parseZstdSupport("perf version 4.19\n")).toBeUndefined();
  });

  test("parseSysctlInt() reads /proc and sysctl forms", () => {
    expect(parseSysctlInt("2\n")).toBe(2);
    expect(parseSysctlInt("kernel.perf_event_paranoid = -1")).toBe(-1);
    expect(parseSysctlInt("")).toBeUndefined();
  });
});

describe("parseEventOpen() on this VM's perf stat outputs", () => {
  test.each([
    ["stat cpu-clock", true, undefined],
    ["stat cpu-cycles", false, "not supported by this machine's PMU"],
    ["stat l1d_cache", false, "unknown event name (event syntax error)"],
    ["stat {cpu-cycles,instructions}", false, 'event "cpu-cycles" is not supported'],
    ["stat {cpu-clock,task-clock}", true, undefined],
  ])("%s opened=%p", (key, opened, reason) => {
    expect(parseEventOpen(out(key))).toEqual(reason ? { opened, reason } : { opened });
  });

  test("a perf that cannot start is not an opened event", () => {
    expect(parseEventOpen({ code: null, stdout: "", stderr: "", spawnError: "ENOENT" })).toEqual({ opened: false, reason: "perf could not start: ENOENT" });
  });
});

describe("parseRecordCheck() on this VM's perf record outputs", () => {
  test("accepted options are ok", () => {
    for (const k of ["record clockid", "record call-graph fp", "record call-graph dwarf", "record control fifo"]) {
      expect(parseRecordCheck(out(k))).toEqual({ ok: true });
    }
  });

  test("rejections carry perf's complaint", () => {
    expect(parseRecordCheck(out("record unknown option")).reason).toBe("perf record exited with 129: Error: unknown option `no-such-option'");
    expect(parseRecordCheck(out("record bogus clockid")).reason).toBe("perf record exited with 129: unknown clockid CLOCK_BOGUS, check man page");
  });

  test("with --quiet perf only prints its usage: the option at fault is named", () => {
    // The same VM's `perf record -q -k CLOCK_BOGUS` stderr: -q drops the warning line.
    const stderr = "\n Usage: perf record [<options>] [<command>]\n    or: perf record [<options>] -- <command> [<options>]\n\n    -k, --clockid <clockid>\n                          clockid to use for events, see clock_gettime()\n";
    expect(parseRecordCheck({ code: 129, stdout: "", stderr }).reason).toBe("perf record exited with 129: perf rejected -k, --clockid");
  });
});
