import { expect, test } from "bun:test";
import { defaultConfig, validateConfig } from "./validate.ts";

test("validateConfig() treats null (an empty YAML file) as no settings", () => {
  expect(validateConfig(null, "/repo")).toEqual({ ok: true, config: defaultConfig("/repo"), warnings: [] });
});

test("validateConfig() returns every schema issue instead of throwing", () => {
  const r = validateConfig({ options: { "max-rounds": "x", "warmup-time": [] }, plugins: [""] }, "/repo");
  expect(r).toEqual({
    ok: false,
    errors: [
      `options.warmup-time: expected a duration such as "1s", "500ms", "2m" or a number of seconds, got a list`,
      `options.max-rounds: expected an integer >= 0, got "x"`,
      `plugins.0: expected "./plugin.ts" or ["./plugin.ts", { options }], got ""`,
    ],
    warnings: [],
  });
});

test("validateConfig() reports a list given for a mapping, which valibot alone would accept", () => {
  const r = validateConfig({ benchmarks: [{ exec: "true", options: [{ "max-rounds": 1 }] }] }, "/repo");
  expect(r.ok).toBe(false);
  expect(!r.ok && r.errors).toEqual([
    "benchmarks.0.options: expected a mapping of warmup-time, max-time, min-time, max-rounds, min-rounds, got a list",
  ]);
});

test("validateConfig() reports every unknown key of an object, not only the first (valibot stops there)", () => {
  const r = validateConfig({ options: { maxRounds: 1, "max-rounds": -1, max_time: 1 } }, "/repo");
  expect(r.ok).toBe(false);
  expect(!r.ok && r.errors).toEqual([
    `options.maxRounds: unknown key, did you mean "max-rounds"?`,
    `options.max_time: unknown key, did you mean "max-time"?`,
    "options.max-rounds: expected an integer >= 0, got -1",
  ]);
});

test("validateConfig() resolves paths against the given directory and keeps absolute ones", () => {
  const r = validateConfig(
    { options: { "working-directory": "/abs/wd" }, plugins: ["/abs/p.ts", "rel/p.ts"], history: { path: "../h" } },
    "/repo/sub",
  );
  expect(r.ok && r.config.options.workingDirectory).toBe("/abs/wd");
  expect(r.ok && r.config.plugins.map((p) => p.path)).toEqual(["/abs/p.ts", "/repo/sub/rel/p.ts"]);
  expect(r.ok && r.config.history.path).toBe("/repo/h");
});
