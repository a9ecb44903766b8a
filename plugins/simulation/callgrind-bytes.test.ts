import { expect, test } from "bun:test";
import { addCostLine } from "./callgrind-bytes.ts";

const enc = new TextEncoder();

/** Adds the first line of `text` (2 position fields, 3 columns); returns the sums and where the line ended. */
function add(text: string, width = 3) {
  const buf = enc.encode(text);
  const a = new Float64Array(width);
  const b = new Float64Array(width + 1);
  const end = addCostLine(buf, 0, buf.length, 2, a, 0, b, 1, width);
  return { a: Array.from(a), b: Array.from(b.subarray(1)), end };
}

test("columns after the position fields are added into both accumulators; the newline's index is returned", () => {
  expect(add("0x1f 3 10 20 30\nnext")).toEqual({ a: [10, 20, 30], b: [10, 20, 30], end: 15 });
});

test("missing trailing columns add nothing, extra ones are ignored up to the newline", () => {
  expect(add("+2 * 7\n")).toEqual({ a: [7, 0, 0], b: [7, 0, 0], end: 6 });
  expect(add("1 2 1 2 3 4 5\n9 9 9")).toEqual({ a: [1, 2, 3], b: [1, 2, 3], end: 13 });
});

test("tabs, CRLF and a line without newline read like spaces", () => {
  expect(add("1\t2\t4\t5 \r\n")).toEqual({ a: [4, 5, 0], b: [4, 5, 0], end: 9 });
  expect(add("1 2 4 5")).toEqual({ a: [4, 5, 0], b: [4, 5, 0], end: 7 });
});

test("a field that is not plain digits is read as Number() reads it", () => {
  expect(add("1 2 -3 1e3 12x\n").a).toEqual([-3, 1000, Number.NaN]);
});
