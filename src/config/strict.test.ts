/**
 * Every level of the config is strict: a typo is an error naming its key path, with a "did you
 * mean" when an allowed key at that level is close, and numbers that JS cannot hold exactly are
 * refused at their key.
 */
import { expect, test } from "bun:test";
import { validateConfig } from "./validate.ts";

function errorsOf(raw: unknown): string[] {
  const r = validateConfig(raw, "/repo");
  return r.ok ? [] : r.errors;
}

test.each([
  ["top level", { optoins: {} }, `optoins: unknown key, did you mean "options"?`],
  ["top level, plural", { benchmark: [] }, `benchmark: unknown key, did you mean "benchmarks"?`],
  ["top level, renamed by CodSpeed", { targets: [] }, `targets: unknown key: it was renamed to "benchmarks"`],
  ["options", { options: { "warmup-tme": "1s" } }, `options.warmup-tme: unknown key, did you mean "warmup-time"?`],
  ["options, snake_case", { options: { max_rounds: 5 } }, `options.max_rounds: unknown key, did you mean "max-rounds"?`],
  ["benchmarks[]", { benchmarks: [{ exec: "true", nmae: "x" }] }, `benchmarks.0.nmae: unknown key, did you mean "name"?`],
  ["benchmarks[], CodSpeed entrypoint", { benchmarks: [{ entrypoint: "x" }] }, `benchmarks.0.entrypoint: unknown key: CodSpeed's entrypoint targets are not supported`],
  ["benchmarks[].options", { benchmarks: [{ exec: "true", options: { "min-round": 1 } }] }, `benchmarks.0.options.min-round: unknown key, did you mean "min-rounds"?`],
  ["benchmarks[].options, root-only key", { benchmarks: [{ exec: "true", options: { "working-directory": "x" } }] }, `benchmarks.0.options.working-directory: unknown key (expected one of "warmup-time"`],
  ["history", { history: { enbled: false } }, `history.enbled: unknown key, did you mean "enabled"?`],
  ["thresholds", { thresholds: { defualt: "2%" } }, `thresholds.defualt: unknown key, did you mean "default"?`],
  ["thresholds.noise", { thresholds: { noise: { alhpa: 0.05 } } }, `thresholds.noise.alhpa: unknown key, did you mean "alpha"?`],
  ["no guess", { history: { colour: "red" } }, `history.colour: unknown key (expected one of "path", "enabled")`],
  ["no guess at the top", { colour: "red" }, `colour: unknown key (expected one of "options", "benchmarks", "plugins", "instruments", "thresholds", "history", "server")`],
])("a typo at %s is an error: %j", (_level, raw, message) => {
  expect(errorsOf(raw).join("\n")).toContain(message);
});

test.each([
  ["max-rounds above 2^53", { options: { "max-rounds": 9007199254740993 } }, `options.max-rounds: expected an integer of at most 9007199254740991, got 9007199254740992`],
  ["min-rounds 1e20", { benchmarks: [{ exec: "true", options: { "min-rounds": 1e20 } }] }, "benchmarks.0.options.min-rounds: expected an integer of at most"],
  ["max-time 1e20 seconds", { options: { "max-time": 1e20 } }, "options.max-time: expected a duration of at most 104 days"],
  ["warmup-time 200 days", { options: { "warmup-time": "200d" } }, "options.warmup-time: expected a duration of at most 104 days"],
  ["thresholds.default not a percentage", { thresholds: { default: "lots" } }, `thresholds.default: `],
  ["thresholds as a list", { thresholds: ["5%"] }, "thresholds: expected a mapping, got a list"],
])("%s is refused at its key", (_what, raw, message) => {
  expect(errorsOf(raw).join("\n")).toContain(message);
});

test.each([
  ["the largest safe round count", { options: { "max-rounds": Number.MAX_SAFE_INTEGER } }],
  ["100 days", { options: { "max-time": "100d" } }],
  ["CodSpeed's documented keys", {
    options: { "working-directory": ".", "warmup-time": "1s", "max-time": "5s", "max-rounds": 50 },
    benchmarks: [{ name: "a", exec: "true", options: { "warmup-time": 0, "min-time": "1s", "min-rounds": 2 } }],
  }],
  ["every thresholds key", { thresholds: { default: "5%", gate: ["walltime.time"], metrics: { "simulation.ir": "1%" }, benchmarks: { "p*": "20%" }, noise: { alpha: 0.01, min_effect: "3%" } } }],
])("%s is accepted", (_what, raw) => {
  expect(errorsOf(raw)).toEqual([]);
});

test("the thresholds are kept as written, for the compare step to parse", () => {
  const r = validateConfig({ thresholds: { default: "2%" } }, "/repo");
  expect(r.ok && r.config.thresholds).toEqual({ default: "2%" });
});
