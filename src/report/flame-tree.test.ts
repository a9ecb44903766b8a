import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { RunRecord } from "../results/run-record.ts";
import { readFunctions, treeFromFolded, treeFromFunctions, type FlameNode } from "./flame-tree.ts";

const FIX = `${import.meta.dir}/../../test/fixtures/history`;

function check(n: FlameNode): void {
  const sum = [...n.children.values()].reduce((a, c) => a + c.value, 0);
  expect(sum).toBeLessThanOrEqual(n.value * (1 + 1e-9));
  n.children.forEach(check);
}

describe("treeFromFolded()", () => {
  test("sums stacks into a tree and skips malformed lines", () => {
    const t = treeFromFolded("main;a;b 3\nmain;a 2\nmain;c 5\nnot a stack line\n\n", "bench");
    expect(t.value).toBe(10);
    expect(t.children.get("main")!.value).toBe(10);
    expect(t.children.get("main")!.children.get("a")!.value).toBe(5);
    expect(t.children.get("main")!.children.get("a")!.children.get("b")!.value).toBe(3);
  });

  test("reads the walltime plugin's real folded output (perf samples of fib 15)", () => {
    const t = treeFromFolded(readFileSync(`${FIX}/walltime-fib15.folded`, "utf8"));
    expect(t.value).toBe(48);
    expect(t.children.get("node")!.value).toBe(48);
    expect([...t.children.get("node")!.children.keys()].some((k) => k.includes("fib"))).toBe(true);
    check(t);
  });
});

describe("treeFromFunctions()", () => {
  test("expands call edges by name and cuts recursion", () => {
    const fns = readFunctions([
      { name: "main", self: 10, inclusive: 100, callees: [{ name: "a", inclusive: 60 }, { name: "b", inclusive: 30 }] },
      { name: "a", self: 20, inclusive: 60, callees: [{ name: "a", inclusive: 40 }] },
      { name: "b", self: 30, inclusive: 30 },
    ])!;
    const t = treeFromFunctions(fns);
    expect(t.value).toBe(100);
    const main = t.children.get("main")!;
    expect(main.children.get("a")!.value).toBe(60);
    expect(main.children.get("a")!.children.size).toBe(0);
    expect(main.children.get("b")!.value).toBe(30);
  });

  test("flat self costs when there are no edges", () => {
    const t = treeFromFunctions(readFunctions([{ name: "x", self: [7, 1], inclusive: [7, 1] }, { name: "y", self: 3 }])!);
    expect(t.value).toBe(10);
    expect(t.children.get("x")!.value).toBe(7);
  });

  test("reads the simulation plugin's real detail.functions (indexed calls, cost arrays)", () => {
    const run = JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(`${FIX}/simulation-run.json.gz`)))) as RunRecord;
    const fib = run.measurements[0]!.benchmarks.find((b) => b.name === "fib 20")!;
    const fns = readFunctions(fib.detail!.functions)!;
    expect(fns.length).toBeGreaterThan(10);
    const t = treeFromFunctions(fns, "fib 20");
    expect(t.value).toBeGreaterThan(0);
    check(t);
    const names: string[] = [];
    const walk = (n: FlameNode) => (names.push(n.name), n.children.forEach(walk));
    walk(t);
    expect(names.some((n) => n.includes("fib"))).toBe(true);
  });

  test("readFunctions() rejects what is not a list", () => {
    expect(readFunctions({ name: "x" })).toBeUndefined();
    expect(readFunctions([{ nope: 1 }])).toEqual([]);
  });
});

test("children whose edge costs exceed their caller's are scaled into it", () => {
  // Callgrind's inclusive costs of recursive cycles can exceed the caller's own.
  const t = treeFromFunctions(
    readFunctions([
      { name: "root", self: 0, inclusive: 10, calls: [[1, 1, 30], [2, 1, 10]] },
      { name: "a", self: 30, inclusive: 30 },
      { name: "b", self: 10, inclusive: 10 },
    ])!,
  );
  const root = t.children.get("root")!;
  expect(root.value).toBe(10);
  expect(root.children.get("a")!.value).toBeCloseTo(7.5, 10);
  expect(root.children.get("b")!.value).toBeCloseTo(2.5, 10);
  check(t);
});
