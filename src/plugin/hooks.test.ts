import { describe, expect, test } from "bun:test";
import { createTestPlugin } from "../../test/helpers/test-plugin.ts";
import { dispatchEvent, reduceWrap, runStart, runTeardown, sortPlugins } from "./driver.ts";
import { HOOKS, HOOK_NAMES, type HookName, type HookSpec } from "./hooks.ts";

// Compile-time checks (tsc --noEmit runs over test files too).
// Every hook of the interface is named here: a hook added to InstrumentPlugin makes this fail to compile.
const everyHook: Record<HookName, true> = { probe: true, probeKey: true, setup: true, start: true, wrap: true, onBenchmark: true, collect: true, teardown: true };
// @ts-expect-error a table that leaves a hook without a kind does not compile
const missingKind: Record<HookName, HookSpec> = { probe: HOOKS.probe };

describe("the hook table", () => {
  test("names every hook once, with a kind, and drives the shape check's required hooks", () => {
    expect([...HOOK_NAMES].sort() as string[]).toEqual(Object.keys(everyHook).sort());
    expect(Object.keys(missingKind)).toEqual(["probe"]);
    expect(HOOK_NAMES.filter((h) => HOOKS[h].required)).toEqual(["probe"]);
    expect(HOOKS.onBenchmark.kind).toBe("parallel");
  });

  test("teardown is the exact reverse of wrap once enforce reorders the plugins", async () => {
    const order: string[] = [];
    const mk = (name: string, enforce?: "pre" | "post") =>
      createTestPlugin({ name, enforce, wrap: (c) => (order.push(`wrap ${name}`), c), teardown: () => void order.push(`teardown ${name}`) });
    const set = sortPlugins([mk("post", "post"), mk("a"), mk("pre", "pre"), mk("b")]);
    await reduceWrap(set, { argv: ["true"], env: {}, cwd: "/" });
    await runTeardown(set, { status: "ok" });
    const wraps = order.filter((o) => o.startsWith("wrap")).map((o) => o.slice(5));
    const teardowns = order.filter((o) => o.startsWith("teardown")).map((o) => o.slice(9));
    expect(wraps).toEqual(["pre", "a", "b", "post"]);
    expect(teardowns).toEqual([...wraps].reverse());
  });

  test("start's state reaches wrap, onBenchmark and teardown; teardown gets how the run ended", async () => {
    const seen: unknown[] = [];
    const p = createTestPlugin({
      name: "stateful",
      start: () => ({ n: 1 }),
      wrap: (c, _ctx, s) => (seen.push(["wrap", s]), c),
      onBenchmark: (_e, _ctx, s) => void seen.push(["event", s]),
      teardown: (_ctx, s, ended) => void seen.push(["teardown", s, ended.status]),
    });
    await runStart([p]);
    await reduceWrap([p], { argv: ["true"], env: {}, cwd: "/" });
    await dispatchEvent([p], { type: "start", timestampNs: 1n }, () => {});
    await runTeardown([p], { status: "interrupted", error: new Error("SIGINT") });
    expect(seen).toEqual([["wrap", { n: 1 }], ["event", { n: 1 }], ["teardown", { n: 1 }, "interrupted"]]);
  });

  test("onBenchmark hooks share one time budget: two slow plugins answer within one budget, not two", async () => {
    const slow = (name: string) => createTestPlugin({ name, onBenchmark: () => new Promise<void>((r) => setTimeout(r, 300)) });
    const started = performance.now();
    expect(await dispatchEvent([slow("a"), slow("b"), slow("c")], { type: "stop", timestampNs: 1n }, () => {})).toBeUndefined();
    // In turn they would take 900 ms; in parallel about 300 ms (generous bound for a loaded machine).
    expect(performance.now() - started).toBeLessThan(800);
  });
});
