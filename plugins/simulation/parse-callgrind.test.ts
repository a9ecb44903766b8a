import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { parseFixture, SIM_FIXTURES } from "../../test/simulation/fixtures.ts";
import { functionList } from "../../test/simulation/parse-snapshots-shape.ts";
import { parseCallgrind, uriOfTrigger } from "./parse-callgrind.ts";

const SUITE = "test/fixtures/simulation/suite/bench.mjs::sim";
const all = { functionsFor: () => true };

function sumSelf(events: string[], fns: { self: number[] }[]): number[] {
  return fns.reduce((s, f) => s.map((x, i) => x + (f.self[i] ?? 0)), events.map(() => 0));
}

describe("parseCallgrind() on a combined dump of a tinybench run (5 parts)", () => {
  test("finds one URI part per benchmark and ignores the metadata and termination parts", async () => {
    const out = await parseFixture("node-combined.out.gz");
    expect(out.creator).toBe("callgrind-3.19.0");
    expect(out.cmd).toContain("--allow-natives-syntax");
    expect(out.parts.map((p) => p.trigger)).toEqual([
      "Client Request: Metadata: codspeed-node 5.7.1",
      `Client Request: ${SUITE}::fib 12`,
      `Client Request: ${SUITE}::sort 200`,
      `Client Request: ${SUITE}::json roundtrip`,
      "Program termination",
    ]);
    expect(out.parts.map((p) => p.uri)).toEqual([undefined, `${SUITE}::fib 12`, `${SUITE}::sort 200`, `${SUITE}::json roundtrip`, undefined]);
  });

  test("takes costs from totals:, padding omitted trailing columns with 0", async () => {
    const out = await parseFixture("node-combined.out.gz");
    const [meta, fib, sort] = out.parts;
    expect(fib!.events).toEqual(["Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw", "sysCount", "sysTime", "sysCpuTime"]);
    expect(fib!.totals).toEqual([137568, 41656, 23619, 2579, 774, 312, 2356, 688, 297, 9, 166951, 131865]);
    expect(sort!.totals).toEqual([434562, 131749, 70919, 1398, 513, 172, 1289, 442, 169, 0, 0, 0]);
    expect(meta!.totals).toEqual(new Array(12).fill(0));
    expect(out.eventDescriptions.sysTime).toBe("sysTime (elapsed ns)");
  });

  test("per-function self costs of every benchmark part add up to its totals", async () => {
    const out = await parseFixture("node-combined.out.gz", { functionsFor: (p) => p.uri !== undefined });
    for (const part of out.parts) {
      if (!part.uri) {
        expect(part.functions).toBeUndefined();
        continue;
      }
      expect(part.functions!.count).toBeGreaterThan(100);
      expect(sumSelf(part.events, functionList(part.functions!))).toEqual(part.totals!);
    }
  });

  test("inclusive cost = self + calls made, and never less than self", async () => {
    const out = await parseFixture("node-combined.out.gz", all);
    const fib = functionList(out.parts[1]!.functions!);
    for (const f of fib) expect(f.inclusive[0]!).toBeGreaterThanOrEqual(f.self[0]!);
    const root = fib.find((f) => f.name === "instrument_hooks_start_benchmark");
    expect(root).toBeDefined();
    const callees = root!.callees.reduce((s, e) => s + e.inclusive[0]!, 0);
    expect(root!.inclusive[0]).toBe(root!.self[0]! + callees);
  });
});

describe("parseCallgrind() on single-dump files", () => {
  test("a traced child of the node shim has only a termination part with zero cost", async () => {
    const out = await parseFixture("child-mktemp.out", all);
    expect(out.cmd).toContain("mktemp");
    expect(out.parts).toHaveLength(1);
    expect(out.parts[0]!.trigger).toBe("Program termination");
    expect(out.parts[0]!.uri).toBeUndefined();
    expect(out.parts[0]!.totals![0]).toBe(0);
  });

  test("an exec child process (toggle-collect) keeps its whole cost in the termination part", async () => {
    const out = await parseFixture("exec-child.out.gz", all);
    expect(out.cmd).toBe("/bin/echo there");
    const part = out.parts[0]!;
    expect(part.totals!.slice(0, 3)).toEqual([185649, 45181, 20187]);
    expect(sumSelf(part.events, functionList(part.functions!))).toEqual(part.totals!);
  });

  test("name compression (--compress-strings=yes) resolves to the same functions as plain names", async () => {
    const plain = await parseFixture("true-plain.out.gz", all);
    const packed = await parseFixture("true-compressed.out.gz", all);
    const byName = (fns: { name: string; object: string; self: number[]; inclusive: number[] }[]) =>
      Object.fromEntries(fns.map((f) => [`${f.object}|${f.name}`, [f.self[0], f.inclusive[0]]]));
    expect(packed.parts[0]!.totals).toEqual(plain.parts[0]!.totals!);
    expect(byName(functionList(packed.parts[0]!.functions!))).toEqual(byName(functionList(plain.parts[0]!.functions!)));
    expect(functionList(packed.parts[0]!.functions!).some((f) => /^\(\d+\)/.test(f.name))).toBe(false);
    expect(functionList(packed.parts[0]!.functions!).some((f) => f.name === "(below main)")).toBe(true);
  });
});

