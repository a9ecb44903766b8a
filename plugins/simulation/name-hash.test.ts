import { expect, test } from "bun:test";
import { hashHigh, hashName } from "./name-hash.ts";

const enc = new TextEncoder();

/** Both halves of the hash of `s`, placed at `at` in a buffer of other bytes. */
function hash(s: string, at = 0, fill = 120): string {
  const b = enc.encode(s);
  const buf = new Uint8Array(at + b.length + 19).fill(fill);
  buf.set(b, at);
  const a = hashName(buf, at, at + b.length);
  return `${a}:${hashHigh.value}`;
}

test("a name hashes the same wherever its bytes lie, whatever bytes surround them", () => {
  for (const s of ["", "a", "main", "x".repeat(15), "y".repeat(16), "z".repeat(17), "std::vector<int>::push_back(int&&)'main'0x1ab70", "größe".repeat(9)]) {
    expect(hash(s, 0, 32)).toBe(hash(s, 7, 255));
    expect(hash(s, 3, 10)).toBe(hash(s, 64, 0));
  }
});

test("names that differ in one byte, at any place, or only in length, differ in both halves", () => {
  const lows = new Set<string>();
  const highs = new Set<string>();
  let n = 0;
  for (let len = 1; len <= 70; len++) {
    const base = "q".repeat(len);
    for (let p = 0; p < len; p++) {
      const [low, high] = hash(`${base.slice(0, p)}r${base.slice(p + 1)}`).split(":");
      lows.add(low!);
      highs.add(high!);
      n++;
    }
    const [low, high] = hash(base).split(":");
    lows.add(low!);
    highs.add(high!);
    n++;
  }
  expect(lows.size).toBe(n);
  expect(highs.size).toBe(n);
});

test("100,000 caller chains that share most of their bytes are all told apart", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i++) seen.add(hash(`Function:fib'run'0x${i.toString(16).padStart(12, "0")}'bench'main`));
  expect(seen.size).toBe(100_000);
});
