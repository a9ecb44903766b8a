import { expect, test } from "bun:test";
import { allocatorCost, subtractCost } from "./allocations.ts";
import type { FunctionCost } from "./function-costs.ts";

const fn = (name: string, callees: Array<[string, number]>): FunctionCost => ({
  name,
  object: "/lib/libc.so.6",
  self: [0],
  inclusive: [0],
  callees: callees.map(([n, ir]) => ({ name: n, object: "/lib/libc.so.6", calls: 1, inclusive: [ir] })),
});

test("allocatorCost() counts calls into the allocator once, not the allocator's calls among itself", () => {
  const functions = [fn("main", [["malloc", 100], ["work", 50], ["free", 30]]), fn("work", [["_Znwm", 7]]), fn("realloc", [["malloc", 40]]), fn("malloc'2", [["free", 5]])];
  expect(allocatorCost(functions, 1)).toEqual([137]);
});

test("subtractCost() never goes below zero", () => {
  expect(subtractCost([10, 3], [4, 5])).toEqual([6, 0]);
});