test("uriOfTrigger() keeps client-request URIs only", () => {
  expect(uriOfTrigger("Client Request: a.mjs::b")).toBe("a.mjs::b");
  expect(uriOfTrigger("Client Request: Metadata: codspeed-node 5.7.1")).toBeUndefined();
  expect(uriOfTrigger("Program termination")).toBeUndefined();
});

describe("parseCallgrind() on layouts valgrind 3.19 does not write but other writers do", () => {
  /** A real fixture rewritten by `edit`, parsed from memory. */
  async function parseEdited(name: string, edit: (text: string) => string) {
    const text = gunzipSync(readFileSync(join(SIM_FIXTURES, name))).toString("utf8");
    return parseCallgrind(Readable.from([edit(text)]), all);
  }

  test("runs of spaces and tabs between cost columns separate columns like one space", async () => {
    const plain = await parseFixture("exec-child.out.gz", all);
    // Every space inside totals and cost lines becomes two spaces or a tab.
    const spaced = await parseEdited("exec-child.out.gz", (t) =>
      t.replace(/^(totals: |[0-9+*-])(.*)$/gm, (_, head: string, rest: string) => head + rest.replace(/ /g, (_s, i: number) => (i % 2 ? "\t" : "  "))));
    expect(spaced.parts[0]!.totals).toEqual(plain.parts[0]!.totals!);
    expect(spaced.parts[0]!.totals!.slice(0, 3)).toEqual([185649, 45181, 20187]);
    const byName = (fns: { name: string; object: string; self: number[]; inclusive: number[] }[]) =>
      Object.fromEntries(fns.map((f) => [`${f.object}|${f.name}`, [f.self, f.inclusive]]));
    expect(byName(functionList(spaced.parts[0]!.functions!))).toEqual(byName(functionList(plain.parts[0]!.functions!)));
  });

  test("headers before the first part: are file-level and do not make an empty part", async () => {
    // `positions:`, `event:` and `events:` moved above `part: 1` in every part-less header.
    const moved = await parseEdited("node-combined.out.gz", (t) => {
      const header = /\npositions: line\n(?:event: .*\n)*events: .*\n/.exec(t)![0];
      return t.replace("\npart: 1\n", `${header}part: 1\n`);
    });
    const plain = await parseFixture("node-combined.out.gz", all);
    expect(moved.parts.map((p) => p.index)).toEqual([1, 2, 3, 4, 5]);
    expect(moved.parts.every((p) => p.totals !== undefined)).toBe(true);
    expect(moved.parts.map((p) => p.totals)).toEqual(plain.parts.map((p) => p.totals));
    expect(moved.parts[1]!.uri).toBe(`${SUITE}::fib 12`);
  });

  test("a file without part: lines is one part, with the headers written before its costs", async () => {
    const out = await parseEdited("exec-child.out.gz", (t) => t.replace(/^part: 1\n/m, ""));
    expect(out.parts).toHaveLength(1);
    expect(out.parts[0]!.index).toBe(1);
    expect(out.parts[0]!.trigger).toBe("Program termination");
    expect(out.parts[0]!.totals!.slice(0, 3)).toEqual([185649, 45181, 20187]);
  });

  test("CRLF line ends read like LF: same totals, functions and names", async () => {
    const plain = await parseFixture("exec-child.out.gz", all);
    const crlf = await parseEdited("exec-child.out.gz", (t) => t.replace(/\n/g, "\r\n"));
    expect(crlf.parts[0]!.totals).toEqual(plain.parts[0]!.totals!);
    const costs = (fns: { self: number[]; inclusive: number[] }[]) => fns.map((f) => [f.self, f.inclusive]);
    expect(costs(functionList(crlf.parts[0]!.functions!))).toEqual(costs(functionList(plain.parts[0]!.functions!)));
  });

  test("a function name in UTF-8 keeps its characters", async () => {
    const out = await parseEdited("true-plain.out.gz", (t) => t.replace(/^(c?fn)=\(below main\)$/gm, "$1=größe_µs"));
    const names = functionList(out.parts[0]!.functions!).map((f) => f.name);
    expect(names).toContain("größe_µs");
    expect(names).not.toContain("(below main)");
  });

  test("a file cut off after its header still shows one part without totals (truncated)", async () => {
    const out = await parseEdited("exec-child.out.gz", (t) => t.slice(0, t.indexOf("\nsummary:")));
    expect(out.parts).toHaveLength(1);
    expect(out.parts[0]!.totals).toBeUndefined();
  });
});
