import { describe, expect, test } from "bun:test";
import { PluginError } from "../errors.ts";
import { createTestPlugin } from "../../test/helpers/test-plugin.ts";
import { dispatchEvent, reduceWrap, runCollect, runProbe, runSetup, runTeardown, sortPlugins } from "./driver.ts";
import type { RunOutcome } from "./types.ts";

const outcome: RunOutcome = { exitCode: 0, signal: null, wallTimeMs: 1, benchmarkPids: [] };
const cmd = { argv: ["true"], env: {}, cwd: "/" };

describe("hook errors name the plugin and the hook", () => {
  test("probe() that throws reports unsupported with the plugin's message", async () => {
    const p = createTestPlugin({ name: "broken", probe: () => { throw new Error("no perf here"); } });
    const r = await runProbe([p]);
    expect(r.get("broken")).toEqual({ status: "unsupported", features: {}, reasons: ["[plugin broken] probe: no perf here"] });
  });

  test.each(["setup", "wrap", "collect", "teardown"] as const)("%s() that throws becomes a PluginError", async (hook) => {
    const p = createTestPlugin({ name: "broken", [hook]: () => { throw new Error("boom"); } });
    const call = {
      setup: () => runSetup([p], new Map([["broken", { status: "supported", features: {}, reasons: [] }]])),
      wrap: () => reduceWrap([p], cmd),
      collect: async () => { const r = await runCollect([p], outcome); if (r.failures[0]) throw r.failures[0]; },
      teardown: () => runTeardown([p]),
    }[hook];
    const err = await call().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PluginError);
    expect(err).toMatchObject({ plugin: "broken", hook, code: "E_PLUGIN", message: `[plugin broken] ${hook}: boom` });
  });

  test("a hook that never settles is stopped by the timeout and named", async () => {
    process.env.PACER_HOOK_TIMEOUT_MS = "50";
    try {
      const p = createTestPlugin({ name: "hangs", wrap: () => new Promise(() => {}) });
      const err = (await reduceWrap([p], cmd).catch((e: unknown) => e)) as PluginError;
      expect(err.message).toBe("[plugin hangs] wrap: did not finish within 50 ms");
      expect(err.hook).toBe("wrap");
    } finally {
      delete process.env.PACER_HOOK_TIMEOUT_MS;
    }
  });

  test.each([
    [{ argv: [], env: {}, cwd: "/" }, "argv: expected a non-empty list of strings, got an empty list"],
    [{ argv: ["true", 3], env: {}, cwd: "/" }, "argv.1: expected a string, got 3"],
    [{ argv: ["true"], cwd: "/" }, "env: missing"],
    [{ argv: ["true"], env: { A: 1 }, cwd: "/" }, "env.A: expected a string, got 1"],
    [undefined, "the result: expected a command { argv, env, cwd }, got nothing"],
  ])("wrap() returning %j is refused", async (returned, detail) => {
    const p = createTestPlugin({ name: "empty", wrap: () => returned as never });
    expect(reduceWrap([p], cmd)).rejects.toThrow(`[plugin empty] wrap: returned a malformed result: ${detail}`);
  });

  test.each([
    [{ status: "yes", features: {}, reasons: [] }, `status: expected "supported", "degraded" or "unsupported", got "yes"`],
    [{ status: "supported", reasons: [] }, "features: missing"],
    [{ status: "supported", features: { perf: { enabled: "no" } }, reasons: [] }, `features.perf.enabled: expected true or false, got "no"`],
  ])("probe() returning %j counts as unsupported, saying why", async (returned, detail) => {
    const p = createTestPlugin({ name: "odd", probe: () => returned as never });
    const r = await runProbe([p]);
    expect(r.get("odd")).toEqual({ status: "unsupported", features: {}, reasons: [`[plugin odd] probe: returned a malformed result: ${detail}`] });
  });
});

describe("hook kinds", () => {
  test("wrap reduces in enforce order: pre innermost, post outermost", async () => {
    const mk = (name: string, enforce?: "pre" | "post") =>
      createTestPlugin({ name, enforce, wrap: (c) => ({ ...c, argv: [name, ...c.argv] }) });
    const sorted = sortPlugins([mk("post", "post"), mk("normal"), mk("pre", "pre")]);
    expect((await reduceWrap(sorted, cmd)).argv).toEqual(["post", "normal", "pre", "true"]);
  });

  test("teardown runs every plugin in reverse order and combines errors", async () => {
    const seen: string[] = [];
    const mk = (name: string, fail: boolean) =>
      createTestPlugin({ name, teardown: () => { seen.push(name); if (fail) throw new Error(`${name} failed`); } });
    const err = (await runTeardown([mk("a", true), mk("b", false), mk("c", true)]).catch((e: unknown) => e)) as Error;
    expect(seen).toEqual(["c", "b", "a"]);
    expect(err.message).toContain("2 teardowns failed");
    expect(err.message).toContain("[plugin c] teardown: c failed");
    expect(err.message).toContain("[plugin a] teardown: a failed");
  });

  test("collect keeps successes beside failures", async () => {
    const good = createTestPlugin({ name: "good", collect: () => ({ instrument: "x", title: "X", columns: [], benchmarks: [] }) });
    const bad = createTestPlugin({ name: "bad", collect: () => { throw new Error("nope"); } });
    const r = await runCollect([good, bad], outcome);
    expect(r.measurements).toHaveLength(1);
    expect(r.failures.map((f) => f.plugin)).toEqual(["bad"]);
  });
});

describe("integration events", () => {
  test("onBenchmark hooks run in parallel and a hung one is skipped afterwards", async () => {
    const errors: string[] = [];
    const seen: string[] = [];
    const hung = createTestPlugin({ name: "hung", onBenchmark: () => new Promise(() => {}) });
    const ok = createTestPlugin({ name: "ok", onBenchmark: (e) => { seen.push(e.type); } });
    const event = { type: "start", timestampNs: 1n } as const;
    expect(await dispatchEvent([hung, ok], event, (e) => errors.push((e as Error).message))).toBe("err");
    expect(errors[0]).toContain("[plugin hung] onBenchmark: did not finish within 500 ms; its later events are skipped");
    const t1 = performance.now();
    expect(await dispatchEvent([hung, ok], event, (e) => errors.push((e as Error).message))).toBeUndefined();
    // Skipped, not waited for again (a wait would take the full 500 ms budget).
    expect(performance.now() - t1).toBeLessThan(400);
    expect(seen).toEqual(["start", "start"]);
  });
});
