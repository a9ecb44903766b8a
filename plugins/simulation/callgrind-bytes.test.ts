import { expect, test } from "bun:test";
import { addCostLines, firstValue } from "./callgrind-bytes.ts";

const enc = new TextEncoder();

/** Adds the cost lines at the start of `text` (2 position fields, 3 columns); returns the sums and where they ended. */
function add(text: string, one = true, width = 3) {
  const buf = enc.encode(text);
  const a = new Float64Array(width + 1);
  const end = addCostLines(buf, 0, buf.length, 2, a, 1, width, one);
  return { a: Array.from(a.subarray(1)), end, untouched: a[0] };
}

test("columns after the position fields are added at the accumulator's offset; the index after the newline is returned", () => {
  expect(add("0x1f 3 10 20 30\nnext")).toEqual({ a: [10, 20, 30], end: 16, untouched: 0 });
});

test("missing trailing columns add nothing, extra ones are ignored up to the newline", () => {
  expect(add("+2 * 7\n")).toEqual({ a: [7, 0, 0], end: 7, untouched: 0 });
  expect(add("1 2 1 2 3 4 5\n9 9 9")).toEqual({ a: [1, 2, 3], end: 14, untouched: 0 });
});

test("tabs, CRLF and a line without newline read like spaces", () => {
  expect(add("1\t2\t4\t5 \r\n")).toEqual({ a: [4, 5, 0], end: 10, untouched: 0 });
  expect(add("1 2 4 5")).toEqual({ a: [4, 5, 0], end: 7, untouched: 0 });
});

test("a field that is not plain digits is read as Number() reads it", () => {
  expect(add("1 2 -3 1e3 12x\n").a).toEqual([-3, 1000, Number.NaN]);
});

test("a run adds every cost line up to the first line that is not one, and stops before it", () => {
  const text = "0x1 3 1 2\n+1 * 10\n-2 4 100 0 7\ncalls=1 0x9\n0x9 1 5\n";
  expect(add(text, false)).toEqual({ a: [111, 2, 7], end: text.indexOf("calls="), untouched: 0 });
  expect(add(text, true)).toEqual({ a: [1, 2, 0], end: text.indexOf("+1"), untouched: 0 });
  // A run that reaches the end of the block without a newline.
  expect(add("1 2 3\n4 5 6", false)).toEqual({ a: [9, 0, 0], end: 11, untouched: 0 });
});

test("the first field of a calls= line: digits read in place, anything else as Number() reads it", () => {
  const first = (s: string) => {
    const b = enc.encode(`calls=${s}\n`);
    return firstValue(b, 6, b.length - 1);
  };
  expect(first("12 0x1f 3")).toBe(12);
  expect(first("  7")).toBe(7);
  expect(first("\t5 9")).toBe(5);
  expect(first("3\t9")).toBe(3);
  expect(first("1e3 4")).toBe(1000);
  expect(first("")).toBe(0);
  expect(first("x")).toBeNaN();
});
