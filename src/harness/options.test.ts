import { expect, test } from "bun:test";
import type { WalltimeOptions } from "../plugin/types.ts";
import { checkRoundFlags, resolveLoopOptions, type LoopOptions } from "./options.ts";

test.each<[string, WalltimeOptions, LoopOptions]>([
  ["defaults: 1 s warmup, 3 s max time", {}, { warmupTimeNs: 1e9, max: { timeNs: 3e9 } }],
  ["max rounds drops the default max time", { maxRounds: 10 }, { warmupTimeNs: 1e9, max: { rounds: 10 } }],
  ["min rounds drops the default max time", { minRounds: 3 }, { warmupTimeNs: 1e9, min: { rounds: 3 } }],
  ["min time drops the default max time", { minTimeNs: 2e9 }, { warmupTimeNs: 1e9, min: { timeNs: 2e9 } }],
  ["max time and rounds make Both", { maxTimeNs: 10e9, maxRounds: 10, warmupTimeNs: 2e9 }, { warmupTimeNs: 2e9, max: { rounds: 10, timeNs: 10e9 } }],
  ["min time and rounds make Both", { minTimeNs: 1e9, minRounds: 5 }, { warmupTimeNs: 1e9, min: { rounds: 5, timeNs: 1e9 } }],
  ["min time with max rounds is allowed", { minTimeNs: 2e9, maxRounds: 10 }, { warmupTimeNs: 1e9, min: { timeNs: 2e9 }, max: { rounds: 10 } }],
  ["max time with min rounds is allowed", { maxTimeNs: 10e9, minRounds: 5 }, { warmupTimeNs: 1e9, min: { rounds: 5 }, max: { timeNs: 10e9 } }],
  ["max time 0 means none", { maxTimeNs: 0, maxRounds: 4 }, { warmupTimeNs: 1e9, max: { rounds: 4 } }],
  ["no warmup with rounds", { warmupTimeNs: 0, maxRounds: 10 }, { warmupTimeNs: 0, max: { rounds: 10 } }],
  ["no warmup keeps the default max time", { warmupTimeNs: 0 }, { warmupTimeNs: 0, max: { timeNs: 3e9 } }],
  ["min time above a max time of 0 is fine", { minTimeNs: 5e9, maxTimeNs: 0 }, { warmupTimeNs: 1e9, min: { timeNs: 5e9 } }],
  ["a counted warmup replaces the warmup time", { warmupRounds: 3 }, { warmupTimeNs: 0, warmupRounds: 3, max: { timeNs: 3e9 } }],
  ["a counted warmup of 0 is no warmup", { warmupRounds: 0, maxRounds: 5 }, { warmupTimeNs: 0, warmupRounds: 0, max: { rounds: 5 } }],
])("resolveLoopOptions: %s", (_name, input, expected) => {
  expect(resolveLoopOptions(input)).toEqual(expected);
});

test.each<[string, WalltimeOptions, string]>([
  ["min time above max time", { minTimeNs: 10e9, maxTimeNs: 5e9 }, "min time (10.0 s) cannot be greater than max time (5.00 s)"],
  ["min rounds above max rounds", { minRounds: 10, maxRounds: 5 }, "min rounds (10) cannot be greater than max rounds (5)"],
  ["no warmup and no bound", { warmupTimeNs: 0, maxTimeNs: 0 }, "when warmup is disabled, at least one constraint"],
  ["warmup but no bound at all", { maxTimeNs: 0 }, "unable to determine the number of rounds"],
  ["negative time", { maxTimeNs: -1 }, 'max time "-1" is not a non-negative number'],
  ["fractional rounds", { maxRounds: 1.5 }, 'max rounds "1.5" is not a non-negative integer'],
  ["a warmup in rounds and in time", { warmupRounds: 2, warmupTimeNs: 1e9 }, "a warmup time and a number of warmup rounds are both set"],
  ["negative warmup rounds", { warmupRounds: -2 }, 'warmup rounds "-2" is not a non-negative integer'],
  ["no counted warmup and no bound", { warmupRounds: 0, maxTimeNs: 0 }, "when warmup is disabled, at least one constraint"],
])("resolveLoopOptions rejects %s", (_name, input, message) => {
  expect(() => resolveLoopOptions(input)).toThrow(message);
  try {
    resolveLoopOptions(input);
  } catch (e) {
    expect((e as { code: string }).code).toBe("E_USAGE");
  }
});

test.each<[Record<string, string>, string | undefined]>([
  [{ "max-rounds": "100", "min-rounds": "0" }, undefined],
  [{ "max-rounds": "9007199254740991" }, undefined],
  [{ "max-rounds": "9007199254740992" }, 'Invalid --max-rounds "9007199254740992": the largest number of rounds is 9007199254740991'],
  [{ "min-rounds": "1e3" }, 'Invalid --min-rounds "1e3": expected a whole number'],
  [{ "min-rounds": "-1" }, 'Invalid --min-rounds "-1": expected a whole number'],
  [{ runs: "10", warmup: "3" }, undefined],
  [{ runs: "ten" }, 'Invalid --runs "ten": expected a whole number'],
  [{ warmup: "1s" }, 'Invalid --warmup "1s": expected a whole number'],
])("checkRoundFlags(%p)", (values, message) => {
  if (message === undefined) expect(() => checkRoundFlags(values)).not.toThrow();
  else expect(() => checkRoundFlags(values)).toThrow(message);
});
