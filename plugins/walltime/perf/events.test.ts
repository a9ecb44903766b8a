import { describe, expect, test } from "bun:test";
import { eventBaseName, groupArg, groupLeader, sameEvent } from "./events.ts";

describe("groupLeader()", () => {
  test("is the first member of the group argument, undefined without a group", () => {
    expect(groupLeader(groupArg(["cpu-cycles", "l1d_cache", "instructions"]))).toBe("cpu-cycles");
    expect(groupLeader("{cpu-clock,task-clock}")).toBe("cpu-clock");
    expect(groupLeader(undefined)).toBeUndefined();
    expect(groupLeader("")).toBeUndefined();
  });
});

describe("sameEvent()", () => {
  test("ignores the modifiers perf adds and the PMU wrapper of hybrid machines", () => {
    // `-e cpu-clock:u` is printed `cpu-clock:u` by perf script and `cpu-clock:uH` by perf evlist (this VM).
    expect(sameEvent("cpu-clock:u", "cpu-clock")).toBe(true);
    expect(sameEvent("cpu-clock:uH", "cpu-clock:u")).toBe(true);
    expect(sameEvent("cpu_core/cpu-cycles/", "cpu-cycles")).toBe(true);
    expect(eventBaseName("armv8_pmuv3_0/l1d_cache/u")).toBe("l1d_cache");
  });

  test("tells different events apart", () => {
    expect(sameEvent("task-clock", "cpu-clock")).toBe(false);
    expect(sameEvent("cpu-cycles", "instructions")).toBe(false);
  });
});
