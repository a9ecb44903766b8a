import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SIM_FIXTURES, parseFixture } from "../../test/simulation/fixtures.ts";
import { jitAddress, parsePerfMap, perfMapLookup } from "./perf-map.ts";
import { JIT_OBJECT, symbolizeFunctions } from "./symbolize.ts";
import { functionList } from "../../test/simulation/parse-snapshots-shape.ts";

const map = parsePerfMap(readFileSync(join(SIM_FIXTURES, "node-combined.perf.map"), "utf8"));

test("parsePerfMap() reads V8's perf map lines, names with spaces included", () => {
  expect(map[0]).toEqual({ start: 0xd139340, size: 0x100, name: "Function:fib file:///work/main/test/fixtures/simulation/suite/bench.mjs:7:13" });
  expect(parsePerfMap("garbage\n\n12 4 x y")).toEqual([{ start: 0x12, size: 4, name: "x y" }]);
});

test("perfMapLookup() finds the entry containing an address, and nothing outside entries", () => {
  const lookup = perfMapLookup(map);
  expect(lookup(0xd139354)).toStartWith("Function:fib ");
  expect(lookup(0xd139340 + 0x100)).not.toStartWith("Function:fib ");
  expect(lookup(0x1)).toBeUndefined();
});

test("perfMapLookup() lets the last entry for a start address win (code regenerated in place)", () => {
  const lookup = perfMapLookup(parsePerfMap("100 10 old\n100 10 new"));
  expect(lookup(0x105)).toBe("new");
});

test("jitAddress() reads callgrind's unknown-function names, recursion suffix included", () => {
  expect(jitAddress("0x000000000d139340")).toEqual({ address: 0xd139340, suffix: "" });
  expect(jitAddress("0x000000000d139340'2")).toEqual({ address: 0xd139340, suffix: "'2" });
  expect(jitAddress("fib")).toBeUndefined();
});

test("symbolizeFunctions() names the JIT frames of a real benchmark part and keeps its total self cost", async () => {
  const out = await parseFixture("node-combined.out.gz", { functionsFor: (p) => p.uri !== undefined });
  const fib = out.parts[1]!;
  const named = functionList(symbolizeFunctions(fib.functions!, perfMapLookup(map)));
  const before = functionList(fib.functions!);
  const fibFn = named.find((f) => f.object === JIT_OBJECT && f.name.startsWith("Function:fib "));
  expect(fibFn).toBeDefined();
  expect(fibFn!.inclusive[0]!).toBeGreaterThan(0);
  const edge = named.flatMap((f) => f.callees).find((e) => e.name.startsWith("Function:fib ") && e.object === JIT_OBJECT);
  expect(edge).toBeDefined();
  const selfIr = (fns: { self: number[] }[]) => fns.reduce((s, f) => s + f.self[0]!, 0);
  expect(selfIr(named)).toBe(selfIr(before));
  expect(named.length).toBeLessThan(before.length);
});
