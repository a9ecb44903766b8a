import { expect, test } from "bun:test";
import { PluginError } from "../errors.ts";
import { createTestPlugin } from "../../test/helpers/test-plugin.ts";
import { runCollect } from "./driver.ts";
import { checkMeasurement } from "./measurement-schema.ts";
import type { RunOutcome } from "./types.ts";

const good = {
  instrument: "x",
  title: "X",
  columns: [{ key: "time", label: "Time", unit: "seconds", digits: 3 }],
  benchmarks: [{ name: "a", uri: "a.ts::a", metrics: { time: 1.5, note: "ok", none: null }, detail: { any: [1] } }],
  notes: ["n"],
};

test("a well-formed measurement is returned as is, extra fields kept", () => {
  const value = { ...good, extra: true };
  expect(checkMeasurement("p", value)).toBe(value as never);
  expect(checkMeasurement("p", undefined)).toBeUndefined();
});

test.each([
  ["an unknown unit", { ...good, columns: [{ key: "time", label: "T", unit: "ms" }] }, `[plugin p] collect: column "time" has unknown unit "ms" (expected one of "seconds", "bytes", "count", "percent", "text")`],
  ["benchmarks not a list", { ...good, benchmarks: { a: 1 } }, "[plugin p] collect: benchmarks: expected a list of benchmarks, got a mapping"],
  ["a benchmark without uri", { ...good, benchmarks: [{ name: "a", metrics: {} }] }, "[plugin p] collect: benchmarks.0.uri: missing"],
  ["an empty uri", { ...good, benchmarks: [{ name: "a", uri: "", metrics: {} }] }, "benchmarks.0.uri: expected a non-empty string, got \"\""],
  ["a metric that is an object", { ...good, benchmarks: [{ name: "a", uri: "u", metrics: { t: { v: 1 } } }] }, "benchmarks.0.metrics.t: expected a number, a string or null, got a mapping"],
  ["no columns", { instrument: "x", title: "X", benchmarks: [] }, "[plugin p] collect: columns: missing"],
  ["a string", "done", "the result: expected a measurement { instrument, title, columns, benchmarks }, got \"done\""],
  ["two problems", { ...good, instrument: "", title: 3 }, "instrument: expected a non-empty string, got \"\" (and 1 more problem)"],
])("%s is refused", (_what, value, message) => {
  let err: unknown;
  try {
    checkMeasurement("p", value);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PluginError);
  expect((err as PluginError).message).toContain(message);
  expect((err as PluginError).hook).toBe("collect");
});

test("runCollect() turns a malformed result into a failure of that plugin only", async () => {
  const outcome: RunOutcome = { exitCode: 0, signal: null, wallTimeMs: 1, benchmarkPids: [] };
  const bad = createTestPlugin({ name: "bad", collect: () => ({ ...good, columns: [{ key: "k", label: "K", unit: "furlongs" }] }) as never });
  const fine = createTestPlugin({ name: "fine", collect: () => good as never });
  const r = await runCollect([bad, fine], outcome);
  expect(r.measurements).toEqual([good as never]);
  expect(r.failures.map((f) => f.message)).toEqual([
    `[plugin bad] collect: column "k" has unknown unit "furlongs" (expected one of "seconds", "bytes", "count", "percent", "text")`,
  ]);
});
