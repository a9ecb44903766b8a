import { expect, test } from "bun:test";
import { doubleColumn, intColumn } from "./column.ts";
import { CostVectors } from "./cost-vectors.ts";

/** A small deterministic generator, so that a failure repeats. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

test.each([12, 3, 31, 40])("packed vectors of width %i read back as the dense sums of what was added", (width) => {
  const next = random(width);
  const packed = new CostVectors(width);
  const dense: number[][] = [];
  for (let i = 0; i < 500; i++) {
    packed.add();
    dense.push(new Array(width).fill(0));
  }
  for (let k = 0; k < 5000; k++) {
    const i = Math.floor(next() * 500);
    // Mostly zeros, as in callgrind costs; sometimes a column the vector has never had.
    const values = Array.from({ length: width }, () => (next() < 0.3 ? Math.floor(next() * 2 ** 40) : 0));
    packed.addInto(i, values);
    values.forEach((v, j) => (dense[i]![j]! += v));
  }
  for (let i = 0; i < 500; i++) {
    expect(packed.vector(i)).toEqual(dense[i]!);
    for (let j = 0; j < width; j++) expect(packed.at(i, j)).toBe(dense[i]![j]!);
  }
});

test("a vector takes values from an offset, ignores what is past its width, and adds into a row", () => {
  const v = new CostVectors(3);
  v.add();
  v.add();
  v.addInto(1, [9, 9, 1, 2, 3, 4], 2);
  expect(v.vector(0)).toEqual([0, 0, 0]);
  expect(v.vector(1)).toEqual([1, 2, 3]);
  v.addInto(1, [0, 5]);
  expect(v.vector(1)).toEqual([1, 7, 3]);
  const row = new Float64Array(6);
  v.addTo(1, row, 3);
  v.addTo(1, row, 3);
  expect(Array.from(row)).toEqual([0, 0, 0, 2, 14, 6]);
});

test("columns keep their values across the first chunk's growth and across chunks, and read 0 past their end", () => {
  const ints = intColumn();
  const doubles = doubleColumn();
  for (let i = 0; i < 40_000; i++) {
    expect(ints.push(i * 3)).toBe(i);
    doubles.push(i * 2 ** 33);
  }
  ints.set(70_000, 7);
  ints.add(5, 1);
  expect([ints.get(0), ints.get(5), ints.get(16_383), ints.get(16_384), ints.get(39_999)]).toEqual([0, 16, 49_149, 49_152, 119_997]);
  expect([ints.get(50_000), ints.get(70_000), ints.get(70_001), ints.length]).toEqual([0, 7, 0, 70_001]);
  expect(doubles.get(39_999)).toBe(39_999 * 2 ** 33);
});
