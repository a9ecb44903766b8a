import { expect, test } from "bun:test";
import { NameInterner } from "./name-interner.ts";

const enc = new TextEncoder();
const idOf = (n: NameInterner, s: string) => {
  // Inside a larger buffer, as lines arrive.
  const b = enc.encode(`fn=${s}\n`);
  return n.id(b, 3, b.length - 1);
};

test("the same name gets the same id, wherever its bytes lie", () => {
  const n = new NameInterner();
  expect(idOf(n, "main")).toBe(idOf(n, "main"));
  expect(n.text(idOf(n, "main"))).toBe("main");
});

test("long names that differ in one byte are two names", () => {
  const n = new NameInterner();
  const a = "a".repeat(1000);
  const b = `${"a".repeat(101)}b${"a".repeat(898)}`;
  const ia = idOf(n, a);
  const ib = idOf(n, b);
  expect(ia).not.toBe(ib);
  expect([n.text(ia), n.text(ib)]).toEqual([a, b]);
  expect(idOf(n, b)).toBe(ib);
});

test("UTF-8 names decode as UTF-8, ASCII ones as themselves", () => {
  const n = new NameInterner();
  expect(n.text(idOf(n, "größe'µs"))).toBe("größe'µs");
  expect(n.text(idOf(n, "std::vector<int>::push_back(int&&)"))).toBe("std::vector<int>::push_back(int&&)");
});

test("thousands of names stay distinct as the byte store grows", () => {
  const n = new NameInterner();
  const ids = Array.from({ length: 5000 }, (_, i) => idOf(n, `fn_${i}_${"x".repeat(i % 300)}`));
  expect(new Set(ids).size).toBe(5000);
  expect(Array.from({ length: 5000 }, (_, i) => idOf(n, `fn_${i}_${"x".repeat(i % 300)}`))).toEqual(ids);
});

test("a non-ASCII name is still found after the reader's buffer is reused for other bytes", () => {
  const n = new NameInterner();
  const buf = new Uint8Array(64);
  // Each name lands where the reader happens to put it: a stored view of the buffer would change under it.
  const put = (s: string, at: number) => {
    const b = enc.encode(s);
    buf.fill(32);
    buf.set(b, at);
    return n.id(buf, at, at + b.length);
  };
  const a = put("größe", 0);
  const b = put("grüße", 20);
  expect(a).not.toBe(b);
  expect(put("größe", 40)).toBe(a);
  expect([n.text(a), n.text(b)]).toEqual(["größe", "grüße"]);
});
