import { describe, expect, test } from "bun:test";
import { distinctUris } from "./duplicate-uris.ts";

describe("distinctUris()", () => {
  test("keeps every duplicate, renames the later ones and warns once per URI naming the files", () => {
    const warnings: string[] = [];
    const e = (file: string, uri: string) => ({ file, bench: { name: uri.split("::").pop()!, uri } });
    const out = distinctUris([e("a.json", "x::fib"), e("a.json", "x::sort"), e("b.json", "x::fib"), e("b.json", "x::fib (2)")], (m) => warnings.push(m));
    expect(out.map((o) => o.bench.uri)).toEqual(["x::fib", "x::sort", "x::fib (3)", "x::fib (2)"]);
    expect(out[2]!.bench.name).toBe("fib (3)");
    expect(new Set(out.map((o) => o.bench.uri)).size).toBe(4);
    expect(warnings).toEqual(['Benchmark "x::fib" is reported 2 times (in "a.json", "b.json"): all are kept, the later ones as "x::fib (2)"…']);
  });

  test("says nothing when every URI is distinct", () => {
    const warnings: string[] = [];
    distinctUris([{ file: "a", bench: { name: "a", uri: "a" } }], (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });
});
