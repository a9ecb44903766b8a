import { expect, test } from "bun:test";
import { allocatorCost, subtractCost } from "./allocations.ts";
import { Readable } from "node:stream";
import { parseCallgrind } from "./parse-callgrind.ts";

/** A one-event callgrind file of `fn=` blocks, each calling its callees once with the given inclusive Ir. */
async function parsed(fns: Array<[string, Array<[string, number]>]>) {
  const body = fns.map(([name, callees]) => `fn=${name}\n0 0\n${callees.map(([n, ir]) => `cfn=${n}\ncalls=1 0\n0 ${ir}\n`).join("")}`);
  const text = `version: 1\npositions: line\nevents: Ir\nob=/lib/libc.so.6\n${body.join("")}totals: 0\n`;
  return (await parseCallgrind(Readable.from([text]), { functionsFor: () => true })).parts[0]!.functions;
}

test("allocatorCost() counts calls into the allocator once, not the allocator's calls among itself", async () => {
  const functions = await parsed([["main", [["malloc", 100], ["work", 50], ["free", 30]]], ["work", [["_Znwm", 7]]], ["realloc", [["malloc", 40]]], ["malloc'2", [["free", 5]]]]);
  expect(allocatorCost(functions, 1)).toEqual([137]);
});

test("subtractCost() never goes below zero", () => {
  expect(subtractCost([10, 3], [4, 5])).toEqual([6, 0]);
});
